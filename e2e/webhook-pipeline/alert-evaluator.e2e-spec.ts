import { BUS_EVENTS } from '@nexara/contracts';
import { randomUUID } from 'node:crypto';
import { PROVIDERS } from '@nexara/providers/display';
import {
  createLogger,
  createPostgresEventBus,
  inTenantTransaction,
  type BusEvent,
  type EventBus,
  type Identity,
} from '@nexara/kit';
import { testSecrets } from '@nexara/test-support';
import {
  createOrdersClient,
  evaluateTenantAlerts,
  insertCallbackOutcome,
  integrationEventsOn,
  tenantsToEvaluate,
  type AlertEvaluatorDependencies,
  type AlertRule,
  type IntegrationEvents,
} from '@nexara/integrations/testing';
import {
  aDelivery,
  aPartner,
  aUser,
  backdateConnection,
  errorCodes,
  eventually,
  startWebhookPipeline,
  type WebhookPipeline,
} from '../support/webhook-pipeline';

type AlertView = {
  id: string;
  rule: AlertRule;
  status: string;
  message: string;
  subjectType: string;
  subjectId: string;
  connection: { id: string } | null;
  order: { id: string } | null;
  acknowledgedBy: string | null;
  resolvedBy: string | null;
};

const FIELDS = 'id rule status message subjectType subjectId connection { id } order { id } acknowledgedBy resolvedBy';
const ALERTS = `query($status: AlertStatus) { alerts(status: $status) { ${FIELDS} } }`;
const ALERT = `query($id: ID!) { alert(id: $id) { ${FIELDS} } }`;
const ACK = `mutation($id: ID!) { acknowledgeAlert(id: $id) { ${FIELDS} } }`;
const RESOLVE = `mutation($id: ID!) { resolveAlert(id: $id) { ${FIELDS} } }`;

/**
 * The alert evaluator against real PostgreSQL and a real orders subgraph:
 * every rule opens exactly one alert however often it runs, and resolves it
 * when its cause clears; people acknowledge and resolve through the API.
 */
