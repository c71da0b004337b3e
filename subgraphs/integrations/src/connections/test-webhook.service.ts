import { appError, inTenantTransaction, type Identity, type Logger } from '@nexara/kit';
import {
  buildWebhook,
  sendWebhook,
  STATUS_PROGRESSIONS,
  followUpReference,
  type BuiltWebhook,
  type ProviderOrder,
  type SendResult,
  type SimulatedConnection,
  type WebhookKind,
} from '@nexara/simulator';
import { providerDefinition } from '@nexara/providers';
import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { managingTenantId, OPERATOR_ROLES } from '../access/connection-access';
import type { ConnectionService } from './connection.service';
import { webhookUrlFor } from './connection.validation';

export const TEST_WEBHOOK_KINDS = ['NEW_ORDER', 'STATUS_UPDATE', 'CANCELLATION'] as const;
export type TestWebhookKind = (typeof TEST_WEBHOOK_KINDS)[number];

export type TestWebhookOutcome = {
  /** The shim's HTTP status; null when no answer came. */
  httpStatus: number | null;
  /** The shim's answer (at most RESPONSE_BODY_LIMIT characters); null when no answer came. */
  responseBody: string | null;
  /** The shim answered 2xx. */
  delivered: boolean;
  idempotencyKey: string | null;
  /** The provider's order id the sample carries. */
  externalId: string;
  /** Why it was not delivered, when that is known (no answer, or the sample order a follow-up needs was refused). */
  error: string | null;
};

export type TestWebhookServiceDependencies = {
  dataSource: DataSource;
  connections: ConnectionService;
  audit: AuditService;
  /** Base URL of the gateway's webhook shim as reachable from this service (WEBHOOK_TARGET_URL). */
  targetUrl: string;
  logger: Logger;
  timeoutMs?: number;
};

/** The last sample order sent for a connection: what status updates and cancellations refer to. */
type SentOrder = { order: ProviderOrder; remoteOrderId: string | null; statusStep: number };

const KIND_ON_THE_WIRE: Record<TestWebhookKind, WebhookKind> = {
  NEW_ORDER: 'new_order',
  STATUS_UPDATE: 'status_update',
  CANCELLATION: 'cancellation',
};
const RESPONSE_BODY_LIMIT = 4096;
/** Remembered sample orders; the oldest is forgotten first (a follow-up then starts with a new order). */
const MAX_REMEMBERED_ORDERS = 1000;

/**
 * Sends realistic, correctly signed provider webhooks through the real shim
 * URL, signed with the connection's current secret, so a tenant can check a
 * connection end to end from the dashboard. Follow-ups refer to the last
 * sample order this process sent for the connection.
 */
export class TestWebhookService {
  private readonly sentOrders = new Map<string, SentOrder>();

  constructor(private readonly deps: TestWebhookServiceDependencies) {}

  async sendTestWebhook(actor: Identity, connectionId: string, kind: TestWebhookKind): Promise<TestWebhookOutcome> {
    const tenantId = managingTenantId(actor, OPERATOR_ROLES);
    if (!TEST_WEBHOOK_KINDS.includes(kind))
      throw appError('BAD_USER_INPUT', `kind must be one of ${TEST_WEBHOOK_KINDS.join(', ')}.`);
    const found = await this.deps.connections.connectionWithCurrentSecret(tenantId, connectionId);
    if (!found) throw appError('NOT_FOUND', 'No such provider connection in this tenant.');
    const { connection, secret } = found;
    const simulated: SimulatedConnection = {
      provider: connection.provider,
      webhookUrl: webhookUrlFor(this.deps.targetUrl, connection.provider, connection.connectionKey),
      secret,
      externalStoreId: connection.externalStoreId,
      currency: connection.currency,
    };
    const target: Target = { tenantId, connectionId: connection.id };

    const { outcome, sampleOrderSentFirst } =
      kind === 'NEW_ORDER'
        ? { outcome: (await this.sendNewOrder(simulated, target)).outcome, sampleOrderSentFirst: false }
        : await this.sendFollowUp(simulated, target, kind);

    await inTenantTransaction(this.deps.dataSource, { tenantId }, (manager) =>
      this.deps.audit.recordAdminAction(manager, {
        tenantId,
        actor,
        action: 'TEST_WEBHOOK_SENT',
        subjectType: 'ProviderConnection',
        subjectId: connection.id,
        detail: {
          kind,
          provider: connection.provider,
          sampleNewOrderSentFirst: sampleOrderSentFirst,
          httpStatus: outcome.httpStatus,
          delivered: outcome.delivered,
          idempotencyKey: outcome.idempotencyKey,
          externalId: outcome.externalId,
        },
      }),
    );
    this.deps.logger.info(
      { tenantId, connectionId: connection.id, kind, httpStatus: outcome.httpStatus },
      'test webhook sent',
    );
    return outcome;
  }

