import { noOrderChanges, type OrderChanges } from './order-changes';
import { appError, inTenantTransaction, type Identity, type OrderStatus } from '@nexara/kit';
import { type Provider } from '@nexara/providers/display';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { enqueueProviderCallback, type StaffCallbackAction } from '@nexara/contracts';
import { providerCallbackJob } from './provider-callback.job';
import type { OrderEventEntity, OrderEventSource } from './order-event.entity';
import { ORDER_CANCEL_ROLES, orderReaderTenantId, requireOrderOperator, serviceTenantId } from './order-access';
import { acceptanceRiskHorizon } from './order-acceptance';
import {
  decodeOrderCursor,
  DEFAULT_ORDER_SORT,
  encodeOrderCursor,
  isUuid,
  requireCursorSort,
  type OrderSort,
} from './order-cursor';
import { applyOrderSort, CURSOR_KEY } from './order-sort';
import { OrderEntity } from './order.entity';
import { invalidTransition, orderNotFound } from './order.errors';
import {
  appendTimeline,
  findOrder,
  findOrderAtVersion,
  findOrders,
  findOrdersAtVersions,
  lockOrder,
  timelinesOf,
  updateOrder,
  type OrderVersionRef,
} from './order.repository';
import { staffTransitionAllowed } from './order-status.machine';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** Refs one `orderVersions` call may name (the gateway asks for at most a tick's changes of one tenant). */
export const MAX_ORDER_VERSION_REFS = 200;
const MAX_SEARCH_LENGTH = 200;
const MAX_REASON_LENGTH = 500;

export type OrderFilter = {
  status?: readonly OrderStatus[] | null;
  provider?: readonly Provider[] | null;
  connectionId?: string | null;
  from?: Date | null;
  to?: Date | null;
  search?: string | null;
  acceptanceAtRisk?: boolean | null;
  test?: boolean | null;
};

export type OrderListArgs = {
  filter?: OrderFilter | null;
  first?: number | null;
  after?: string | null;
  orderBy?: OrderSort | null;
};

export type OrderPage = {
  totalCount: number;
  edges: { cursor: string; order: OrderEntity }[];
  hasNextPage: boolean;
  endCursor: string | null;
};

/** Reading orders and the staff's moves through the state machine. */
export class OrderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: OrderChanges = noOrderChanges,
  ) {}

  /** Sorted by `orderBy` (default newest first), then by id; keyset pagination so pages stay stable while orders arrive. */
  async listOrders(identity: Identity, args: OrderListArgs): Promise<OrderPage> {
    const tenantId = orderReaderTenantId(identity);
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
      throw appError('BAD_USER_INPUT', `first must be between 0 and ${MAX_PAGE_SIZE}.`);
    }
    const sort = args.orderBy ?? DEFAULT_ORDER_SORT;
    const after = args.after ? decodeOrderCursor(args.after) : null;
    if (after) requireCursorSort(after, sort);
    const filter = args.filter ?? {};
    if (filter.connectionId && !isUuid(filter.connectionId)) {
      throw appError('BAD_USER_INPUT', 'filter.connectionId must be the id of a provider connection.');
    }
    const search = filter.search?.trim() ?? '';
    if (search.length > MAX_SEARCH_LENGTH) {
      throw appError('BAD_USER_INPUT', `filter.search must be at most ${MAX_SEARCH_LENGTH} characters.`);
    }

    return inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
      const filtered = manager.createQueryBuilder(OrderEntity, 'o').where('o.tenant_id = :tenantId', { tenantId });
      applyOrderFilter(filtered, { ...filter, search }, new Date());

      const counted = await filtered.clone().select('count(*)', 'count').getRawOne<{ count: string }>();
      const totalCount = Number(counted?.count ?? 0);

      const page = filtered.clone().limit(first + 1);
      applyOrderSort(page, sort, after);
      const { entities, raw } = await page.getRawAndEntities<Record<typeof CURSOR_KEY, string | null>>();
      const edges = entities.slice(0, first).map((order, index) => ({
        order,
        cursor: encodeOrderCursor({ sort, key: toKey(raw[index]?.[CURSOR_KEY]), id: order.id }),
      }));
      return {
        totalCount,
        edges,
        hasNextPage: entities.length > first,
        endCursor: edges.at(-1)?.cursor ?? null,
      };
    });
  }

  /** The order now, or as change `version` left it. */
  async getOrder(identity: Identity, id: string, version: number | null = null): Promise<OrderEntity> {
    const tenantId = orderReaderTenantId(identity);
    const order = isUuid(id)
      ? await inTenantTransaction(this.dataSource, { tenantId }, (m) =>
          version === null ? findOrder(m, tenantId, id) : findOrderAtVersion(m, tenantId, id, version),
        )
      : null;
    if (!order) throw orderNotFound(id);
    return order;
  }

  /**
   * Each ref's order at that version, in the order asked, null where the
   * caller's tenant has no such order or version: one tenant transaction for
   * all of them (the gateway's `orderChanged` re-reads a tick's changes so).
   */
  async getOrderVersions(identity: Identity, refs: readonly OrderVersionRef[]): Promise<(OrderEntity | null)[]> {
    const tenantId = orderReaderTenantId(identity);
    if (refs.length > MAX_ORDER_VERSION_REFS) {
      throw appError('BAD_USER_INPUT', `Ask for at most ${MAX_ORDER_VERSION_REFS} order versions at once.`);
    }
    const valid = refs
      .map((ref) => ({ id: ref.id.toLowerCase(), version: ref.version }))
      .filter((ref) => isUuid(ref.id));
    const found = valid.length
      ? await inTenantTransaction(this.dataSource, { tenantId }, (m) => findOrdersAtVersions(m, tenantId, valid))
      : [];
    const byRef = new Map(valid.map((ref, i) => [`${ref.id}@${ref.version}`, found[i] ?? null]));
    return refs.map((ref) => byRef.get(`${ref.id.toLowerCase()}@${ref.version}`) ?? null);
  }

  /** Orders by id in the caller's tenant; ids of other tenants' orders (or of nothing) are simply absent. */
  async findOrdersByIds(identity: Identity, ids: readonly string[]): Promise<Map<string, OrderEntity>> {
    const tenantId = orderReaderTenantId(identity);
    const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const orders = await inTenantTransaction(this.dataSource, { tenantId }, (m) => findOrders(m, tenantId, valid));
    return new Map(orders.map((order) => [order.id, order]));
  }

  /** Each order's timeline, oldest first. */
  async timelines(identity: Identity, orderIds: readonly string[]): Promise<Map<string, OrderEventEntity[]>> {
    const tenantId = orderReaderTenantId(identity);
    return inTenantTransaction(this.dataSource, { tenantId }, (m) => timelinesOf(m, tenantId, orderIds));
  }

  async acceptOrder(identity: Identity, id: string, prepMinutes?: number | null): Promise<OrderEntity> {
    const user = requireOrderOperator(identity);
    return this.moveOrder(user.tenantId, id, {
      ...acceptance(prepMinutes),
      by: { source: 'USER', actor: user.userId },
    });
  }

  /**
   * The worker accepting on a connection with auto-accept. Idempotent, as the
   * worker may retry: an order that is no longer RECEIVED (staff or the
   * provider got there first) is answered as it is.
   */
  async autoAcceptOrder(identity: Identity, id: string, prepMinutes?: number | null): Promise<OrderEntity> {
    const tenantId = serviceTenantId(identity);
    return this.moveOrder(
      tenantId,
      id,
      { ...acceptance(prepMinutes), by: { source: 'SYSTEM', actor: AUTO_ACCEPT_ACTOR } },
      { whenNotAllowed: 'unchanged' },
    );
  }

  async rejectOrder(identity: Identity, id: string, reason: string): Promise<OrderEntity> {
    const user = requireOrderOperator(identity);
    const why = requiredReason(reason);
    return this.moveOrder(user.tenantId, id, {
      to: 'REJECTED',
      note: why,
      callback: { kind: 'REJECTED', reason: why },
      by: { source: 'USER', actor: user.userId },
    });
  }

  async markPreparing(identity: Identity, id: string): Promise<OrderEntity> {
    return this.moveOneStep(identity, id, 'PREPARING', { kind: 'PREPARING' });
  }

  async markReady(identity: Identity, id: string): Promise<OrderEntity> {
    return this.moveOneStep(identity, id, 'READY', { kind: 'READY' });
  }

  async markPickedUp(identity: Identity, id: string): Promise<OrderEntity> {
    return this.moveOneStep(identity, id, 'PICKED_UP', { kind: 'PICKED_UP' });
  }

  /** No provider has a "delivered" call: the courier's app tells it. */
  async markDelivered(identity: Identity, id: string): Promise<OrderEntity> {
    return this.moveOneStep(identity, id, 'DELIVERED', null);
  }

  async cancelOrder(identity: Identity, id: string, reason: string): Promise<OrderEntity> {
    const user = requireOrderOperator(identity, ORDER_CANCEL_ROLES);
    const why = requiredReason(reason);
    return this.moveOrder(user.tenantId, id, {
      to: 'CANCELLED',
      note: why,
      callback: { kind: 'CANCELLED', reason: why },
      by: { source: 'USER', actor: user.userId },
    });
  }

  private async moveOneStep(
    identity: Identity,
    id: string,
    to: OrderStatus,
    callback: StaffCallbackAction | null,
  ): Promise<OrderEntity> {
    const user = requireOrderOperator(identity);
    return this.moveOrder(user.tenantId, id, { to, note: null, callback, by: { source: 'USER', actor: user.userId } });
  }

  /**
   * One step of the state machine, its timeline entry and the provider
   * callback job, all in one transaction: if the change does not commit,
   * the provider is never told about it.
   */
  private async moveOrder(
    tenantId: string,
    id: string,
    move: OrderMove,
    options: { whenNotAllowed: 'throw' | 'unchanged' } = { whenNotAllowed: 'throw' },
  ): Promise<OrderEntity> {
    if (!isUuid(id)) throw orderNotFound(id);
    let changed = false;
    const result = await inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
      const order = await lockOrder(manager, tenantId, id);
      if (!order) throw orderNotFound(id);
      if (!staffTransitionAllowed(order.status, move.to)) {
        if (options.whenNotAllowed === 'unchanged') return order;
        throw invalidTransition(order, move.to);
      }

      const now = new Date();
      const changes: Partial<OrderEntity> = { status: move.to, updatedAt: now };
      if (move.to === 'ACCEPTED') {
        changes.acceptedAt = now;
        changes.prepMinutes = move.prepMinutes ?? null;
      }
      const version = await updateOrder(manager, tenantId, order.id, changes);
      await appendTimeline(manager, tenantId, order.id, version, [
        { status: move.to, at: now, ...move.by, note: move.note },
      ]);
      if (move.callback) await enqueueProviderCallback(manager, providerCallbackJob(order, move.callback));
      changed = true;
      return Object.assign(order, changes, { version });
    });
    if (changed) this.changes(tenantId, result.id, result.version);
    return result;
  }
}

