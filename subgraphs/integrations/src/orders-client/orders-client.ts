import { serviceGraphQL, type GraphQLErrorBody, type OrderStatus, type ServiceAnswer } from '@nexara/kit';
import type { AtRiskOrder } from '../alerts/alert-rules';
import {
  ApplyProviderOrderEventDocument,
  ApplyProviderOrderEventsDocument,
  AutoAcceptOrderDocument,
  OrdersAtRiskDocument,
  RecordProviderCallbackDocument,
  RecordProviderCallbacksDocument,
  type ApplyProviderOrderEventMutation,
  type ProviderOrderEventInput,
  type RecordProviderCallbackInput,
  type TypedDocumentString,
} from './gql/graphql';

// The operations are in orders.graphql; their types are generated from the orders subgraph's schema (`npm run codegen`).
export type { ProviderEventOutcome, ProviderOrderEventInput, RecordProviderCallbackInput } from './gql/graphql';

export type ApplyProviderOrderEventResult = ApplyProviderOrderEventMutation['applyProviderOrderEvent'];
export type AppliedOrder = NonNullable<ApplyProviderOrderEventResult['order']>;

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

/** A batch mutation's rows, checked to answer each input once (a short answer is worth another try). */
function oneResultEach<R>(rows: readonly R[], inputs: readonly unknown[], what: string): readonly R[] {
  if (rows.length !== inputs.length) {
    throw new OrdersCallError('TRANSIENT', null, `orders answered ${rows.length} results for ${inputs.length} ${what}`);
  }
  return rows;
}

/** The error of one input of a batch, rated as the single mutation's GraphQL error would be. */
function itemError(
  operation: string,
  error: { code: string; message: string } | null | undefined,
  fallback: string,
): OrdersCallError {
  return classifyOrdersErrors(operation, [{ message: error?.message ?? fallback, extensions: { code: error?.code } }]);
}

/** One event of a batch: applied, or refused alone (as `classifyOrdersErrors` rates its error). */
export type BatchedEventResult = ApplyProviderOrderEventResult | { error: OrdersCallError };

export type OrdersClient = {
  applyProviderOrderEvent(tenantId: string, input: ProviderOrderEventInput): Promise<ApplyProviderOrderEventResult>;
  /** Many events of one tenant in one call and one transaction; one result per input, in order. */
  applyProviderOrderEvents(tenantId: string, inputs: readonly ProviderOrderEventInput[]): Promise<BatchedEventResult[]>;
  autoAcceptOrder(tenantId: string, orderId: string): Promise<{ id: string; status: OrderStatus }>;
  recordProviderCallback(tenantId: string, input: RecordProviderCallbackInput): Promise<void>;
  /** Many reports of one tenant in one call and one transaction; per input, in order: null (recorded) or its error. */
  recordProviderCallbacks(
    tenantId: string,
    inputs: readonly RecordProviderCallbackInput[],
  ): Promise<(OrdersCallError | null)[]>;
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

  /** The operation's one root field, `field`, or an OrdersCallError rated by `classifyOrdersErrors`. */
  async function call<TResult, TVariables extends Record<string, unknown>, K extends keyof TResult & string>(
    tenantId: string,
    field: K,
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
  ): Promise<NonNullable<TResult[K]>> {
    let answer: ServiceAnswer<TResult>;
    try {
      answer = await orders.post<TResult>(tenantId, document.toString(), variables);
    } catch (error) {
      throw new OrdersCallError('TRANSIENT', null, `orders unreachable for ${field}: ${describe(error)}`);
    }
    if (answer.body?.errors?.length) throw classifyOrdersErrors(field, answer.body.errors);
    const result = answer.body?.data?.[field];
    if (answer.status >= 400 || result === undefined || result === null) {
      throw new OrdersCallError(
        'TRANSIENT',
        null,
        `orders answered ${field} with HTTP ${answer.status}: ${answer.text.slice(0, 200)}`,
      );
    }
    return result;
  }

  return {
    applyProviderOrderEvent: (tenantId, input) =>
      call(tenantId, 'applyProviderOrderEvent', ApplyProviderOrderEventDocument, { input }),
    applyProviderOrderEvents: async (tenantId, inputs) => {
      const rows = await call(tenantId, 'applyProviderOrderEvents', ApplyProviderOrderEventsDocument, {
        inputs: [...inputs],
      });
      return oneResultEach(rows, inputs, 'events').map((row) =>
        row.error || !row.outcome
          ? { error: itemError('applyProviderOrderEvent', row.error, 'no outcome') }
          : { outcome: row.outcome, order: row.order },
      );
    },
    autoAcceptOrder: (tenantId, orderId) => call(tenantId, 'autoAcceptOrder', AutoAcceptOrderDocument, { id: orderId }),
    recordProviderCallback: async (tenantId, input) => {
      await call(tenantId, 'recordProviderCallback', RecordProviderCallbackDocument, { input });
    },
    recordProviderCallbacks: async (tenantId, inputs) => {
      const rows = await call(tenantId, 'recordProviderCallbacks', RecordProviderCallbacksDocument, {
        inputs: [...inputs],
      });
      return oneResultEach(rows, inputs, 'reports').map((row) =>
        row.order && !row.error ? null : itemError('recordProviderCallback', row.error, 'not recorded'),
      );
    },
    ordersAtRisk: async (tenantId) => {
      const page = await call(tenantId, 'orders', OrdersAtRiskDocument, {});
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
