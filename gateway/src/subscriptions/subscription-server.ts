import { SESSION_ENDED_EVENT, type BusEvent, type EventBus, type Identity, type Logger } from '@nexara/kit';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationTypeNode,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { QueryLimits } from '../graphql/limits/query-limits';
import type { TrustedDocuments } from '../graphql/trusted-documents';
import { createEventFanOut, type SharedWork } from './event-fan-out';
import { eventStream } from './event-stream';
import { checkSocketOperation, type SocketOperationPayload } from './socket-operation';
import { checkWithRetries, reReadWithRetries } from './re-read';
import { createReReadBatcher, type BatchedReRead } from './re-read-batcher';
import { VersionTracker } from './version-tracker';
import { eventConcerns, prepareSubscription, splitHidden, type PreparedSubscription } from './subscription-fields';

/** Runs one operation through a gateway as `identity` (the same path HTTP requests take). */
export type OperationRunner = (
  query: string,
  variables: Record<string, unknown>,
  identity: Identity,
  operationName?: string,
  /** The client's address, for operations a client sends (sign-in throttling); none for re-reads. */
  sourceAddress?: string,
) => Promise<ExecutionResult>;

/** Who is on the other end of a socket, as its `connectionParams` proved. */
export type Subscriber = {
  /** Its `tenantId` is the one tenant whose events it receives (a platform admin: the tenant it acts in). */
  identity: Extract<Identity, { kind: 'user' | 'partner' }>;
  /**
   * Everything besides the tenant that decides what a re-read returns for
   * this subscriber (a user's role; a key's scopes). Subscribers with the
   * same audience share re-reads; see `reReadKey`.
   */
  audience: string;
  /** When the credentials run out: the socket is closed with 4401 then. */
  expiresAt?: Date;
  /**
   * Asks whether the credentials still hold (an API key can be revoked at
   * any time), before each operation and each delivery; deliveries of one
   * event share the answer per `key`. False closes the socket with 4401.
   */
  stillValid?: { key: string; check: () => Promise<boolean> };
  /**
   * The sign-in session behind the socket: a `session.ended` event for it on
   * the bus closes the socket at once, and `stillValid` is also asked every
   * `sessionRecheckMs` in case such an event was lost.
   */
  sessionId?: string;
  /** Refuses an operation before it runs (a key's scopes and rate limit); null lets it run. */
  admit?: (operation: { type: OperationTypeNode; rootField: string }) => Promise<GraphQLError | null>;
};

/**
 * What an authenticator answers for credentials that name a sign-in session
 * which has ended before its time (signed out, user disabled, role or
 * password changed): the socket is closed with 4401 and the reason
 * 'Session ended', as a socket whose session ends while it is open, so a
 * client tells the two kinds of refusal apart however the timing falls (a
 * dashboard that connects just after its session was ended elsewhere says
 * so, not that the session expired).
 */
export const SESSION_ENDED = 'session ended';

/**
 * The subscriber that `connectionParams` name; null for credentials that
 * prove nothing (closed with 4401 'Unauthorized'), SESSION_ENDED for a
 * session ended before its time. Throwing means "could not tell" (4500).
 */
export type SubscriberAuthenticator = (
  connectionParams: Record<string, unknown> | undefined,
) => Promise<Subscriber | typeof SESSION_ENDED | null>;

export type SubscriptionServerOptions = {
  /** What operations are validated against: what this endpoint's clients may ask for. */
  schema: () => GraphQLSchema;
  run: OperationRunner;
  bus: EventBus;
  authenticate: SubscriberAuthenticator;
  production: boolean;
  logger: Logger;
  /** How often sockets with a session re-check it (see `Subscriber.sessionId`); unset: never. */
  sessionRecheckMs?: number;
  /** The same depth, alias, token and cost limits as the endpoint's HTTP side. */
  limits: QueryLimits;
  /** Persisted documents: named by hash, and in production the only ones a browser's socket may run. */
  trusted: TrustedDocuments | null;
  /** Largest message a client may send; a bigger one closes the socket (1009). */
  maxMessageBytes: number;
  /** Open subscriptions one socket, and one user or API key over all its sockets, may hold. */
  maxSubscriptionsPerSocket: number;
  maxSubscriptionsPerPrincipal: number;
};

