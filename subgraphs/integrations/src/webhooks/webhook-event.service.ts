import { timeCursorCodec } from '@nexara/contracts';
import { appError, inTenantTransaction, type Identity, type Logger } from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { IntegrationEvents } from '../events/integration-events';
import { managingTenantId, OPERATOR_ROLES, operationsReaderTenantId, UUID } from '../access/connection-access';
import {
  findWebhookEvent,
  listWebhookEvents,
  replayDeadWebhookEventRows,
  replayWebhookEventRow,
  type WebhookEventFilter,
  type WebhookEventRecord,
} from './webhook-event.repository';
import { enqueueWebhookEvent } from './webhook-jobs';

/** Positions in the inbox: newest first, then id. */
const inboxCursor = timeCursorCodec('w1');

export const DEFAULT_WEBHOOK_EVENT_PAGE_SIZE = 50;
export const MAX_WEBHOOK_EVENT_PAGE_SIZE = 200;

export type WebhookEventPage = {
  totalCount: number;
  edges: { cursor: string; node: WebhookEventRecord }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

const inboxReaderTenantId = (actor: Identity): string => operationsReaderTenantId(actor, 'webhook deliveries');

/** The tenant's webhook deliveries: listing, and putting failed or dead ones back in the queue. */
export class WebhookEventService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: Pick<AuditService, 'recordAdminAction'>;
      logger: Logger;
      /** A replay takes deliveries out of DEAD/FAILED: health changes. */
      events: Pick<IntegrationEvents, 'connectionHealthMayHaveChanged'>;
    },
  ) {}

  async listWebhookEvents(
    actor: Identity,
    args: { filter?: WebhookEventFilter | null; first?: number | null; after?: string | null },
  ): Promise<WebhookEventPage> {
    const tenantId = inboxReaderTenantId(actor);
    const first = args.first ?? DEFAULT_WEBHOOK_EVENT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 0 || first > MAX_WEBHOOK_EVENT_PAGE_SIZE) {
      throw appError('BAD_USER_INPUT', `first must be between 0 and ${MAX_WEBHOOK_EVENT_PAGE_SIZE}.`);
    }
    const filter = args.filter ?? {};
    if (filter.connectionId && !UUID.test(filter.connectionId)) {
      throw appError('BAD_USER_INPUT', 'filter.connectionId must be the id of a provider connection.');
    }
    const position = args.after ? inboxCursor.decode(args.after) : null;
    const after = position ? { receivedAt: position.at, id: position.id } : null;

    const { totalCount, rows } = await this.inTenant(tenantId, (manager) =>
      listWebhookEvents(manager, tenantId, filter, { limit: first + 1, after }),
    );
    const edges = rows.slice(0, first).map((node) => ({
      cursor: inboxCursor.encode({ at: node.receivedAtText, id: node.id }),
      node,
    }));
    return {
      totalCount,
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  /** One delivery of the caller's tenant, or null (also for another tenant's id). */
  async findWebhookEvent(actor: Identity, id: string): Promise<WebhookEventRecord | null> {
    const tenantId = inboxReaderTenantId(actor);
    if (!UUID.test(id)) return null;
    return this.inTenant(tenantId, (manager) => findWebhookEvent(manager, tenantId, id));
  }

  /**
   * FAILED or DEAD -> QUEUED, processed again from the stored bytes with a
   * fresh retry budget; the attempts made so far stay on the record.
   * Tenant admins and managers; written to the audit trail with the change.
   */
  async replayWebhookEvent(actor: Identity, id: string): Promise<WebhookEventRecord> {
    const tenantId = managingTenantId(actor, OPERATOR_ROLES);
    if (!UUID.test(id)) throw appError('NOT_FOUND', 'No such webhook event in this tenant.');
    const replayed = await this.inTenant(tenantId, async (manager) => {
      const current = await findWebhookEvent(manager, tenantId, id, { lock: true });
      if (!current) throw appError('NOT_FOUND', 'No such webhook event in this tenant.');
      if (current.status !== 'FAILED' && current.status !== 'DEAD') {
        throw appError(
          'BAD_USER_INPUT',
          `Only FAILED or DEAD webhook events can be replayed; this one is ${current.status}.`,
          { status: current.status },
        );
      }
      const row = await replayWebhookEventRow(manager, tenantId, id);
      if (!row) throw new Error(`webhook event ${id} changed under its row lock`);
      await enqueueWebhookEvent(manager, { tenantId, eventId: id });
      await this.deps.audit.recordAdminAction(manager, {
        tenantId,
        actor,
        action: 'WEBHOOK_EVENT_REPLAYED',
        subjectType: 'WebhookEvent',
        subjectId: id,
        detail: {
          connectionId: current.connectionId,
          provider: current.provider,
          previousStatus: current.status,
          attempts: current.attempts,
          lastError: current.lastError,
        },
      });
      return row;
    });
    this.deps.events.connectionHealthMayHaveChanged(tenantId, replayed.connectionId);
    this.deps.logger.info({ tenantId, eventId: id }, 'webhook event replayed');
    return replayed;
  }

  /** Every DEAD event of one connection back in the queue; answers how many. */
  async replayDeadWebhookEvents(actor: Identity, connectionId: string): Promise<number> {
    const tenantId = managingTenantId(actor, OPERATOR_ROLES);
    if (!UUID.test(connectionId)) throw appError('NOT_FOUND', 'No such provider connection in this tenant.');
    const count = await this.inTenant(tenantId, async (manager) => {
      const exists = (await manager.query('select 1 from integrations.connections where tenant_id = $1 and id = $2', [
        tenantId,
        connectionId,
      ])) as unknown[];
      if (exists.length === 0) throw appError('NOT_FOUND', 'No such provider connection in this tenant.');
      const ids = await replayDeadWebhookEventRows(manager, tenantId, connectionId);
      for (const eventId of ids) await enqueueWebhookEvent(manager, { tenantId, eventId });
      await this.deps.audit.recordAdminAction(manager, {
        tenantId,
        actor,
        action: 'DEAD_WEBHOOK_EVENTS_REPLAYED',
        subjectType: 'ProviderConnection',
        subjectId: connectionId,
        // The ids themselves can be many; the events show their replay count.
        detail: { count: ids.length },
      });
      return ids.length;
    });
    if (count > 0) this.deps.events.connectionHealthMayHaveChanged(tenantId, connectionId);
    this.deps.logger.info({ tenantId, connectionId, count }, 'dead webhook events replayed');
    return count;
  }

  private inTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.deps.dataSource, { tenantId }, work);
  }
}
