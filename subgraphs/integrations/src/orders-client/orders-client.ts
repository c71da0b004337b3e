import type { CallbackOutcome } from '@nexara/contracts';
import { serviceGraphQL, type GraphQLErrorBody, type OrderStatus, type ServiceAnswer } from '@nexara/kit';
import type { CanonicalOrderEvent, Provider } from '@nexara/providers';
import type { AtRiskOrder } from '../alerts/alert-rules';

/** What applying a provider event did (the orders subgraph's `ProviderEventOutcome`). */
export type ProviderEventOutcome =
  'CREATED' | 'ADVANCED' | 'UNCHANGED' | 'DUPLICATE' | 'IGNORED_FINAL' | 'IGNORED_BACKWARD';

export type AppliedOrder = { id: string; externalId: string; placedAt: string; status: OrderStatus };
export type ApplyProviderOrderEventResult = { outcome: ProviderEventOutcome; order: AppliedOrder | null };

/** The orders subgraph's `ProviderOrderEventInput`: a canonical event plus where it came from. */
export type ProviderOrderEventInput = CanonicalOrderEvent & {
  connectionId: string;
  provider: Provider;
  /** The delivery was a dashboard test webhook: the order it places is a test order. */
  test?: boolean;
};

export type RecordProviderCallbackInput = {
  orderId: string;
  action: string;
  outcome: CallbackOutcome;
  attempt: number;
  httpStatus: number | null;
  detail: string | null;
};

/**
 * A failed call to the orders subgraph. TRANSIENT failures heal by
 * themselves (orders restarting, the order of a status event not there
 * yet) and are retried; PERMANENT ones (orders refuses the input itself)
 * never will, however often they are tried.
 */
export class OrdersCallError extends Error {
  override name = 'OrdersCallError';

