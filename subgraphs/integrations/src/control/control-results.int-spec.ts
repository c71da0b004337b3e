import { randomUUID } from 'node:crypto';
import type { CatalogSyncKind } from '@nexara/contracts';
import { createEgress, createLogger, type Egress } from '@nexara/kit';
import { PROVIDER_DEFINITIONS, type ControlConnection, type Provider } from '@nexara/providers';
import { EVERY_CONTROL_ID } from '@nexara/providers/testing';
import type { OwedResult } from '@nexara/simulator';
import { testSecrets } from '@nexara/test-support';
import { createOrdersClient } from '../orders-client/orders-client';
import { FakeCatalog, requeuedSync } from '../testing/catalog-double';
import {
  startWebhookPipeline,
  storedEvents,
  type PipelineConnection,
  type WebhookPipeline,
} from '../testing/webhook-pipeline';
import { processWebhookEvent, type ProcessWebhookEventDependencies } from '../worker/process-webhook-event.task';
import { ControlTokens, runCatalogSync, type CatalogSyncDependencies } from './catalog-sync.task';

/**
 * Providers' asynchronous results (docs/control-plane.md, "Asynchronous
 * results"), each played by the simulator's provider API from its own page:
 * a menu accepted by the provider waits PENDING; the provider's result,
 * through the real inbox (authentication, storage) and the worker's
 * processing, ends the job APPLIED or FAILED with the provider's reason. A
 * forged or unawaited result is refused and changes nothing; a result that
 * never comes ends the job FAILED after the documented wait.
 */
const WITH_RESULTS = [
  ...new Map(
    PROVIDER_DEFINITIONS.filter((definition) => definition.control?.results && definition.control.menu).map(
      (definition) => [definition.control, definition.adapter.provider] as const,
    ),
  ).values(),
];

