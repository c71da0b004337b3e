import { inTenantTransaction } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import { insertCallbackOutcomes, type CallbackOutcomeRow } from '../health/connection-health.repository';
import type { OrdersClient, RecordProviderCallbackInput } from '../orders-client/orders-client';
import { createBatcher } from './webhook-batcher';

/** Reports per call: under the orders subgraph's MAX_CALLBACK_RECORD_BATCH (200). */
const MAX_REPORTS_PER_CALL = 100;

/**
 * `recordProviderCallback` for the worker's callback jobs, sent in batches:
 * the reports of one tenant that its jobs make in the same turn of the event
 * loop (graphile-worker starts its local queue's jobs together) go to the
 * orders subgraph as one `recordProviderCallbacks` call, one request and one
 * transaction instead of one each; at most two calls of a tenant are open,
 * and reports made meanwhile wait for the next. A report alone is sent at
 * once. Each caller still learns its own outcome: a report orders refused
 * rejects with its error, one call that failed rejects all of its reports,
 * and the callback task retries what it would have retried alone.
 *
 * Measured in `npm run bench` (endToEnd): every order of a provider that confirms receipts reports its
 * RECEIVED callback, a request and seven statements in orders each.
 */
export function batchedCallbackRecords(
  orders: Pick<OrdersClient, 'recordProviderCallbacks'>,
): Pick<OrdersClient, 'recordProviderCallback'> {
  const byTenant = new Map<string, ReturnType<typeof createBatcher<RecordProviderCallbackInput, Error | null>>>();
  const batcherOf = (tenantId: string) => {
    let batcher = byTenant.get(tenantId);
    if (!batcher) {
      batcher = createBatcher(
        (inputs: RecordProviderCallbackInput[]) => orders.recordProviderCallbacks(tenantId, inputs),
        {
          maxBatch: MAX_REPORTS_PER_CALL,
          maxInFlight: 2,
        },
      );
      byTenant.set(tenantId, batcher);
    }
    return batcher;
  };
  return {
    recordProviderCallback: async (tenantId, input) => {
      const error = await batcherOf(tenantId).take(input);
      if (error) throw error;
    },
  };
}

/**
 * The callbacks' final outcomes kept for alerts, as `batchedCallbackRecords`
 * sends their reports: one tenant's of one turn in one statement and one
 * transaction (at most two open per tenant). A failed write rejects each of
 * its outcomes, and the task logs each, as it did one by one.
 */
export function batchedOutcomeKeeper(dataSource: DataSource): (row: CallbackOutcomeRow) => Promise<void> {
  const byTenant = new Map<string, ReturnType<typeof createBatcher<CallbackOutcomeRow, void>>>();
  return async (row) => {
    let batcher = byTenant.get(row.tenantId);
    if (!batcher) {
      batcher = createBatcher(
        async (rows: CallbackOutcomeRow[]) => {
          await inTenantTransaction(dataSource, { tenantId: row.tenantId }, (manager) =>
            insertCallbackOutcomes(manager, rows),
          );
          return rows.map(() => undefined);
        },
        { maxBatch: MAX_REPORTS_PER_CALL, maxInFlight: 2 },
      );
      byTenant.set(row.tenantId, batcher);
    }
    await batcher.take(row);
  };
}
