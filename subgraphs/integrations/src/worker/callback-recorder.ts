import { inTenantTransaction } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import { insertCallbackOutcomes, type CallbackOutcomeRow } from '../health/connection-health.repository';
import type { OrdersClient, RecordProviderCallbackInput } from '../orders-client/orders-client';
import { createBatcher } from './webhook-batcher';

/** Items per write: under the orders subgraph's MAX_CALLBACK_RECORD_BATCH (200). */
const MAX_PER_WRITE = 100;

/**
 * A `createBatcher` per tenant (a tenant's items go in its own transaction):
 * the items of one tenant asked for in one turn of the event loop are written
 * together, at most two writes of a tenant are open, and items asked for
 * meanwhile wait for the next. An item alone is written at once. A tenant's
 * batcher is kept while it has work, and dropped once idle: the worker holds
 * one per tenant busy now, not one per tenant it ever served.
 */
export function perTenantBatches<P, R>(
  write: (tenantId: string, items: P[]) => Promise<R[]>,
): { take: (tenantId: string, item: P) => Promise<R>; tenants: () => number } {
  const byTenant = new Map<string, ReturnType<typeof createBatcher<P, R>>>();
  return {
    take: (tenantId, item) => {
      let batcher = byTenant.get(tenantId);
      if (!batcher) {
        const created = createBatcher((items: P[]) => write(tenantId, items), {
          maxBatch: MAX_PER_WRITE,
          maxInFlight: 2,
          onIdle: () => {
            if (byTenant.get(tenantId) === created) byTenant.delete(tenantId);
          },
        });
        byTenant.set(tenantId, created);
        batcher = created;
      }
      return batcher.take(item);
    },
    tenants: () => byTenant.size,
  };
}

/**
 * `recordProviderCallback` for the worker's callback jobs, in batches (see
 * `perTenantBatches`; graphile-worker starts its local queue's jobs together,
 * so their reports come in the same turn): one `recordProviderCallbacks`
 * call, one request and one transaction in orders, instead of one each. Each
 * caller still learns its own outcome: a report orders refused rejects with
 * its error, a call that failed rejects all of its reports, and the callback
 * task retries what it would have retried alone.
 *
 * Measured in `npm run bench` (endToEnd): every order of a provider that
 * confirms receipts reports its RECEIVED callback, a request and seven
 * statements in orders each.
 */
export function batchedCallbackRecords(
  orders: Pick<OrdersClient, 'recordProviderCallbacks'>,
): Pick<OrdersClient, 'recordProviderCallback'> {
  const record = perTenantBatches((tenantId, inputs: RecordProviderCallbackInput[]) =>
    orders.recordProviderCallbacks(tenantId, inputs),
  );
  return {
    recordProviderCallback: async (tenantId, input) => {
      const error = await record.take(tenantId, input);
      if (error) throw error;
    },
  };
}

/**
 * The callbacks' final outcomes kept for alerts, in batches as their reports
 * are: one statement and one transaction per batch. A failed write rejects
 * each of its outcomes, and the task logs each, as it did one by one.
 */
export function batchedOutcomeKeeper(dataSource: DataSource): (row: CallbackOutcomeRow) => Promise<void> {
  const keep = perTenantBatches(async (tenantId, rows: CallbackOutcomeRow[]) => {
    await inTenantTransaction(dataSource, { tenantId }, (manager) => insertCallbackOutcomes(manager, rows));
    return rows.map(() => undefined);
  });
  return (row) => keep.take(row.tenantId, row);
}
