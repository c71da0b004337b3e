import { randomUUID } from 'node:crypto';
import { buildWebhook, sendWebhook, signedHeaders } from '@nexara/simulator';
import { eventually } from '@nexara/test-support';
import {
  seededConnection,
  signIn,
  startTestPlatform,
  subscribersListening,
  type TestPlatform,
} from './support/platform';
import { collect, wsClient } from './support/ws-client';

/**
 * Integration health and alerts live: a webhook that can never be processed,
 * through the gateway's shim, the inbox and the worker, ends FAILED; the
 * worker's evaluator opens an alert; both reach the tenant's subscribers over
 * graphql-ws through the gateway, and nothing reaches another tenant's.
 */
let platform: TestPlatform;
let bistro: Awaited<ReturnType<typeof signIn>>;
let harbor: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 0, worker: true });
  bistro = await signIn(platform, 'owner@demo-bistro.test');
  harbor = await signIn(platform, 'owner@harbor-grill.test');
});

afterAll(async () => {
  await platform?.stop();
});

const ALERT_RAISED = `subscription { alertRaised { id rule status message connection { id name provider } } }`;
const HEALTH_CHANGED = `subscription { integrationHealthChanged { connectionId state stateReason deliveriesLastHour failuresLastHour failedCount connection { name } } }`;

type Raised = {
  alertRaised: {
    id: string;
    rule: string;
    status: string;
    message: string;
    connection: { id: string; name: string; provider: string };
  };
};
type HealthChanged = {
  integrationHealthChanged: {
    connectionId: string;
    state: string;
    stateReason: string;
    deliveriesLastHour: number;
    failuresLastHour: number;
    failedCount: number;
    connection: { name: string };
  };
};

describe('integration health and alerts over graphql-ws', () => {
  it("a webhook that ends FAILED raises alertRaised and integrationHealthChanged for its tenant's subscribers only", async () => {
    const jahez = seededConnection(platform, 'demo-bistro', 'JAHEZ', 'SAR');
    const a = wsClient(platform.graphqlUrl, bistro.token);
    const b = wsClient(platform.graphqlUrl, harbor.token);
    const alertsOfA = collect<Raised>(a.client, ALERT_RAISED);
    const healthOfA = collect<HealthChanged>(a.client, HEALTH_CHANGED);
    const alertsOfB = collect<Raised>(b.client, ALERT_RAISED);
    const healthOfB = collect<HealthChanged>(b.client, HEALTH_CHANGED);
    try {
      await subscribersListening(platform.activeSubscriptions, 4);

      // Correctly signed, so it is stored and queued; the wrong shape, so the worker marks it FAILED at once.
      const built = await buildWebhook(jahez, 'new_order', { seed: 4_401 });
      const posted = Date.now();
      const body = JSON.stringify({ jahez_id: 'not-a-number', products: 'none' });
      const answer = await sendWebhook({
        ...built,
        body,
        headers: {
          'content-type': 'application/json',
          ...(await signedHeaders({
            provider: 'JAHEZ',
            secret: jahez.secret,
            body,
            now: new Date(),
            idempotencyKey: randomUUID(),
          })),
        },
      });
      expect(answer.status).toBeLessThan(300);

      const failing = await eventually(
        async () =>
          healthOfA.values.find(
            (v) => v.integrationHealthChanged.connectionId === jahez.id && v.integrationHealthChanged.failedCount === 1,
          ),
        15_000,
        'health of the failing connection',
      );
      const healthMs = Date.now() - posted;
      expect(failing.integrationHealthChanged).toMatchObject({
        state: 'FAILING',
        deliveriesLastHour: 1,
        failuresLastHour: 1,
        connection: { name: expect.stringMatching(/Jahez/i) },
      });
      expect(failing.integrationHealthChanged.stateReason).toMatch(/FAILING below 50%/);

      const raised = await eventually(
        async () =>
          alertsOfA.values.find(
            (v) => v.alertRaised.rule === 'WEBHOOK_EVENTS_STOPPED' && v.alertRaised.connection.id === jahez.id,
          ),
        15_000,
        'the alert',
      );
      const alertMs = Date.now() - posted;
      expect(raised.alertRaised).toMatchObject({
        status: 'OPEN',
        message: '1 delivery waits for a replay (0 DEAD, 1 FAILED).',
      });
      expect(Object.keys(raised.alertRaised).sort()).toEqual(['connection', 'id', 'message', 'rule', 'status']);

      // The same alert through the query API; and only once over the socket however often the worker evaluates.
      const { alerts } = await bistro.query<{ alerts: { id: string }[] }>(`{ alerts(status: OPEN) { id } }`);
      expect(alerts.map((alert) => alert.id)).toContain(raised.alertRaised.id);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(alertsOfA.values.filter((v) => v.alertRaised.id === raised.alertRaised.id)).toHaveLength(1);
      expect(alertsOfB.values).toEqual([]);
      expect(healthOfB.values).toEqual([]);
      process.stdout.write(
        `[health-alerts e2e] webhook POST -> integrationHealthChanged ${healthMs} ms, -> alertRaised ${alertMs} ms\n`,
      );
    } finally {
      for (const subscription of [alertsOfA, healthOfA, alertsOfB, healthOfB]) subscription.dispose();
      await Promise.all([a.client.dispose(), b.client.dispose()]);
    }
  });

  it('integrationHealthChanged follows a burst of webhooks, coalesced, ending on the final numbers', async () => {
    const jahez = seededConnection(platform, 'harbor-grill', 'JAHEZ', 'SAR');
    const socket = wsClient(platform.graphqlUrl, harbor.token);
    const health = collect<HealthChanged>(socket.client, HEALTH_CHANGED);
    try {
      await subscribersListening(platform.activeSubscriptions, 1);
      for (let seed = 0; seed < 5; seed += 1) {
        const built = await buildWebhook({ ...jahez, currency: 'KWD' }, 'new_order', { seed: 5_000 + seed });
        expect((await sendWebhook(built)).status).toBeLessThan(300);
      }
      const settled = await eventually(
        async () =>
          health.values.find(
            (v) =>
              v.integrationHealthChanged.connectionId === jahez.id &&
              v.integrationHealthChanged.deliveriesLastHour === 5 &&
              v.integrationHealthChanged.state === 'HEALTHY',
          ),
        20_000,
        'health after the burst',
      );
      expect(settled.integrationHealthChanged).toMatchObject({ failuresLastHour: 0, failedCount: 0 });
      // Received and processed are ten changes; coalescing per connection sends far fewer events.
      expect(health.values.filter((v) => v.integrationHealthChanged.connectionId === jahez.id).length).toBeLessThan(10);
    } finally {
      health.dispose();
      await socket.client.dispose();
    }
  });
});
