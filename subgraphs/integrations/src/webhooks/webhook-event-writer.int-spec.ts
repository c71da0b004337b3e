import { randomUUID } from 'node:crypto';
import { createLogger } from '@nexara/kit';
import { queuedJobs } from '../testing/job-queue';
import {
  startWebhookPipeline,
  storedEvents,
  type PipelineConnection,
  type WebhookPipeline,
} from '../testing/webhook-pipeline';
import type { NewWebhookEvent } from './webhook-event.repository';
import { WebhookEventWriter } from './webhook-event-writer';
import { PROCESS_WEBHOOK_EVENT_TASK } from './webhook-jobs';

/**
 * The inbox's batching writer on real PostgreSQL: deliveries that wait
 * while another write is running go to the database together, and each
 * must come out exactly as if it had been written alone.
 */
describe(WebhookEventWriter.name, () => {
  let pipeline: WebhookPipeline;
  let bistro: PipelineConnection;
  let grill: PipelineConnection;

  beforeAll(async () => {
    pipeline = await startWebhookPipeline();
    bistro = await pipeline.connect(randomUUID(), 'CAREEM');
    grill = await pipeline.connect(randomUUID(), 'JAHEZ');
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  // One write at a time: everything stored while the first is running waits and goes in one batch.
  const writer = (): WebhookEventWriter =>
    new WebhookEventWriter({
      dataSource: pipeline.integrations.server.dataSource,
      logger: createLogger('test', 'silent'),
      maxConcurrentWrites: 1,
    });

  const delivery = (connection: PipelineConnection, idempotencyKey: string): NewWebhookEvent => ({
    tenantId: connection.tenantId,
    connectionId: connection.id,
    provider: connection.provider,
    idempotencyKey,
    method: 'POST',
    subPath: '',
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ key: idempotencyKey })),
    receivedAt: new Date(),
  });

  const jobsOf = async (eventIds: string[]) =>
    (await queuedJobs(pipeline.db, PROCESS_WEBHOOK_EVENT_TASK)).filter((job) =>
      eventIds.includes(job.payload['eventId'] as string),
    );

  it('stores a batch of two tenants once per key, answers repeats as duplicates, and queues each new event once', async () => {
    const sut = writer();
    const stored = await sut.store(delivery(bistro, 'already-there'));
    const keys = ['b-1', 'b-2', 'b-1', 'already-there', 'b-3'];
    const batch = [
      ...keys.map((key) => delivery(bistro, key)),
      delivery(grill, 'g-1'),
      delivery(grill, 'b-1'), // the same key on another connection is another delivery
    ];

    const writing = sut.store(delivery(bistro, 'written-first')); // the batch below waits for it
    const results = await Promise.all(batch.map((event) => sut.store(event)));
    await writing;

    expect(results.map((r) => r.duplicate)).toEqual([false, false, true, true, false, false, false]);
    expect(results[2]!.id).toBe(results[0]!.id);
    expect(results[3]!.id).toBe(stored.id);
    const bistroRows = await storedEvents(pipeline.db, bistro.id);
    expect(bistroRows.map((row) => row.idempotency_key).sort()).toEqual([
      'already-there',
      'b-1',
      'b-2',
      'b-3',
      'written-first',
    ]);
    expect((await storedEvents(pipeline.db, grill.id)).map((row) => row.idempotency_key).sort()).toEqual([
      'b-1',
      'g-1',
    ]);
    const newIds = results.filter((r) => !r.duplicate).map((r) => r.id);
    const jobs = await jobsOf(newIds);
    expect(jobs.map((job) => job.payload['eventId']).sort()).toEqual([...newIds].sort());
    expect(jobs.map((job) => job.key).sort()).toEqual(newIds.map((id) => `webhook:${id}`).sort());
  });

  it('fails only the delivery the database refuses, not the others written with it', async () => {
    const sut = writer();
    const first = sut.store(delivery(bistro, 'before-the-batch'));
    const tooLong = 'k'.repeat(501); // over the column's 500-character check
    const [good, bad, alsoGood] = await Promise.allSettled([
      sut.store(delivery(bistro, 'fine-1')),
      sut.store(delivery(bistro, tooLong)),
      sut.store(delivery(grill, 'fine-2')),
    ]);
    await first;

    expect(good.status).toBe('fulfilled');
    expect(alsoGood.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    const keys = [...(await storedEvents(pipeline.db, bistro.id)), ...(await storedEvents(pipeline.db, grill.id))].map(
      (row) => row.idempotency_key,
    );
    expect(keys).toEqual(expect.arrayContaining(['fine-1', 'fine-2']));
    expect(keys).not.toContain(tooLong);
  });
});
