import dns from 'node:dns';
import type { LookupFunction, Socket } from 'node:net';
import { Agent, buildConnector, request, type Dispatcher } from 'undici';
import {
  addressRule,
  egressRules,
  hostPort,
  refusedAddressMessage,
  urlRefusal,
  type EgressRefusal,
  type EgressRules,
} from './egress-rules';

/** Thrown inside the connector when a target is refused; never leaves `send`. */
export class EgressRefusedError extends Error {
  constructor(readonly refusal: EgressRefusal) {
    super(`egress refused: ${refusal.rule}`);
    this.name = 'EgressRefusedError';
  }
}

export type ResolvedAddress = { address: string; family: number };
/** How names become addresses; DNS by default, a map in tests (a name that resolves to loopback). */
export type EgressResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type EgressRequest = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /**
   * Read the answer's body (up to this many bytes, the rest dropped) and its
   * `retry-after`: for provider control calls, whose answers carry the
   * provider's ids and reasons (docs/control-plane.md). Only the caller that
   * asks gets them; by default the body is discarded unread.
   */
  readAnswerBytes?: number;
};

/**
 * What happened, in our own words only: a remote answer's body and a
 * network error's text are never returned, so nothing a target says (or how
 * an internal port reacts) can be read back through a stored outcome.
 */
export type EgressOutcome =
  | { kind: 'answered'; status: number; answer?: EgressAnswer }
  | { kind: 'refused'; refusal: EgressRefusal }
  | { kind: 'failed'; reason: EgressFailure };

/** What `readAnswerBytes` read: the body as text (cut at the limit) and `retry-after`, when sent. */
export type EgressAnswer = { body: string; truncated: boolean; retryAfter: string | null };

export type EgressFailure =
  | 'no answer in time'
  | 'host not found'
  | 'connection refused'
  | 'connection closed'
  | 'TLS failed'
  | 'could not connect';

export type EgressSettings = {
  /** `EGRESS_ALLOW` as configured (`host:port,...`). */
  allow?: string;
  production: boolean;
  resolve?: EgressResolver;
};

export type Egress = {
  rules: EgressRules;
  /** Why `url` may not be called, or null: what is checked when a URL is saved. */
  refusalOf: (url: string) => EgressRefusal | null;
  /** One request through the policy: no redirects followed, the answer's body discarded unread. */
  send: (request: EgressRequest) => Promise<EgressOutcome>;
  close: () => Promise<void>;
};

/** Bytes of an answer read (and dropped) so its connection can be reused; a longer answer closes it instead. */
const DRAIN_LIMIT = 64 * 1024;

const systemResolver: EgressResolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * The one way out for calls to addresses that tenants configure (provider
 * callbacks now, menu and store calls next). The URL is checked before the
 * request (scheme, literal addresses, localhost), every name's resolved
 * addresses are checked before a socket is opened, and the socket's peer
 * address is checked again once connected, so neither a name that resolves
 * to an internal address nor one that changes between checks (DNS
 * rebinding) reaches an internal port. Allow-listed `host:port` entries skip
 * the address rules: that is how the demo and the tests reach the simulator.
 */
export function createEgress(settings: EgressSettings): Egress {
  const rules = egressRules(settings);
  const resolve = settings.resolve ?? systemResolver;

  const lookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const addresses = found.filter((entry) => !options.family || entry.family === options.family);
        for (const entry of addresses) {
          const rule = addressRule(entry.address);
          if (rule) {
            callback(new EgressRefusedError({ rule, message: refusedAddressMessage(rule, hostname) }), '', 0);
            return;
          }
        }
        const first = addresses[0];
        if (!first) {
          callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 0);
          return;
        }
        if (options.all) (callback as unknown as (e: null, all: ResolvedAddress[]) => void)(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: Error) => callback(error, '', 0),
    );
  };
  const open = buildConnector({});
  const guarded = buildConnector({ lookup });

  const agent = new Agent({
    connect: (options, callback) => {
      const host =
        options.hostname.includes(':') && !options.hostname.startsWith('[')
          ? `[${options.hostname}]`
          : options.hostname;
      const target = new URL(`${options.protocol}//${host}${options.port ? `:${options.port}` : ''}`);
      if (rules.allow.has(hostPort(target))) {
        open(options, callback);
        return;
      }
      const literal = addressRule(target.hostname);
      if (literal) {
        callback(
          new EgressRefusedError({ rule: literal, message: refusedAddressMessage(literal, target.hostname) }),
          null,
        );
        return;
      }
      guarded(options, (error, socket) => {
        if (error || !socket) {
          callback(error ?? new Error('no socket'), null);
          return;
        }
        // The lookup checked what it resolved; the peer is checked too, whatever path led to it.
        const peer = (socket as Socket).remoteAddress ?? '';
        const rule = peer === '' ? 'unspecified' : addressRule(peer);
        if (rule) {
          socket.destroy();
          callback(new EgressRefusedError({ rule, message: refusedAddressMessage(rule, target.hostname) }), null);
          return;
        }
        callback(null, socket);
      });
    },
  });

  return {
    rules,
    refusalOf: (url) => urlRefusal(url, rules),
    send: async (call) => {
      const refusal = urlRefusal(call.url, rules);
      if (refusal) return { kind: 'refused', refusal };
      try {
        const response = await request(call.url, {
          dispatcher: agent,
          method: call.method,
          headers: call.headers,
          body: call.body,
          signal: AbortSignal.timeout(call.timeoutMs),
        });
        if (call.readAnswerBytes !== undefined) {
          const answer = await readAnswer(response, call.readAnswerBytes);
          return { kind: 'answered', status: response.statusCode, answer };
        }
        await response.body.dump({ limit: DRAIN_LIMIT }).catch(() => undefined);
        return { kind: 'answered', status: response.statusCode };
      } catch (error) {
        const refused = refusedIn(error);
        if (refused) return { kind: 'refused', refusal: refused.refusal };
        return { kind: 'failed', reason: failureOf(error) };
      }
    },
    close: () => agent.close(),
  };
}

async function readAnswer(response: Dispatcher.ResponseData, limit: number): Promise<EgressAnswer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    if (size + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - size));
      truncated = true;
      response.body.destroy();
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  const retryAfter = response.headers['retry-after'];
  return {
    body: Buffer.concat(chunks).toString('utf8'),
    truncated,
    retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
  };
}

function refusedIn(error: unknown): EgressRefusedError | null {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof EgressRefusedError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** A network failure in a few words of ours, from its code (never its message, which may quote the target). */
function failureOf(error: unknown): EgressFailure {
  const { code, name } = (error ?? {}) as { code?: string; name?: string };
  if (name === 'TimeoutError' || name === 'AbortError' || /TIMEOUT/.test(code ?? '')) return 'no answer in time';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA') return 'host not found';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') {
    return 'connection closed';
  }
  if (code && /^ERR_TLS|^ERR_SSL|CERT|^DEPTH_ZERO|^UNABLE_TO/.test(code)) return 'TLS failed';
  return 'could not connect';
}