/** Closing codes graphql-ws clients understand: 4401 means "sign in again". */
const UNAUTHORIZED = 4401;
/** The close reason (with 4401) for a session ended before its time; any other 4401 is expired or bad credentials. */
const SESSION_ENDED_REASON = 'Session ended';

/**
 * The close reason when `stillValid` says no: for a sign-in session, that it
 * ended (whichever check noticed first: the bus event, the sweep, or the
 * check before an operation or a delivery, which on the gateway that served
 * the sign-out comes before the event does); for an API key, revoked or expired.
 */
function noLongerValid(subscriber: Subscriber): string {
  return subscriber.sessionId ? SESSION_ENDED_REASON : 'Credentials revoked or expired';
}
/**
 * "Try again later" (RFC 6455): the credentials could not be checked. A
 * graphql-ws client reconnects after it (4500 would stop it for good), and
 * a dashboard shows it is reconnecting instead of quietly missing changes.
 */
const TRY_AGAIN_LATER = 1013;

type SocketExtra = { subscriber?: Subscriber; expiryTimer?: NodeJS.Timeout; subscriptions?: number };
type SocketContext = {
  subscriber: Subscriber;
  closeUnauthorized: (reason: string) => void;
  /** The credentials could not be checked: the client should reconnect (see TRY_AGAIN_LATER). */
  closeUnverified: (reason: string) => void;
  sourceAddress: string | undefined;
  /** Takes a place for one more subscription (released by the returned function), or says why not. */
  reserveSubscription: () => GraphQLError | (() => void);
};

/**
 * What became of one change at one subscription: `sent` to the client;
 * `filtered` out by the subscription's own arguments; `not_visible`, the
 * re-read answered nothing without an error (the subject is not this
 * subscriber's, or has no such version); `failed`, the re-read still failed
 * after its retries (logged as an error: a change the subscriber misses);
 * `skipped`, a version the subscription had already handled (a repeated or
 * late announcement, see `VersionTracker`).
 * Counted on `/metrics` (`nexara_subscription_deliveries_total`): a
 * `not_visible` count that rises for a subscriber who should see every
 * change is the place to look when a dashboard misses one.
 */
export type DeliveryOutcome = 'sent' | 'filtered' | 'not_visible' | 'failed' | 'skipped';

function noDeliveriesYet(): Record<DeliveryOutcome, number> {
  return { sent: 0, filtered: 0, not_visible: 0, failed: 0, skipped: 0 };
}

/**
 * GraphQL over WebSocket (graphql-ws) for one endpoint, on a `noServer`
 * WebSocketServer (the caller routes HTTP upgrades to it by path).
 * Apollo Gateway cannot execute subscriptions, so each subscription listens
 * to the event bus and, for every event that concerns it, re-runs the
 * client's own selection as a query through the gateway under the
 * subscriber's identity: the payload is federated, and tenant isolation is
 * enforced by the subgraphs exactly as for any query. Queries and mutations
 * sent over the socket go through the gateway too.
 */
