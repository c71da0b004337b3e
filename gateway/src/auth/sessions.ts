import type { ApolloServerPlugin } from '@apollo/server';
import { CONTEXT_TOKEN_HEADER, contextTokenSigner, keptAlivePoster } from '@nexara/kit';

export type SessionChecker = {
  /** Whether the session (of a user of `tenantId`, the tenant its token names) is still open. */
  isActive: (sessionId: string, tenantId: string) => Promise<boolean>;
  /** The bus said the session ended: forget any "open" answer at once. */
  ended: (sessionId: string) => void;
};

const SESSION_ACTIVE = `query SessionActive($id: ID!) { sessionActive(id: $id) }`;

/** Ended sessions never reopen: a "no" is kept this long (bounded by MAX_CACHED like the rest). */
const ENDED_KEPT_MS = 10 * 60_000;
const MAX_CACHED = 50_000;

/**
 * Asks the tenants subgraph whether a session is open, with a short cache.
 *
 * Why this mechanism (a session row checked per request, cached for at most
 * `cacheMs`, dropped early by a `session.ended` event on the bus) and not
 * short access tokens with rotating refresh tokens: a refresh scheme still
 * leaves every token valid until it expires and does nothing for a socket
 * that stays open for hours, so it would need this check anyway; it would
 * also make every client (the dashboard, scripts, sockets) handle refreshes.
 * One table answers for HTTP and sockets alike, the event makes revocation
 * immediate on every gateway, and the cache bounds it even when an event is
 * lost (bus reconnecting): after `cacheMs` the gateway asks again and reads
 * the ended row. The cost is one indexed lookup per session per `cacheMs`.
 */
export function createSessionChecker(options: {
  tenantsUrl: string;
  internalTokenSecret: string;
  cacheMs: number;
  timeoutMs: number;
  now?: () => number;
}): SessionChecker {
  const now = options.now ?? Date.now;
  const sign = contextTokenSigner(options.internalTokenSecret);
  const post = keptAlivePoster();
  const cache = new Map<string, { active: boolean; until: number }>();
  const inFlight = new Map<string, Promise<boolean>>();

  const remember = (sessionId: string, active: boolean, forMs: number): void => {
    // An "ended" answer (from the bus or a check) is never overwritten by an older "open" one still in flight.
    if (active && cache.get(sessionId)?.active === false) return;
    cache.delete(sessionId);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(sessionId, { active, until: now() + forMs });
  };

  const ask = async (sessionId: string, tenantId: string): Promise<boolean> => {
    const token = await sign({ kind: 'service', service: 'gateway', tenantId });
    const answer = await post(options.tenantsUrl, {
      headers: { 'content-type': 'application/json', [CONTEXT_TOKEN_HEADER]: token },
      body: JSON.stringify({ query: SESSION_ACTIVE, variables: { id: sessionId } }),
      timeoutMs: options.timeoutMs,
    });
    const result = parse(answer.body) as { data?: { sessionActive?: unknown }; errors?: { message: string }[] } | null;
    const active = result?.data?.sessionActive;
    if (answer.status !== 200 || typeof active !== 'boolean') {
      throw new Error(
        `sessionActive failed: HTTP ${answer.status} ${result?.errors?.map((e) => e.message).join('; ') ?? 'no GraphQL answer'}`,
      );
    }
    return active;
  };

  return {
    isActive: async (sessionId, tenantId) => {
      const cached = cache.get(sessionId);
      if (cached && cached.until > now()) return cached.active;
      const key = `${tenantId}/${sessionId}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = ask(sessionId, tenantId).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      const active = await pending;
      remember(sessionId, active, active ? options.cacheMs : ENDED_KEPT_MS);
      return cache.get(sessionId)?.active ?? active;
    },
    ended: (sessionId) => remember(sessionId, false, ENDED_KEPT_MS),
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * The gateway that served a `logout` forgets the session at once: the
 * caller's token is refused by the next request here, as the dashboard's
 * sign-out promises, instead of when the `session.ended` event comes back
 * over the bus (other gateways learn it that way, within seconds). Under
 * load that round trip took long enough for the signed-out token to be
 * served once more (the sessions browser spec, on a CI rehearsal).
 */
export function forgetSessionOnLogout(sessions: SessionChecker): ApolloServerPlugin<{ sessionId?: string }> {
  return {
    requestDidStart: async () => ({
      willSendResponse: async ({ contextValue, operation, response }) => {
        if (!contextValue.sessionId || operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        const loggedOut = operation.selectionSet.selections.some((selection) => {
          if (selection.kind !== 'Field' || selection.name.value !== 'logout') return false;
          const key = selection.alias?.value ?? selection.name.value;
          return typeof data?.[key] === 'boolean' && !errors?.some((error) => error.path?.[0] === key);
        });
        if (loggedOut) sessions.ended(contextValue.sessionId);
      },
    }),
  };
}
