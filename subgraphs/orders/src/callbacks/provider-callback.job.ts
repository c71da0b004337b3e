import type { Provider } from '@nexara/kit';
import type { EntityManager } from 'typeorm';
import type { OrderEntity } from '../orders/order.entity';

/** The graphile-worker task the integrations worker runs to tell a provider what the restaurant decided. */
export const PROVIDER_CALLBACK_TASK = 'provider_callback';

/** What the provider is told: one per staff move (DELIVERED has no provider call, so no action). */
export type ProviderCallbackAction =
  | { kind: 'ACCEPTED'; prepMinutes?: number }
  | { kind: 'REJECTED'; reason: string }
  | { kind: 'PREPARING' }
  | { kind: 'READY' }
  | { kind: 'PICKED_UP' }
  | { kind: 'CANCELLED'; reason: string };

export type ProviderCallbackKind = ProviderCallbackAction['kind'];

/** The job payload: the contract with the integrations worker. */
export type ProviderCallbackJob = {
  tenantId: string;
  orderId: string;
  connectionId: string;
  provider: Provider;
  externalId: string;
  /** ISO 8601 */
  placedAt: string;
  action: ProviderCallbackAction;
};

type CallbackOrder = Pick<OrderEntity, 'tenantId' | 'id' | 'connectionId' | 'provider' | 'externalId' | 'placedAt'>;

export function providerCallbackJob(order: CallbackOrder, action: ProviderCallbackAction): ProviderCallbackJob {
  return {
    tenantId: order.tenantId,
    orderId: order.id,
    connectionId: order.connectionId,
    provider: order.provider,
    externalId: order.externalId,
    placedAt: order.placedAt.toISOString(),
    action,
  };
}

/**
 * One job per (order, action): an order reaches each status once, and if the
 * transaction that enqueued it is retried the key replaces the queued job
 * instead of adding a second one.
 */
export function providerCallbackJobKey(orderId: string, kind: ProviderCallbackKind): string {
  return `callback:${orderId}:${kind}`;
}

/**
 * Enqueues the callback on `manager`'s transaction, so the job exists exactly
 * when the status change commits. The worker counts and spaces its own
 * attempts (backoff with jitter, each outcome recorded); graphile-worker's
 * budget of 25 is there so a job whose worker was killed mid-call still runs.
 */
export async function enqueueProviderCallback(manager: EntityManager, job: ProviderCallbackJob): Promise<void> {
  await manager.query(
    `select id from graphile_worker.add_job($1::text, $2::json, job_key => $3::text, max_attempts => 25)`,
    [PROVIDER_CALLBACK_TASK, JSON.stringify(job), providerCallbackJobKey(job.orderId, job.action.kind)],
  );
}
