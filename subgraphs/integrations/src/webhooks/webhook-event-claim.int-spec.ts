import { randomUUID } from 'node:crypto';
import { inTenantTransaction } from '@nexara/kit';
import { PROVIDERS } from '@nexara/providers/display';
import { buildWebhook } from '@nexara/simulator';
import { startWebhookPipeline, type WebhookPipeline } from '../testing/webhook-pipeline';
import { claimWebhookEvents } from './webhook-event.repository';

/**
 * The worker's batch claim (real PostgreSQL, the service role under row-level
 * security): it takes the events still open (QUEUED, or PROCESSING after a
 * run that died) and nothing else, whatever else the batch names.
 */
describe('claimWebhookEvents', () => {
  let pipeline: WebhookPipeline;
  const tenantId = randomUUID();
  const otherTenant = randomUUID();
  let seed = 31_000;

  beforeAll(async () => {
    pipeline = await startWebhookPipeline();
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  const statusOf = async (id: string) =>
    (
      await pipeline.db.queryAsAdmin<{ status: string; attempts: number }>(
        'select status, attempts from integrations.webhook_events where id = $1',
        [id],
      )
    )[0];

  it('takes the QUEUED and PROCESSING events it names, oldest first, and leaves closed, unknown and other tenants’ ones alone', async () => {
    const connection = await pipeline.connect(tenantId, PROVIDERS[0]!);
    const other = await pipeline.connect(otherTenant, PROVIDERS[0]!);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const received = await pipeline.receive(
        connection,
        await buildWebhook(connection, 'new_order', { seed: (seed += 1) }),
      );
      ids.push(received.eventId!);
    }
    const ofOther = (await pipeline.receive(other, await buildWebhook(other, 'new_order', { seed: (seed += 1) })))
      .eventId!;
    const [queued, processing, processed, failed, dead] = ids as [string, string, string, string, string];
    await pipeline.db.queryAsAdmin(
      `update integrations.webhook_events set status = s.status, attempts = 1
         from (values ($1::uuid, 'PROCESSING'), ($2::uuid, 'PROCESSED'), ($3::uuid, 'FAILED'), ($4::uuid, 'DEAD')) as s(id, status)
        where webhook_events.id = s.id`,
      [processing, processed, failed, dead],
    );

    const claimed = await inTenantTransaction(pipeline.integrations.server.dataSource, { tenantId }, (manager) =>
      claimWebhookEvents(manager, tenantId, [dead, processing, ofOther, randomUUID(), failed, queued, processed]),
    );

    expect(claimed.map((event) => [event.id, event.status, event.attempts])).toEqual([
      [queued, 'PROCESSING', 1],
      [processing, 'PROCESSING', 2],
    ]);
    expect(claimed.every((event) => event.test === false)).toBe(true);
    expect(await statusOf(processed)).toEqual({ status: 'PROCESSED', attempts: 1 });
    expect(await statusOf(failed)).toEqual({ status: 'FAILED', attempts: 1 });
    expect(await statusOf(dead)).toEqual({ status: 'DEAD', attempts: 1 });
    expect(await statusOf(ofOther)).toEqual({ status: 'QUEUED', attempts: 0 });
  });
});