  constructor(
    readonly kind: 'TRANSIENT' | 'PERMANENT',
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Orders refusing what we sent (BAD_USER_INPUT, or GraphQL rejecting a
 * variable) is permanent. Everything else is worth another try: NOT_FOUND
 * (a status event whose order has not arrived yet), INTERNAL_SERVER_ERROR,
 * UNAUTHENTICATED (keys being rolled out), GRAPHQL_VALIDATION_FAILED (orders
 * not yet upgraded to the schema this worker speaks).
 */
export function classifyOrdersErrors(operation: string, errors: readonly GraphQLErrorBody[]): OrdersCallError {
  const codes = errors.map((error) => (typeof error.extensions?.code === 'string' ? error.extensions.code : null));
  const messages = errors
    .map(
      (error, index) =>
        `${codes[index] ?? 'ERROR'}: ${typeof error.message === 'string' ? error.message : 'no message'}`,
    )
    .join('; ');
  const permanent = codes.find((code) => code === 'BAD_USER_INPUT' || code === 'ARGUMENT_VALIDATION_ERROR');
  const code = permanent ?? codes.find((code) => code !== null) ?? null;
  return new OrdersCallError(
    permanent ? 'PERMANENT' : 'TRANSIENT',
    code,
    `orders ${operation} refused: ${messages || 'no detail'}`,
  );
}

const APPLY = `mutation ApplyProviderOrderEvent($input: ProviderOrderEventInput!) {
  applyProviderOrderEvent(input: $input) { outcome order { id externalId placedAt status } }
}`;
const APPLY_MANY = `mutation ApplyProviderOrderEvents($inputs: [ProviderOrderEventInput!]!) {
  applyProviderOrderEvents(inputs: $inputs) { outcome order { id externalId placedAt status } error { code message } }
}`;
const AUTO_ACCEPT = `mutation AutoAcceptOrder($id: ID!) { autoAcceptOrder(id: $id) { id status } }`;
const RECORD_CALLBACK = `mutation RecordProviderCallback($input: RecordProviderCallbackInput!) {
  recordProviderCallback(input: $input) { id }
}`;

// The orders subgraph owns orders and the at-risk rule (RECEIVED, acceptBy within two minutes or passed);
// integrations only asks, and only about real orders (test orders raise no alert). A tenant's at-risk orders are its few unanswered ones, so one page is plenty.
const ORDERS_AT_RISK = `query OrdersAtRisk {
  orders(first: 200, filter: { acceptanceAtRisk: true, test: false }) { edges { node { id displayCode acceptBy connection { id } } } }
}`;

type AtRiskOrdersPage = {
  edges: { node: { id: string; displayCode: string; acceptBy: string | null; connection: { id: string } | null } }[];
};

/** One event of a batch: applied, or refused alone (as `classifyOrdersErrors` rates its error). */
export type BatchedEventResult = ApplyProviderOrderEventResult | { error: OrdersCallError };

export type OrdersClient = {
  applyProviderOrderEvent(tenantId: string, input: ProviderOrderEventInput): Promise<ApplyProviderOrderEventResult>;
  /** Many events of one tenant in one call and one transaction; one result per input, in order. */
  applyProviderOrderEvents(tenantId: string, inputs: readonly ProviderOrderEventInput[]): Promise<BatchedEventResult[]>;
  autoAcceptOrder(tenantId: string, orderId: string): Promise<{ id: string; status: OrderStatus }>;
  recordProviderCallback(tenantId: string, input: RecordProviderCallbackInput): Promise<void>;
  ordersAtRisk(tenantId: string): Promise<AtRiskOrder[]>;
};

/**
 * Calls the orders subgraph's internal mutations directly (they are
 * inaccessible through the supergraph) as the `integrations-worker` service
 * acting in the event's tenant (see serviceGraphQL).
 */
export function createOrdersClient(options: {
  url: string;
  internalTokenSecret: string;
  timeoutMs?: number;
}): OrdersClient {
  const orders = serviceGraphQL({ ...options, service: 'integrations-worker' });

  async function call<T>(
    tenantId: string,
    operation: string,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<T> {
    let answer: ServiceAnswer<Record<string, unknown>>;
    try {
      answer = await orders.post<Record<string, unknown>>(tenantId, query, variables);
    } catch (error) {
      throw new OrdersCallError('TRANSIENT', null, `orders unreachable for ${operation}: ${describe(error)}`);
    }
    if (answer.body?.errors?.length) throw classifyOrdersErrors(operation, answer.body.errors);
    const result = answer.body?.data?.[operation];
    if (answer.status >= 400 || result === undefined || result === null) {
      throw new OrdersCallError(
        'TRANSIENT',
        null,
        `orders answered ${operation} with HTTP ${answer.status}: ${answer.text.slice(0, 200)}`,
      );
    }
    return result as T;
  }

  return {
    applyProviderOrderEvent: (tenantId, input) =>
      call<ApplyProviderOrderEventResult>(tenantId, 'applyProviderOrderEvent', APPLY, { input }),
    applyProviderOrderEvents: async (tenantId, inputs) => {
      type Row = {
        outcome: ProviderEventOutcome | null;
        order: AppliedOrder | null;
        error: { code: string; message: string } | null;
      };
      const rows = await call<Row[]>(tenantId, 'applyProviderOrderEvents', APPLY_MANY, { inputs });
      if (rows.length !== inputs.length) {
        throw new OrdersCallError(
          'TRANSIENT',
          null,
          `orders answered ${rows.length} results for ${inputs.length} events`,
        );
      }
      return rows.map((row) =>
        row.error || !row.outcome
          ? {
              error: classifyOrdersErrors('applyProviderOrderEvent', [
                { message: row.error?.message ?? 'no outcome', extensions: { code: row.error?.code } },
              ]),
            }
          : { outcome: row.outcome, order: row.order },
      );
    },
    autoAcceptOrder: (tenantId, orderId) =>
      call<{ id: string; status: OrderStatus }>(tenantId, 'autoAcceptOrder', AUTO_ACCEPT, { id: orderId }),
    recordProviderCallback: async (tenantId, input) => {
      await call<{ id: string }>(tenantId, 'recordProviderCallback', RECORD_CALLBACK, { input });
    },
    ordersAtRisk: async (tenantId) => {
      const page = await call<AtRiskOrdersPage>(tenantId, 'orders', ORDERS_AT_RISK, {});
      return page.edges.map(({ node }) => ({
        id: node.id,
        displayCode: node.displayCode,
        acceptBy: node.acceptBy,
        connectionId: node.connection?.id ?? null,
      }));
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
