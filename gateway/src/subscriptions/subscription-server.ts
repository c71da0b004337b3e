import type { Server } from 'node:http';
import { verifyUserToken, type BusEvent, type EventBus, type Identity, type Logger } from '@nexara/kit';
import { GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { eventStream } from './event-stream';
import { eventConcerns, prepareSubscription, splitHidden } from './subscription-fields';

/** Runs one operation through the gateway as `identity` (the same path HTTP requests take). */
export type OperationRunner = (
  query: string,
  variables: Record<string, unknown>,
  identity: Identity,
  operationName?: string,
) => Promise<ExecutionResult>;

export type SubscriptionServerOptions = {
  server: Server;
  path: string;
  schema: () => GraphQLSchema;
  run: OperationRunner;
  bus: EventBus;
  authTokenSecret: string;
  logger: Logger;
};

/** Closing codes graphql-ws clients understand: 4401 means "sign in again". */
const UNAUTHORIZED = 4401;

type SocketExtra = { identity?: Extract<Identity, { kind: 'user' }>; allTenants?: boolean; expiryTimer?: NodeJS.Timeout };

/**
 * GraphQL over WebSocket (graphql-ws) on the gateway's own port and path.
 * Apollo Gateway cannot execute subscriptions, so each subscription listens
 * to the event bus and, for every event that concerns it, re-runs the
 * client's own selection as a query through the supergraph under the
 * subscriber's identity: the payload is federated, and tenant isolation is
 * enforced by the subgraphs exactly as for any query. Queries and mutations
 * sent over the socket go through the gateway too.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions): { close: () => Promise<void> } {
  const wsServer = new WebSocketServer({ server: options.server, path: options.path });

  const serverCleanup = useServer<Record<string, unknown>, SocketExtra>(
    {
      schema: () => options.schema(),
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['Authorization'];
        const token = typeof raw === 'string' ? raw.replace(/^Bearer\s+/i, '') : '';
        try {
          if (!token) throw new Error('no token');
          const claims = await verifyUserToken(token, options.authTokenSecret);
          const acting = ctx.connectionParams?.['x-nexara-tenant'];
          const platformAdmin = claims.role === 'PLATFORM_ADMIN';
          ctx.extra.identity = {
            kind: 'user',
            userId: claims.userId,
            role: claims.role,
            tenantId: platformAdmin && typeof acting === 'string' ? acting : claims.tenantId,
          };
          // A platform admin who picked no tenant follows every tenant.
          ctx.extra.allTenants = platformAdmin && typeof acting !== 'string';
          const socket = (ctx.extra as unknown as { socket: { close: (code: number, reason: string) => void } }).socket;
          ctx.extra.expiryTimer = setTimeout(
            () => socket.close(UNAUTHORIZED, 'Session expired'),
            Math.max(0, claims.expiresAt.getTime() - Date.now()),
          );
          ctx.extra.expiryTimer.unref();
          return true;
        } catch {
          (ctx.extra as unknown as { socket: { close: (code: number, reason: string) => void } }).socket.close(
            UNAUTHORIZED,
            'Unauthorized',
          );
          return false;
        }
      },
      onClose: (ctx) => clearTimeout(ctx.extra.expiryTimer),
      context: (ctx) => ({ identity: ctx.extra.identity, allTenants: ctx.extra.allTenants }),
      execute: (args: ExecutionArgs) => {
        const { identity } = args.contextValue as { identity: Identity };
        return options.run(printDocument(args), (args.variableValues ?? {}) as Record<string, unknown>, identity, args.operationName ?? undefined);
      },
      subscribe: (args: ExecutionArgs) => subscribe(args, options),
    },
    wsServer,
  );

  return {
    close: async () => {
      // graphql-ws waits for every socket's closing handshake; a client that never answers must not hold shutdown.
      await Promise.race([serverCleanup.dispose(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      // ws's close() stops new connections but leaves open ones: cut them, or shutdown waits on every client.
      for (const client of wsServer.clients) client.terminate();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

function printDocument(args: ExecutionArgs): string {
  return args.document.loc?.source.body ?? '';
}

function subscribe(args: ExecutionArgs, options: SubscriptionServerOptions): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
  const { identity, allTenants } = args.contextValue as { identity: Extract<Identity, { kind: 'user' }>; allTenants: boolean };
  const prepared = prepareSubscription(args.document, args.operationName);
  if (typeof prepared === 'string') return { errors: [new GraphQLError(prepared, { extensions: { code: 'BAD_USER_INPUT' } })] };
  const rootArgs = rootArguments(args);

  // Events are handled one at a time per subscription, so a client sees changes in the order they happened.
  let chain = Promise.resolve();
  const unsubscribe = options.bus.subscribe((event: BusEvent) => {
    if (!eventConcerns(prepared.field, event)) return;
    if (!allTenants && event.tenantId !== identity.tenantId) return;
    chain = chain.then(() => deliver(event)).catch((error: unknown) => options.logger.warn({ err: error }, 'subscription delivery failed'));
  });
  const stream = eventStream<ExecutionResult>(unsubscribe);

  const deliver = async (event: BusEvent): Promise<void> => {
    const actingIdentity: Identity = { ...identity, tenantId: event.tenantId };
    const result = await options.run(
      prepared.query,
      { ...(args.variableValues ?? {}), __nexaraId: event.id },
      actingIdentity,
      'NexaraSubscriptionEvent',
    );
    const subject = (result.data as { __nexaraSubject?: Record<string, unknown> | null } | null | undefined)?.__nexaraSubject;
    if (!subject) return; // not visible to this subscriber (or gone): nothing to send
    const { hidden, payload } = splitHidden(subject);
    if (!prepared.field.matches(hidden, rootArgs)) return;
    stream.push({ data: { [prepared.responseKey]: payload }, errors: result.errors });
  };

  return stream.iterator;
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