  /** A status update or cancellation of the last sample order, sending a new one first when there is none. */
  private async sendFollowUp(
    connection: SimulatedConnection,
    target: Target,
    kind: Exclude<TestWebhookKind, 'NEW_ORDER'>,
  ): Promise<{ outcome: TestWebhookOutcome; sampleOrderSentFirst: boolean }> {
    let sent = this.sentOrders.get(memoryKeyOf(target));
    const sampleOrderSentFirst = sent === undefined;
    if (!sent) {
      const first = await this.sendNewOrder(connection, target);
      if (!first.sent) {
        const why = first.outcome.error ?? `the shim answered HTTP ${first.outcome.httpStatus}`;
        return {
          outcome: { ...first.outcome, error: `The sample new order this ${kind} refers to was not accepted: ${why}.` },
          sampleOrderSentFirst,
        };
      }
      sent = first.sent;
    }
    const progression = STATUS_PROGRESSIONS[connection.provider];
    // Each status update moves the sample order one step further, stopping at the last step.
    const status =
      kind === 'STATUS_UPDATE' ? progression[Math.min(sent.statusStep, progression.length - 1)] : undefined;
    const built = await buildWebhook(connection, KIND_ON_THE_WIRE[kind], {
      order: sent.order,
      remoteOrderId: sent.remoteOrderId ?? undefined,
      status,
    });
    const result = await this.send(target, built);
    if (kind === 'STATUS_UPDATE' && isDelivered(result)) sent.statusStep += 1;
    return { outcome: outcomeOf(built, result), sampleOrderSentFirst };
  }

  /** Sends a new sample order; remembers it when the shim took it (follow-ups need an order the platform knows). */
  private async sendNewOrder(
    connection: SimulatedConnection,
    target: Target,
  ): Promise<{ outcome: TestWebhookOutcome; sent: SentOrder | undefined }> {
    const built = await buildWebhook(connection, 'new_order');
    const result = await this.send(target, built);
    const outcome = outcomeOf(built, result);
    if (!isDelivered(result)) return { outcome, sent: undefined };
    // A provider whose follow-ups name the order by the answer needs that answer's reference.
    const namesByAnswer = providerDefinition(connection.provider).simulator.followUpReference !== undefined;
    const remoteOrderId = followUpReference(connection.provider, result.body);
    if (namesByAnswer && remoteOrderId === null) {
      return {
        outcome: { ...outcome, error: 'the answer to the new order carried no remoteResponse.remoteOrderId' },
        sent: undefined,
      };
    }
    const sent: SentOrder = { order: built.order, remoteOrderId, statusStep: 0 };
    const memoryKey = memoryKeyOf(target);
    this.sentOrders.delete(memoryKey);
    this.sentOrders.set(memoryKey, sent);
    if (this.sentOrders.size > MAX_REMEMBERED_ORDERS) {
      const oldest = this.sentOrders.keys().next().value;
      if (oldest !== undefined) this.sentOrders.delete(oldest);
    }
    return { outcome, sent };
  }

  /**
   * Records the delivery as a test one before it leaves (the worker may take
   * it before the answer is back), then sends it: its order is marked a test
   * order, out of figures and alerts (docs/architecture.md, "Test orders").
   */
  private async send(target: Target, built: BuiltWebhook): Promise<SendResult> {
    await inTenantTransaction(this.deps.dataSource, { tenantId: target.tenantId }, (manager) =>
      manager.query(
        `insert into integrations.test_webhook_deliveries (tenant_id, connection_id, idempotency_key)
         values ($1, $2, $3) on conflict do nothing`,
        [target.tenantId, target.connectionId, built.idempotencyKey],
      ),
    );
    return sendWebhook(built, { timeoutMs: this.deps.timeoutMs });
  }
}

/** Which connection of which tenant a sample goes to. */
type Target = { tenantId: string; connectionId: string };

function memoryKeyOf(target: Target): string {
  return `${target.tenantId}/${target.connectionId}`;
}

function isDelivered(result: SendResult): boolean {
  return result.status >= 200 && result.status <= 299;
}

function outcomeOf(built: BuiltWebhook, result: SendResult): TestWebhookOutcome {
  const answered = result.status !== 0;
  return {
    httpStatus: answered ? result.status : null,
    responseBody: answered ? result.body.slice(0, RESPONSE_BODY_LIMIT) : null,
    delivered: isDelivered(result),
    idempotencyKey: built.idempotencyKey,
    externalId: built.externalId,
    error: answered ? null : (result.error ?? 'No answer from the webhook endpoint.'),
  };
}