/** The timeline actor of orders accepted by a connection's auto-accept. */
export const AUTO_ACCEPT_ACTOR = 'auto-accept';

type OrderMove = {
  to: OrderStatus;
  note: string | null;
  prepMinutes?: number | null;
  by: { source: OrderEventSource; actor: string };
  /** What the provider is told once the move commits; null when it has no call for it. */
  callback: StaffCallbackAction | null;
};

function acceptance(prepMinutes: number | null | undefined): Omit<OrderMove, 'by'> {
  if (
    prepMinutes !== null &&
    prepMinutes !== undefined &&
    (!Number.isInteger(prepMinutes) || prepMinutes < 1 || prepMinutes > 180)
  ) {
    throw appError('BAD_USER_INPUT', 'prepMinutes must be a whole number of minutes from 1 to 180.');
  }
  const minutes = prepMinutes ?? null;
  return {
    to: 'ACCEPTED',
    note: minutes === null ? null : `prep ${minutes} min`,
    prepMinutes: minutes,
    callback: minutes === null ? { kind: 'ACCEPTED' } : { kind: 'ACCEPTED', prepMinutes: minutes },
  };
}

function requiredReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw appError('BAD_USER_INPUT', 'Give a reason: the provider and the customer are told why.');
  if (trimmed.length > MAX_REASON_LENGTH) {
    throw appError('BAD_USER_INPUT', `The reason must be at most ${MAX_REASON_LENGTH} characters.`);
  }
  return trimmed;
}