describe('control results from the providers (real PostgreSQL, the simulator, the inbox and the worker)', () => {
  let pipeline: WebhookPipeline;
  let egress: Egress;
  const catalog = new FakeCatalog();
  const tenantId = randomUUID();
  const connections = new Map<string, ControlConnection>();
  let sync: CatalogSyncDependencies;
  let processing: ProcessWebhookEventDependencies;

  beforeAll(async () => {
    pipeline = await startWebhookPipeline();
    egress = createEgress({ allow: new URL(pipeline.providerApi.url).host, production: false });
    const directory = { findById: async (_tenant: string, id: string) => (connections.get(id) as never) ?? null };
    const logger = createLogger('control-results-test', 'silent');
    sync = {
      dataSource: pipeline.integrations.server.dataSource,
      directory,
      catalog,
      egress,
      logger,
      tokens: new ControlTokens(),
      publicUrl: 'http://localhost:4000',
      settings: { maxAttempts: 3, backoff: { baseMs: 20, maxMs: 100 }, random: () => 0.5, resultWaitMs: 60_000 },
    };
    processing = {
      dataSource: pipeline.integrations.server.dataSource,
      directory,
      orders: createOrdersClient({ url: pipeline.ordersUrl, internalTokenSecret: testSecrets.internalTokenSecret }),
      catalog,
      logger,
      settings: { maxAttempts: 3, backoff: { baseMs: 20, maxMs: 100 }, random: () => 0.5 },
    };
  });
  afterAll(async () => {
    await egress?.close();
    await pipeline?.close();
  });

  /** A connection whose control calls go to the simulator, as the worker's directory knows it. */
  async function aConnection(provider: Provider): Promise<PipelineConnection> {
    const made = await pipeline.connect(tenantId, provider);
    connections.set(made.id, {
      id: made.id,
      tenantId,
      provider,
      currency: 'SAR',
      externalStoreId: made.externalStoreId,
      apiBaseUrl: pipeline.providerApi.baseUrl(provider),
      secrets: [made.secret],
      controlIds: EVERY_CONTROL_ID,
    });
    return made;
  }

  /** A menu job sent to the simulator, which accepts it: the job is left PENDING, awaiting the provider's result. */
  async function anAcceptedMenu(connection: PipelineConnection) {
    const job = {
      tenantId,
      jobId: randomUUID(),
      connectionId: connection.id,
      provider: connection.provider,
      branchId: randomUUID(),
      kind: 'MENU' as CatalogSyncKind,
    };
    catalog.jobs.set(job.jobId, { request: { kind: 'MENU', menuId: 'm1', menuVersion: 1 }, status: 'PENDING' });
    expect(await runCatalogSync(sync, job)).toBe('WAITING');
    expect(catalog.last(job.jobId)).toMatchObject({ status: 'PENDING' });
    const owed = pipeline.providerApi.results(connection.provider).at(-1)!;
    expect(owed.externalStoreId).toBe(connection.externalStoreId);
    return { job, owed };
  }

  /** The provider's result, signed as it signs it, through the real inbox. */
  async function deliver(owed: OwedResult, connection: PipelineConnection) {
    const built = await owed.result.build(connection, new Date());
    return pipeline.receive(connection, { ...built, provider: connection.provider });
  }

  /** The worker's processing of the stored result; where it was only a hint, the job's ask that it queued. */
  async function processed(eventId: string, jobId: string) {
    expect(await processWebhookEvent(processing, { tenantId, eventId })).toBe('PROCESSED');
    if (catalog.jobs.get(jobId)!.status === 'PENDING') {
      const ask = await requeuedSync(pipeline.db, jobId);
      expect(ask).toMatchObject({ payload: { phase: 'confirm' } });
      expect(ask.inMs).toBeLessThan(1_000);
      await runCatalogSync(sync, ask.payload);
    }
    return catalog.jobs.get(jobId)!.status;
  }

  it.each(WITH_RESULTS)(
    '%s: the result ends the job APPLIED; sent again it awaits nothing and is refused',
    async (provider) => {
      const connection = await aConnection(provider);
      const { job, owed } = await anAcceptedMenu(connection);

      const answer = await deliver(owed, connection);
      expect(answer).toMatchObject({ verdict: 'ACCEPTED', errorCode: null });
      expect(answer.httpStatus).toBeLessThan(300);
      expect(await processed(answer.eventId!, job.jobId)).toBe('APPLIED');
      expect(catalog.last(job.jobId)).toMatchObject({ status: 'APPLIED', reason: null });

      // The same result again names a change that no longer awaits one: refused, nothing stored or changed.
      const events = (await storedEvents(pipeline.db, connection.id)).length;
      const again = await deliver(owed, connection);
      expect(again).toMatchObject({ verdict: 'REJECTED', errorCode: 'UNKNOWN_REFERENCE' });
      expect(again.httpStatus).toBeGreaterThanOrEqual(400);
      expect(await storedEvents(pipeline.db, connection.id)).toHaveLength(events);
      expect(catalog.jobs.get(job.jobId)!.status).toBe('APPLIED');
    },
  );

  it.each(WITH_RESULTS)("%s: a rejected upload ends the job FAILED with the provider's reason", async (provider) => {
    const connection = await aConnection(provider);
    pipeline.providerApi.rejectNextResult(provider, 'Image https://cdn/x.jpg is too small');
    const { job, owed } = await anAcceptedMenu(connection);
    const answer = await deliver(owed, connection);
    expect(answer.verdict).toBe('ACCEPTED');
    expect(await processed(answer.eventId!, job.jobId)).toBe('FAILED');
    expect(catalog.last(job.jobId)!.reason).toContain('Image https://cdn/x.jpg is too small');
  });

  it.each(WITH_RESULTS)(
    '%s: a result signed with another secret is refused, stored nowhere, and the job still waits',
    async (provider) => {
      const connection = await aConnection(provider);
      const { job, owed } = await anAcceptedMenu(connection);
      const forged = await deliver(owed, { ...connection, secret: `${connection.secret}-forged` });
      expect(forged.verdict).toBe('REJECTED');
      expect(forged.errorCode).toMatch(/SIGNATURE|TOKEN/);
      expect(await storedEvents(pipeline.db, connection.id)).toHaveLength(0);
      expect(catalog.jobs.get(job.jobId)!.status).toBe('PENDING');
    },
  );

  it('a job whose provider answers only by webhook ends FAILED after the wait, and a late result is refused', async () => {
    const provider = WITH_RESULTS.find(
      (name) => !PROVIDER_DEFINITIONS.find((d) => d.adapter.provider === name)!.control!.menu!.confirm,
    );
    if (!provider) return; // every provider with results can also be asked
    const connection = await aConnection(provider);
    const { job, owed } = await anAcceptedMenu(connection);
    expect(catalog.last(job.jobId)!.reason).toBe(
      'Accepted by the provider; waiting up to 1 min for its result webhook.',
    );
    const wait = await requeuedSync(pipeline.db, job.jobId);
    expect(wait.payload).toMatchObject({ phase: 'await' });
    expect(wait.inMs).toBeGreaterThan(50_000);

    expect(await runCatalogSync(sync, wait.payload)).toBe('FAILED');
    expect(catalog.last(job.jobId)!.reason).toBe('The provider accepted the change but sent no result within 1 min.');
    const late = await deliver(owed, connection);
    expect(late).toMatchObject({ verdict: 'REJECTED', errorCode: 'UNKNOWN_REFERENCE' });
    expect(catalog.jobs.get(job.jobId)!.status).toBe('FAILED');
  });
});