describe('alerts (real PostgreSQL, real orders subgraph)', () => {
  let pipeline: WebhookPipeline;
  let publisher: EventBus;
  let listener: EventBus;
  let events: IntegrationEvents;
  let deps: AlertEvaluatorDependencies;
  const heard: BusEvent[] = [];
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const managerA: Identity = aUser(tenantA, 'MANAGER');

  beforeAll(async () => {
    pipeline = await startWebhookPipeline();
    const logger = createLogger('alerts-test', 'silent');
    publisher = createPostgresEventBus({ databaseUrl: pipeline.db.serviceUrls.integrations, logger });
    listener = createPostgresEventBus({ databaseUrl: pipeline.db.serviceUrls.integrations, logger });
    await Promise.all([publisher.ready(), listener.ready()]);
    listener.subscribe((event) => heard.push(event));
    events = integrationEventsOn(publisher, logger);
    const orders = createOrdersClient({
      url: pipeline.ordersUrl,
      internalTokenSecret: testSecrets.internalTokenSecret,
    });
    deps = {
      dataSource: pipeline.integrations.server.dataSource,
      events,
      ordersAtRisk: (tenantId) => orders.ordersAtRisk(tenantId),
      logger,
    };
  });

  afterAll(async () => {
    await events?.flush();
    await publisher?.close();
    await listener?.close();
    await pipeline?.close();
  });

  /** Any provider does: the rules read deliveries, callbacks and orders, whoever sent them. */
  const PROVIDER = PROVIDERS[0];
  const connect = async (tenantId: string): Promise<string> => (await pipeline.connect(tenantId, PROVIDER)).id;

  const alertsOf = async (tenantId: string, status?: string): Promise<AlertView[]> => {
    const response = await pipeline.graphql<{ alerts: AlertView[] }>(ALERTS, { status }, aUser(tenantId, 'STAFF'));
    expect(response.errors).toEqual([]);
    return response.data!.alerts;
  };

  const unresolved = async (tenantId: string, rule: AlertRule, subjectId: string): Promise<AlertView[]> =>
    (await alertsOf(tenantId)).filter((a) => a.rule === rule && a.subjectId === subjectId && a.status !== 'RESOLVED');

  /** Evaluates three times: the rule must hold one unresolved alert, announced once. */
  const expectOneAlert = async (tenantId: string, rule: AlertRule, subjectId: string): Promise<AlertView> => {
    const opened: string[] = [];
    for (let round = 0; round < 3; round += 1) opened.push(...(await evaluateTenantAlerts(deps, tenantId)).opened);
    const alerts = await unresolved(tenantId, rule, subjectId);
    expect(alerts).toHaveLength(1);
    expect(opened.filter((id) => id === alerts[0]!.id)).toHaveLength(1);
    await eventually(
      async () => heard.find((e) => e.kind === 'alert.raised' && e.id === alerts[0]!.id && e.tenantId === tenantId),
      5_000,
    );
    return alerts[0]!;
  };

  const expectResolved = async (tenantId: string, alertId: string): Promise<void> => {
    const { resolved } = await evaluateTenantAlerts(deps, tenantId);
    expect(resolved).toContain(alertId);
    const response = await pipeline.graphql<{ alert: AlertView }>(ALERT, { id: alertId }, aUser(tenantId, 'STAFF'));
    expect(response.data!.alert).toMatchObject({ status: 'RESOLVED', resolvedBy: 'system:cause-cleared' });
    await eventually(async () => heard.find((e) => e.kind === BUS_EVENTS.alertChanged && e.id === alertId), 5_000);
  };

  it('WEBHOOK_EVENTS_STOPPED: one alert while deliveries are DEAD or FAILED, resolved once none are', async () => {
    const connectionId = await connect(tenantA);
    const failed = await aDelivery(pipeline.db, { tenantId: tenantA, connectionId, status: 'FAILED', minutesAgo: 3 });
    await aDelivery(pipeline.db, { tenantId: tenantA, connectionId, status: 'DEAD', minutesAgo: 2 });
    const alert = await expectOneAlert(tenantA, 'WEBHOOK_EVENTS_STOPPED', connectionId);
    expect(alert).toMatchObject({
      subjectType: 'ProviderConnection',
      connection: { id: connectionId },
      order: null,
      status: 'OPEN',
    });
    expect(alert.message).toBe('2 deliveries wait for a replay (1 DEAD, 1 FAILED).');

    // One replayed and processed: still one waiting, same alert, message refreshed.
    await pipeline.db.queryAsAdmin(`update integrations.webhook_events set status = 'PROCESSED' where id = $1`, [
      failed,
    ]);
    await evaluateTenantAlerts(deps, tenantA);
    const [still] = await unresolved(tenantA, 'WEBHOOK_EVENTS_STOPPED', connectionId);
    expect(still).toMatchObject({ id: alert.id, message: '1 delivery waits for a replay (1 DEAD, 0 FAILED).' });

    await pipeline.db.queryAsAdmin(
      `update integrations.webhook_events set status = 'PROCESSED' where connection_id = $1`,
      [connectionId],
    );
    await expectResolved(tenantA, alert.id);
  });

  it('AUTH_FAILURE_BURST: five authentication failures within ten minutes, resolved when the window holds fewer', async () => {
    const connectionId = await connect(tenantA);
    const audit = pipeline.integrations.server.services.audit;
    for (let i = 0; i < 4; i += 1)
      await audit.recordSecurityEvent({ tenantId: tenantA, connectionId, code: 'BAD_SIGNATURE', detail: {} });
    await audit.recordSecurityEvent({ tenantId: tenantA, connectionId, code: 'CONNECTION_PAUSED', detail: {} });
    await evaluateTenantAlerts(deps, tenantA);
    expect(await unresolved(tenantA, 'AUTH_FAILURE_BURST', connectionId)).toEqual([]); // 4 auth failures + a pause: no burst

    await audit.recordSecurityEvent({ tenantId: tenantA, connectionId, code: 'STALE_TIMESTAMP', detail: {} });
    const alert = await expectOneAlert(tenantA, 'AUTH_FAILURE_BURST', connectionId);
    expect(alert.message).toMatch(/^5 webhooks refused for failed authentication in the last 10 minutes/);

    await pipeline.db.queryAsAdmin(
      `update integrations.security_event_counts set minute = minute - interval '20 minutes' where connection_id = $1`,
      [connectionId],
    );
    await expectResolved(tenantA, alert.id);
  });

  it('CONNECTION_SILENT: quiet for silentAfterMinutes during expected hours, resolved by the next delivery', async () => {
    const connectionId = await connect(tenantA);
    await backdateConnection(pipeline.db, connectionId, 90);
    const alert = await expectOneAlert(tenantA, 'CONNECTION_SILENT', connectionId);
    expect(alert.message).toBe('No delivery for 90 minutes during expected hours (SILENT after 60).');

    await aDelivery(pipeline.db, { tenantId: tenantA, connectionId, status: 'PROCESSED', minutesAgo: 0 });
    await expectResolved(tenantA, alert.id);
  });

  it('CONNECTION_SILENT yields to FAILING: quiet past its limit, but most of the hour failed', async () => {
    // The alert read takes the hour's delivery figures only for a connection quiet past its limit (the health rule
    // ranks FAILING above SILENT): this one is, and its hour says FAILING, so there is no silence to raise.
    const connectionId = await connect(tenantA);
    await pipeline.db.queryAsAdmin(
      `insert into integrations.connection_health_settings (tenant_id, connection_id, silent_after_minutes)
       values ($1, $2, 15)`,
      [tenantA, connectionId],
    );
    for (const minutesAgo of [40, 35, 30])
      await aDelivery(pipeline.db, { tenantId: tenantA, connectionId, status: 'FAILED', minutesAgo });
    await aDelivery(pipeline.db, { tenantId: tenantA, connectionId, status: 'PROCESSED', minutesAgo: 30 });
    await evaluateTenantAlerts(deps, tenantA);
    expect(await unresolved(tenantA, 'CONNECTION_SILENT', connectionId)).toEqual([]);
    expect(await unresolved(tenantA, 'WEBHOOK_EVENTS_STOPPED', connectionId)).toHaveLength(1);

    // The failures replayed and processed: the hour is healthy, and the quiet connection is SILENT.
    await pipeline.db.queryAsAdmin(
      `update integrations.webhook_events set status = 'PROCESSED', processing_ms = 10 where connection_id = $1`,
      [connectionId],
    );
    const alert = await expectOneAlert(tenantA, 'CONNECTION_SILENT', connectionId);
    expect(alert.message).toBe('No delivery for 30 minutes during expected hours (SILENT after 15).');
  });

  it('CALLBACKS_FAILING: a failed callback in the last hour with none delivered since, resolved by a delivered one', async () => {
    const connectionId = await connect(tenantA);
    const outcome = (result: 'FAILED' | 'DELIVERED') =>
      inTenantTransaction(deps.dataSource, { tenantId: tenantA }, (manager) =>
        insertCallbackOutcome(manager, {
          tenantId: tenantA,
          connectionId,
          orderId: randomUUID(),
          action: 'ACCEPTED',
          outcome: result,
          attempt: 4,
          httpStatus: result === 'FAILED' ? 503 : 200,
        }),
      );
    await outcome('FAILED');
    const alert = await expectOneAlert(tenantA, 'CALLBACKS_FAILING', connectionId);
    expect(alert.message).toMatch(/^1 provider callback failed in the last hour/);

    await new Promise((resolve) => setTimeout(resolve, 5)); // a later timestamp than the failure
    await outcome('DELIVERED');
    await expectResolved(tenantA, alert.id);
  });

  it('ACCEPTANCE_AT_RISK: an unanswered order near its acceptBy (asked of the orders subgraph), resolved once accepted', async () => {
    const connectionId = await connect(tenantA);
    const orderId = await placeOrder(tenantA, connectionId, new Date(Date.now() + 60_000));
    const alert = await expectOneAlert(tenantA, 'ACCEPTANCE_AT_RISK', orderId);
    expect(alert).toMatchObject({ subjectType: 'Order', order: { id: orderId }, connection: { id: connectionId } });
    expect(alert.message).toMatch(/still unanswered .* accept or reject it now/);

    const accepted = await pipeline.orders(
      `mutation($id: ID!) { acceptOrder(id: $id) { id status } }`,
      { id: orderId },
      aUser(tenantA, 'STAFF'),
    );
    expect(accepted.errors).toEqual([]);
    await expectResolved(tenantA, alert.id);
  });

  it('leaves at-risk alerts alone while orders cannot be asked, and keeps evaluating the other rules', async () => {
    const connectionId = await connect(tenantA);
    const orderId = await placeOrder(tenantA, connectionId, new Date(Date.now() + 30_000));
    const alert = await expectOneAlert(tenantA, 'ACCEPTANCE_AT_RISK', orderId);
    await pipeline.stopOrders();
    try {
      await aDelivery(pipeline.db, { tenantId: tenantA, connectionId, status: 'DEAD', minutesAgo: 1 });
      const round = await evaluateTenantAlerts(deps, tenantA);
      expect(round.resolved).not.toContain(alert.id);
      expect(await unresolved(tenantA, 'WEBHOOK_EVENTS_STOPPED', connectionId)).toHaveLength(1);
      expect(await unresolved(tenantA, 'ACCEPTANCE_AT_RISK', orderId)).toHaveLength(1);
    } finally {
      await pipeline.startOrders();
    }
  });

  it('acknowledges and resolves by hand, with clear errors for bad ids, other tenants, roles and resolved alerts', async () => {
    const connectionId = await connect(tenantA);
    await aDelivery(pipeline.db, { tenantId: tenantA, connectionId, status: 'FAILED', minutesAgo: 1 });
    const alert = await expectOneAlert(tenantA, 'WEBHOOK_EVENTS_STOPPED', connectionId);

    const refusals: [string, Record<string, unknown>, Identity, string][] = [
      ['not an id', { id: 'nope' }, managerA, 'NOT_FOUND'],
      ['unknown id', { id: randomUUID() }, managerA, 'NOT_FOUND'],
      ["another tenant's manager", { id: alert.id }, aUser(tenantB, 'MANAGER'), 'NOT_FOUND'],
      ['staff', { id: alert.id }, aUser(tenantA, 'STAFF'), 'FORBIDDEN'],
      ['a partner key', { id: alert.id }, aPartner(tenantA), 'FORBIDDEN'],
    ];
    for (const [, variables, identity, code] of refusals) {
      for (const mutation of [ACK, RESOLVE])
        expect(errorCodes(await pipeline.graphql(mutation, variables, identity))).toEqual([code]);
    }
    const missing = await pipeline.graphql(ACK, { id: randomUUID() }, managerA);
    expect(missing.errors[0]!.message).toBe('No such alert in this tenant.');
    expect((await unresolved(tenantA, 'WEBHOOK_EVENTS_STOPPED', connectionId))[0]!.status).toBe('OPEN');

    const acked = await pipeline.graphql<{ acknowledgeAlert: AlertView }>(ACK, { id: alert.id }, managerA);
    expect(acked.data!.acknowledgeAlert).toMatchObject({
      id: alert.id,
      status: 'ACKNOWLEDGED',
      acknowledgedBy: expect.stringMatching(/^user:/),
    });
    // Acknowledged is still unresolved: evaluating again opens no second alert.
    expect((await evaluateTenantAlerts(deps, tenantA)).opened).toEqual([]);
    expect(await alertsOf(tenantA, 'ACKNOWLEDGED')).toEqual([expect.objectContaining({ id: alert.id })]);

    const resolved = await pipeline.graphql<{ resolveAlert: AlertView }>(RESOLVE, { id: alert.id }, managerA);
    expect(resolved.data!.resolveAlert).toMatchObject({
      status: 'RESOLVED',
      resolvedBy: expect.stringMatching(/^user:/),
    });
    const again = await pipeline.graphql(ACK, { id: alert.id }, managerA);
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors[0]!.message).toMatch(/already RESOLVED/);
    expect(errorCodes(await pipeline.graphql(RESOLVE, { id: alert.id }, managerA))).toEqual([]);

    // The cause is still there: the next evaluation opens a fresh alert.
    const reopened = await expectOneAlert(tenantA, 'WEBHOOK_EVENTS_STOPPED', connectionId);
    expect(reopened.id).not.toBe(alert.id);
  });

  it("keeps tenants apart: B never sees A's alerts, and B's evaluation touches only B", async () => {
    const ofB = await connect(tenantB);
    await aDelivery(pipeline.db, { tenantId: tenantB, connectionId: ofB, status: 'DEAD', minutesAgo: 1 });
    const alertOfB = await expectOneAlert(tenantB, 'WEBHOOK_EVENTS_STOPPED', ofB);

    const ofA = await alertsOf(tenantA);
    expect(ofA.length).toBeGreaterThan(0);
    expect(ofA.map((a) => a.id)).not.toContain(alertOfB.id);
    expect((await alertsOf(tenantB)).map((a) => a.id)).toEqual([alertOfB.id]);
    for (const alert of ofA) {
      const read = await pipeline.graphql<{ alert: AlertView | null }>(
        ALERT,
        { id: alert.id },
        aUser(tenantB, 'TENANT_ADMIN'),
      );
      expect(read.data!.alert).toBeNull();
    }
    expect(heard.filter((e) => e.id === alertOfB.id).every((e) => e.tenantId === tenantB)).toBe(true);
    expect(await tenantsToEvaluate(deps.dataSource)).toEqual(expect.arrayContaining([tenantA, tenantB]));
  });

  let placed = 0;
  async function placeOrder(tenantId: string, connectionId: string, acceptBy: Date): Promise<string> {
    const externalId = `ALERT-${Date.now()}-${(placed += 1)}`;
    const now = new Date().toISOString();
    const response = await pipeline.orders<{ applyProviderOrderEvent: { order: { id: string } } }>(
      `mutation($input: ProviderOrderEventInput!) { applyProviderOrderEvent(input: $input) { order { id } } }`,
      {
        input: {
          connectionId,
          provider: PROVIDER,
          eventKey: `${externalId}-placed`,
          kind: 'ORDER_PLACED',
          externalId,
          occurredAt: now,
          order: {
            displayCode: externalId.slice(-6),
            placedAt: now,
            acceptBy: acceptBy.toISOString(),
            currency: 'SAR',
            items: [{ name: 'Falafel Wrap', quantity: 1, unitPrice: 1850, total: 1850, modifiers: [] }],
            subtotal: 1850,
            deliveryFee: 0,
            discount: 0,
            tax: 0,
            tip: 0,
            total: 1850,
          },
        },
      },
      { kind: 'service', service: 'alerts-test', tenantId },
    );
    expect(response.errors).toEqual([]);
    return response.data!.applyProviderOrderEvent.order.id;
  }
});