/** The raw cursor key as text (pg answers bigint as a string); null only for a missing accept_by. */
function toKey(value: string | number | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function applyOrderFilter(query: SelectQueryBuilder<OrderEntity>, filter: OrderFilter, now: Date): void {
  if (filter.status?.length) query.andWhere('o.status in (:...statuses)', { statuses: filter.status });
  if (filter.provider?.length) query.andWhere('o.provider in (:...providers)', { providers: filter.provider });
  if (filter.connectionId) query.andWhere('o.connection_id = :connectionId', { connectionId: filter.connectionId });
  if (filter.from) query.andWhere('o.placed_at >= :from', { from: filter.from });
  if (filter.to) query.andWhere('o.placed_at < :to', { to: filter.to });
  if (filter.search) {
    query.andWhere(
      `(o.display_code ilike :search or o.external_id ilike :search or o.customer ->> 'name' ilike :search or o.customer ->> 'phone' ilike :search)`,
      { search: `%${escapeLike(filter.search)}%` },
    );
  }
  if (filter.acceptanceAtRisk !== null && filter.acceptanceAtRisk !== undefined) {
    // Served by orders_status_placed_at_idx (tenant_id, status, placed_at desc, id desc): the tenant's RECEIVED orders
    // are its live queue, few and already in page order, so the deadline is a cheap filter on them. No accept_by, no risk.
    const atRisk = `(o.status = 'RECEIVED' and o.accept_by is not null and o.accept_by <= :riskHorizon)`;
    query.andWhere(filter.acceptanceAtRisk ? atRisk : `not ${atRisk}`, { riskHorizon: acceptanceRiskHorizon(now) });
  }
  if (filter.test !== null && filter.test !== undefined) query.andWhere('o.test = :test', { test: filter.test });
}
