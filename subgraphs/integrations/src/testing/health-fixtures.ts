import { randomUUID } from 'node:crypto';
import type { TestDatabase } from '@nexara/test-support';
import type { WebhookEventStatus } from '../webhooks/webhook-event.repository';

/**
 * A stored delivery in a given state, received `minutesAgo` (inserted as
 * superuser: health reads real rows, whatever path wrote them), from the
 * connection's own provider unless `provider` says otherwise.
 */
export async function aDelivery(
  db: TestDatabase,
  delivery: {
    tenantId: string;
    connectionId: string;
    status: WebhookEventStatus;
    minutesAgo?: number;
    processingMs?: number | null;
    provider?: string;
  },
): Promise<string> {
  const processed = delivery.status === 'PROCESSED';
  const [row] = await db.queryAsAdmin<{ id: string }>(
    `insert into integrations.webhook_events
       (tenant_id, connection_id, provider, idempotency_key, method, sub_path, body, received_at, status,
        attempts, processing_ms, processed_at)
     values ($1, $2, coalesce($3::text, (select provider from integrations.connections where id = $2)), $4,
             'POST', '', '\\x7b7d', now() - make_interval(mins => $5), $6, 1, $7,
             case when $8 then now() - make_interval(mins => $5) else null end)
     returning id`,
    [
      delivery.tenantId,
      delivery.connectionId,
      delivery.provider ?? null,
      randomUUID(),
      delivery.minutesAgo ?? 1,
      delivery.status,
      processed ? (delivery.processingMs ?? 100) : null,
      processed,
    ],
  );
  return row!.id;
}

/** Moves a connection's creation back, so a connection without deliveries has been quiet that long. */
export async function backdateConnection(db: TestDatabase, connectionId: string, minutes: number): Promise<void> {
  await db.queryAsAdmin(
    `update integrations.connections set created_at = now() - make_interval(mins => $2) where id = $1`,
    [connectionId, minutes],
  );
}
