import { inTenantTransaction } from '@nexara/kit';
import type { ControlResult, InboundWebhook } from '@nexara/providers';
import type { DataSource } from 'typeorm';
import type { CatalogClient } from './catalog-client';
import { askForResultNow } from './catalog-sync.task';
import { awaitedResult, stopAwaiting } from '../webhooks/control-awaits';

/** What became of one stored result webhook: done, never doable (FAILED with why), or worth trying again. */
export type SettledResult =
  { outcome: 'SETTLED'; jobId: string } | { outcome: 'FAILED'; reason: string } | { outcome: 'RETRY'; reason: string };

/**
 * A provider's asynchronous result, stored by the inbox, applied to the sync
 * job awaiting it (docs/control-plane.md, "Asynchronous results"): APPLIED or
 * FAILED with the provider's reason is reported to the catalog (a job that
 * already ended keeps its end there); a hint has the job ask the provider now;
 * a result still in progress changes nothing.
 */
export async function settleControlResult(
  deps: { dataSource: DataSource; catalog: CatalogClient | null },
  connection: { tenantId: string; id: string },
  delivery: InboundWebhook & { eventId: string },
  result: ControlResult,
): Promise<SettledResult> {
  const key = { tenantId: connection.tenantId, connectionId: connection.id, reference: result.reference };
  const awaited = await inTenantTransaction(deps.dataSource, { tenantId: connection.tenantId }, (manager) =>
    awaitedResult(manager, key),
  );
  if (!awaited) {
    return {
      outcome: 'FAILED',
      reason: `No change awaits the provider's result for "${result.reference}" (it ended).`,
    };
  }
  if (result.confirmByAsking) {
    await askForResultNow(deps.dataSource, awaited.payload);
    return { outcome: 'SETTLED', jobId: awaited.jobId };
  }
  if (result.outcome.result === 'PENDING' || result.outcome.result === 'RETRY') {
    return { outcome: 'SETTLED', jobId: awaited.jobId };
  }
  if (!deps.catalog) return { outcome: 'RETRY', reason: 'CATALOG_URL is not set: the result cannot be reported.' };
  const calls = Array.isArray(awaited.payload['calls']) ? (awaited.payload['calls'] as unknown[]) : [];
  try {
    await deps.catalog.report(connection.tenantId, {
      jobId: awaited.jobId,
      status: result.outcome.result,
      reason: result.outcome.result === 'FAILED' ? result.outcome.reason : null,
      attempts: typeof awaited.payload['attempts'] === 'number' ? awaited.payload['attempts'] : 0,
      answer: {
        calls,
        result: { webhookEventId: delivery.eventId, subPath: delivery.subPath, at: delivery.receivedAt.toISOString() },
      },
    });
  } catch (error) {
    return { outcome: 'RETRY', reason: `the catalog did not take the result: ${String(error)}` };
  }
  await stopAwaiting(deps.dataSource, connection.tenantId, awaited.jobId);
  return { outcome: 'SETTLED', jobId: awaited.jobId };
}