export function createSubscriptionServer(options: SubscriptionServerOptions): {
  wsServer: WebSocketServer;
  /** Re-read queries run so far (one per event and distinct `reReadKey`): what batching saves shows here. */
  reReads: () => number;
  /** What became of each change a subscription heard of, so far (see `DeliveryOutcome`). */
  deliveries: () => Readonly<Record<DeliveryOutcome, number>>;
  /** Subscriptions open now (each listens to the bus). */
  active: () => number;
  close: () => Promise<void>;
} {
  // maxPayload: ws refuses a bigger message by closing the socket with 1009 (message too big) before parsing it.
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  const reserve = subscriptionPlaces(options);
  const fanOut = createEventFanOut(options.bus);
  const sessionSockets = sessionSocketRegistry(options);
  const counter = { reReads: 0 };
  const deliveries = noDeliveriesYet();
  const countedRun: OperationRunner = (...args) => {
    counter.reReads += 1;
    return options.run(...args);
  };
  const batched = createReReadBatcher(countedRun);

  const serverCleanup = useServer<Record<string, unknown>, SocketExtra>(
    {
      schema: () => options.schema(),
      isProd: options.production,
      // Every operation meets the HTTP side's rules before it runs (graphql-ws's own parse and validation are skipped).
      onSubscribe: (ctx, _id, payload) => {
        const browser = ctx.extra.request.headers.origin !== undefined;
        const schema = options.schema();
        const checked = checkSocketOperation(payload as SocketOperationPayload, {
          schema,
          limits: options.limits,
          trusted: options.trusted,
          trustedOnly: options.production && browser ? options.trusted : null,
        });
        if ('document' in checked) return { schema, ...checked };
        return [...checked];
      },
      onConnect: async (ctx) => {
        // A throw means the check itself failed (say the tenants service is down): graphql-ws closes with 4500, not 4401.
        const subscriber = await options.authenticate(ctx.connectionParams);
        if (subscriber === SESSION_ENDED || !subscriber) {
          ctx.extra.socket.close(UNAUTHORIZED, subscriber === SESSION_ENDED ? SESSION_ENDED_REASON : 'Unauthorized');
          return false;
        }
        ctx.extra.subscriber = subscriber;
        // Registered in the same turn as the authentication's answer: no bus event can come in between (an event
        // during the check itself overrides its answer in the session checker, see createSessionChecker).
        sessionSockets.add(ctx.extra.socket, subscriber);
        if (subscriber.expiresAt) {
          ctx.extra.expiryTimer = setTimeout(
            () => ctx.extra.socket.close(UNAUTHORIZED, 'Session expired'),
            Math.max(0, subscriber.expiresAt.getTime() - Date.now()),
          );
          ctx.extra.expiryTimer.unref();
        }
        return true;
      },
      onClose: (ctx) => {
        clearTimeout(ctx.extra.expiryTimer);
        sessionSockets.remove(ctx.extra.socket);
      },
      context: (ctx): SocketContext => ({
        subscriber: ctx.extra.subscriber!,
        closeUnauthorized: (reason) => ctx.extra.socket.close(UNAUTHORIZED, reason),
        closeUnverified: (reason) => ctx.extra.socket.close(TRY_AGAIN_LATER, reason),
        sourceAddress: ctx.extra.request.socket.remoteAddress,
        reserveSubscription: () => reserve(ctx.extra, ctx.extra.subscriber!),
      }),
      execute: (args: ExecutionArgs) => execute(args, options),
      subscribe: (args: ExecutionArgs) =>
        subscribe(args, { ...options, run: countedRun }, fanOut.listen, batched, (outcome) => {
          deliveries[outcome] += 1;
        }),
    },
    wsServer,
  );

  return {
    wsServer,
    reReads: () => counter.reReads,
    deliveries: () => deliveries,
    active: fanOut.size,
    close: async () => {
      fanOut.close();
      sessionSockets.close();
      // graphql-ws waits for every socket's closing handshake; a client that never answers must not hold shutdown.
      await Promise.race([serverCleanup.dispose(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      // ws's close() stops new connections but leaves open ones: cut them, or shutdown waits on every client.
      for (const client of wsServer.clients) client.terminate();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

/**
 * Caps subscriptions per socket and per principal (a user, or an API key)
 * over all its sockets on this gateway: over a cap the new subscription is
 * refused with TOO_MANY_SUBSCRIPTIONS, the open ones go on.
 */
function subscriptionPlaces(
  options: SubscriptionServerOptions,
): (socket: SocketExtra, subscriber: Subscriber) => GraphQLError | (() => void) {
  const perPrincipal = new Map<string, number>();
  const tooMany = (message: string, limit: number) =>
    new GraphQLError(message, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit } });
  return (socket, subscriber) => {
    const { identity } = subscriber;
    const principal = identity.kind === 'user' ? `user:${identity.userId}` : `key:${identity.apiKeyId}`;
    const onSocket = socket.subscriptions ?? 0;
    const ofPrincipal = perPrincipal.get(principal) ?? 0;
    if (onSocket >= options.maxSubscriptionsPerSocket) {
      const limit = options.maxSubscriptionsPerSocket;
      return tooMany(`This socket already has ${onSocket} subscriptions open; the limit is ${limit}.`, limit);
    }
    if (ofPrincipal >= options.maxSubscriptionsPerPrincipal) {
      const limit = options.maxSubscriptionsPerPrincipal;
      return tooMany(`You already have ${ofPrincipal} subscriptions open; the limit is ${limit}.`, limit);
    }
    socket.subscriptions = onSocket + 1;
    perPrincipal.set(principal, ofPrincipal + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      socket.subscriptions = (socket.subscriptions ?? 1) - 1;
      const left = (perPrincipal.get(principal) ?? 1) - 1;
      if (left > 0) perPrincipal.set(principal, left);
      else perPrincipal.delete(principal);
    };
  };
}

type SessionSocket = { close: (code: number, reason: string) => void };

/**
 * Closes sockets whose sign-in session ended, with 4401, within seconds.
 * Two paths, because either alone falls short: the `session.ended` bus
 * event closes them at once on every gateway, and a sweep every
 * `sessionRecheckMs` asks again (through the same short cache HTTP uses)
 * for sockets whose event was lost while the bus reconnected. An idle
 * socket is closed as surely as a busy one; checking only before each
 * delivery would leave a quiet socket open, and a timer per socket would
 * cost as many timers as sockets.
 */
function sessionSocketRegistry(options: SubscriptionServerOptions): {
  add: (socket: SessionSocket, subscriber: Subscriber) => void;
  remove: (socket: SessionSocket) => void;
  close: () => void;
} {
  const sockets = new Map<SessionSocket, Subscriber>();
  const closeUnauthorized = (socket: SessionSocket): void => {
    sockets.delete(socket);
    socket.close(UNAUTHORIZED, SESSION_ENDED_REASON);
  };
  const unsubscribe = options.bus.subscribe((event) => {
    if (event.kind !== SESSION_ENDED_EVENT) return;
    for (const [socket, subscriber] of sockets) if (subscriber.sessionId === event.id) closeUnauthorized(socket);
  });
  let sweeping = false;
  const sweep = async (): Promise<void> => {
    if (sweeping) return;
    sweeping = true;
    try {
      for (const [socket, subscriber] of [...sockets]) {
        const valid = await subscriber.stillValid?.check().catch((error: unknown) => {
          options.logger.warn({ err: error }, 'session re-check failed; the socket stays open until the next one');
          return true;
        });
        if (valid === false && sockets.has(socket)) closeUnauthorized(socket);
      }
    } finally {
      sweeping = false;
    }
  };
  const timer = options.sessionRecheckMs ? setInterval(() => void sweep(), options.sessionRecheckMs) : null;
  timer?.unref();
  return {
    add: (socket, subscriber) => {
      if (subscriber.sessionId) sockets.set(socket, subscriber);
    },
    remove: (socket) => sockets.delete(socket),
    close: () => {
      unsubscribe();
      if (timer) clearInterval(timer);
      sockets.clear();
    },
  };
}

function operationOf(args: ExecutionArgs): { type: OperationTypeNode; rootField: string } {
  const operation = getOperationAST(args.document, args.operationName);
  const root = operation?.selectionSet.selections[0];
  return { type: operation!.operation, rootField: root?.kind === Kind.FIELD ? root.name.value : '' };
}

const failure = (error: GraphQLError): ExecutionResult => ({ errors: [error] });

/**
 * The checks every operation passes before it runs: the credentials still
 * hold (otherwise the socket closes), then the subscriber's own rules.
 */
async function admit(args: ExecutionArgs): Promise<GraphQLError | null> {
  const { subscriber, closeUnauthorized } = args.contextValue as SocketContext;
  if (subscriber.stillValid && !(await subscriber.stillValid.check())) {
    closeUnauthorized(noLongerValid(subscriber));
    return new GraphQLError('The credentials are revoked or expired.', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return (await subscriber.admit?.(operationOf(args))) ?? null;
}

async function execute(args: ExecutionArgs, options: SubscriptionServerOptions): Promise<ExecutionResult> {
  const refused = await admit(args);
  if (refused) return failure(refused);
  const { subscriber, sourceAddress } = args.contextValue as SocketContext;
  const query = args.document.loc?.source.body ?? '';
  return options.run(
    query,
    (args.variableValues ?? {}) as Record<string, unknown>,
    subscriber.identity,
    args.operationName ?? undefined,
    sourceAddress,
  );
}

async function subscribe(
  args: ExecutionArgs,
  options: SubscriptionServerOptions,
  listen: ReturnType<typeof createEventFanOut>['listen'],
  batched: BatchedReRead,
  counted: (outcome: DeliveryOutcome) => void,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const prepared = prepareSubscription(args.document, args.operationName);
  if (typeof prepared === 'string')
    return failure(new GraphQLError(prepared, { extensions: { code: 'BAD_USER_INPUT' } }));
  const refused = await admit(args);
  if (refused) return failure(refused);

  const { subscriber, closeUnauthorized, closeUnverified, reserveSubscription } = args.contextValue as SocketContext;
  const release = reserveSubscription();
  if (release instanceof GraphQLError) return failure(release);
  const rootArgs = rootArguments(args);
  const variables = reReadVariables(prepared, (args.variableValues ?? {}) as Record<string, unknown>);
  // Batched where this endpoint's schema has the list field (the partner contract may not).
  const { batch } = prepared.field;
  const batchQuery =
    batch && args.schema.getQueryType()?.getFields()[batch.rootField] ? prepared.batchQuery : undefined;
  const batchKey =
    batchQuery && JSON.stringify([subscriber.identity.tenantId, subscriber.audience, batchQuery, variables]);

  const deliver = async (event: BusEvent, shared: SharedWork, version: number | null): Promise<void> => {
    const { stillValid } = subscriber;
    if (stillValid) {
      // A check that cannot answer (tenants busy) is asked again; one that never answers closes the socket for the
      // client to reconnect: delivering could outlive ended credentials, and skipping would break the promise of
      // every change (the periodic sweep keeps a socket open on such a failure: it delivers nothing).
      const valid = await shared(`valid:${stillValid.key}`, () => checkWithRetries(stillValid.check)).catch(
        (error: unknown) => {
          options.logger.warn({ err: error }, 'credentials could not be checked before a delivery: socket closed');
          return null;
        },
      );
      if (valid === null) return closeUnverified('Could not check the credentials; reconnect');
      if (!valid) return closeUnauthorized(noLongerValid(subscriber));
    }
    const eventVariables = {
      ...variables,
      __nexaraId: event.id,
      ...(prepared.field.versioned ? { __nexaraVersion: version } : {}),
    };
    const ref = batchKey ? batch?.ref(event.id, version) : undefined;
    const result = await shared(
      reReadKey(event, subscriber, prepared.query, eventVariables),
      // The first subscriber to get here reads for all who share the key (see reReadKey): in this moment's batch
      // when there is one, else (or when the batch failed) alone, retries included.
      async () =>
        (batchKey && ref !== undefined
          ? await batched(batchKey, { query: batchQuery!, variables, identity: subscriber.identity, ref })
          : null) ??
        reReadWithRetries(() =>
          options.run(prepared.query, eventVariables, subscriber.identity, 'NexaraSubscriptionEvent'),
        ),
    );
    const subject = (result.data as { __nexaraSubject?: Record<string, unknown> | null } | null | undefined)
      ?.__nexaraSubject;
    if (!subject) {
      // Not visible to this subscriber (or gone): nothing to send. A read that failed even after its retries is a
      // change this subscriber misses: say so.
      const codes = (result.errors ?? []).map((error) => String(error.extensions?.['code'] ?? 'UNKNOWN'));
      if (codes.some((code) => code !== 'NOT_FOUND' && code !== 'FORBIDDEN')) {
        counted('failed');
        options.logger.error(
          { subject: event.id, version, codes, message: result.errors?.[0]?.message },
          'subscription re-read failed: the subscriber misses this change',
        );
      } else {
        counted('not_visible');
        options.logger.debug({ subject: event.id, version, codes }, 'subscription re-read found nothing to send');
      }
      return;
    }
    const { hidden, payload } = splitHidden(subject);
    if (!prepared.field.matches(hidden, rootArgs)) return counted('filtered');
    counted('sent');
    stream.push({ data: { [prepared.responseKey]: payload }, errors: result.errors });
  };

  // One subject's events are handled one at a time, in the order they came (for versioned subjects: in version
  // order, each version once), so a client sees its changes in the order they happened; different subjects'
  // events are read concurrently, so one slow re-read does not hold up every other order's.
  const versions = prepared.field.versioned ? new VersionTracker() : null;
  const chains = new Map<string, Promise<void>>();
  const unlisten = listen((event, shared) => {
    if (!eventConcerns(prepared.field, event)) return;
    // Only the tenant the subscriber acts in: a platform admin acting in one tenant hears nothing of the others.
    if (event.tenantId !== subscriber.identity.tenantId) return;
    const reads: (number | null)[] =
      versions && event.version !== undefined ? versions.versionsFor(event.id, event.version) : [null];
    if (reads.length === 0) return counted('skipped');
    const key = versions ? event.id : '';
    let chain = chains.get(key) ?? Promise.resolve();
    for (const version of reads) {
      chain = chain
        .then(() => deliver(event, shared, version))
        .catch((error: unknown) => {
          counted('failed');
          options.logger.error({ err: error, subject: event.id, version }, 'subscription delivery failed');
        });
    }
    const last = chain.finally(() => {
      if (chains.get(key) === last) chains.delete(key);
    });
    chains.set(key, last);
  });
  const stream = eventStream<ExecutionResult>(() => {
    unlisten();
    release();
  });
  return stream.iterator;
}

/**
 * Which subscriptions can share one event's re-read: same tenant read in,
 * same audience, same query and variables. The
 * subjects these queries read (an order by id, and the like) are visible
 * by tenant and role (for a key: its scopes), never by the individual
 * user: two managers of a tenant get the same order with the same fields.
 * So the role is in the key, the user is not; were a subject ever filtered
 * per user, its `audience` would have to name the user.
 */
function reReadKey(event: BusEvent, subscriber: Subscriber, query: string, variables: Record<string, unknown>): string {
  // Variable values are coerced by graphql-ws in definition order, so equal values print equally.
  return JSON.stringify([event.tenantId, subscriber.audience, query, variables]);
}

/**
 * Only the client's variables the re-read query declares: the root field's
 * arguments (say a filter) are applied here, not in the query, so
 * subscriptions that differ only in them still share re-reads.
 */
function reReadVariables(prepared: PreparedSubscription, variables: Record<string, unknown>): Record<string, unknown> {
  const operation = getOperationAST(parse(prepared.query));
  const declared = new Set((operation?.variableDefinitions ?? []).map((definition) => definition.variable.name.value));
  return Object.fromEntries(Object.entries(variables).filter(([name]) => declared.has(name)));
}

/** The root subscription field's argument values, with variables resolved. */
function rootArguments(args: ExecutionArgs): Record<string, unknown> {
  const operation = args.document.definitions.find((d) => d.kind === 'OperationDefinition');
  const root = operation && 'selectionSet' in operation ? operation.selectionSet.selections[0] : undefined;
  if (!root || root.kind !== 'Field') return {};
  const values: Record<string, unknown> = {};
  const variables = (args.variableValues ?? {}) as Record<string, unknown>;
  const valueOf = (node: import('graphql').ValueNode): unknown => {
    switch (node.kind) {
      case 'Variable':
        return variables[node.name.value];
      case 'ListValue':
        return node.values.map(valueOf);
      case 'ObjectValue':
        return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value)]));
      case 'NullValue':
        return null;
      case 'IntValue':
      case 'FloatValue':
        return Number(node.value);
      default:
        return 'value' in node ? node.value : null;
    }
  };
  for (const argument of root.arguments ?? []) values[argument.name.value] = valueOf(argument.value);
  return values;
}
