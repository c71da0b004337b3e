import type { CatalogSyncRequest, ItemAvailabilityState, StoreStatusValue } from '@nexara/contracts';
import { appError, inTenantTransaction, type Identity } from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../common/audit';
import { catalogReader, catalogWriter, FLOOR_ROLES, MENU_ROLES, type Actor } from '../common/catalog-access';
import {
  MENU_ITEM_COLUMNS,
  SYNC_JOB_COLUMNS,
  toBusy,
  toMenuItem,
  toSyncJob,
  type AvailabilityRow,
  type BranchStateRow,
  type MenuItemRow,
  type SyncJobRow,
} from '../common/catalog-rows';
import type { BranchStoreStatusType, CatalogSyncJobType, ItemAvailabilityType } from '../common/catalog.types';
import type { CatalogChanges } from '../events/catalog-changes';
import { isUuid, MenuValidator, validWeek, type SchedulePeriodInput } from '../common/menu-validation';
import { queueSyncJobs } from '../sync/sync-queue';
import type { BranchConnection, BranchDirectory } from '../common/branch-directory';

export type SetItemAvailabilityRequest = {
  branchId: string;
  itemIds: string[];
  state: ItemAvailabilityState;
  until?: Date | null;
};
export type SetStoreStatusRequest = {
  branchId: string;
  status: StoreStatusValue;
  until?: Date | null;
  reason?: string | null;
};
export type SetBusyModeRequest = { branchId: string; prepMinutes?: number | null; until?: Date | null };
export type SetOpeningHoursRequest = { branchId: string; periods: SchedulePeriodInput[] };

const STATE_COLUMNS = `branch_id, status, status_until, status_reason, busy_prep_minutes, busy_until, opening_hours,
  updated_at`;
const MAX_ITEMS_PER_CHANGE = 500;
const MAX_REASON = 200;

/**
 * Per-branch control: item availability (86s), store status, busy mode,
 * opening hours. Each change is stored, audited and queued as one sync job
 * per connection serving the branch, in one transaction, and returns the jobs.
 */
export class BranchControlService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: BranchDirectory,
    private readonly changes: CatalogChanges,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async setItemAvailability(identity: Identity, request: SetItemAvailabilityRequest): Promise<CatalogSyncJobType[]> {
    const actor = catalogWriter(identity, FLOOR_ROLES, 'catalog:write');
    const until = this.futureOrNull(request.until, 'until');
    if (until && request.state === 'AVAILABLE') {
      throw appError('BAD_USER_INPUT', 'until: an AVAILABLE item has no end time; give until with SOLD_OUT or HIDDEN.');
    }
    const itemIds = [...new Set(request.itemIds.map((id) => id.toLowerCase()))];
    if (!itemIds.length || itemIds.length > MAX_ITEMS_PER_CHANGE) {
      throw appError('BAD_USER_INPUT', `itemIds: give 1-${MAX_ITEMS_PER_CHANGE} items.`);
    }
    request.itemIds.forEach((id, index) => {
      if (!isUuid(id)) throw appError('NOT_FOUND', `itemIds[${index}]: no menu item with id ${id} in your tenant.`);
    });
    const connections = await this.branchConnections(actor.tenantId, request.branchId);
    return this.change(actor, request.branchId, connections, async (manager) => {
      const items = (await manager.query(
        `select ${MENU_ITEM_COLUMNS}, $3::uuid = any(m.branch_ids) as on_branch from catalog.menu_items i
           join catalog.menus m on m.tenant_id = i.tenant_id and m.id = i.menu_id
          where i.tenant_id = $1 and i.id = any($2::uuid[])`,
        [actor.tenantId, itemIds, request.branchId],
      )) as (MenuItemRow & { on_branch: boolean })[];
      request.itemIds.forEach((id, index) => {
        const item = items.find((i) => i.id === id.toLowerCase());
        if (!item) throw appError('NOT_FOUND', `itemIds[${index}]: no menu item with id ${id} in your tenant.`);
        if (!item.on_branch)
          throw appError(
            'BAD_USER_INPUT',
            `itemIds[${index}]: item ${id} is on no menu of branch ${request.branchId}.`,
          );
      });
      await manager.query(
        `insert into catalog.item_availability (tenant_id, branch_id, item_id, state, until, updated_by)
         select $1, $2, item_id, $4, $5, $6 from unnest($3::uuid[]) as item_id
         on conflict (tenant_id, branch_id, item_id) do update
           set state = excluded.state, until = excluded.until, updated_by = excluded.updated_by, updated_at = now()`,
        [actor.tenantId, request.branchId, itemIds, request.state, until, actor.actor],
      );
      await audit(
        manager,
        actor,
        'ITEM_AVAILABILITY_SET',
        { type: 'BRANCH', id: request.branchId },
        {
          itemIds,
          state: request.state,
          until: until?.toISOString() ?? null,
        },
      );
      return {
        kind: 'AVAILABILITY',
        items: items.map((item) => ({
          itemId: item.id,
          externalPosId: item.external_pos_id,
          state: request.state,
          until: until?.toISOString() ?? null,
        })),
      };
    });
  }

  async setStoreStatus(identity: Identity, request: SetStoreStatusRequest): Promise<CatalogSyncJobType[]> {
    const actor = catalogWriter(identity, FLOOR_ROLES, 'catalog:write');
    const until = this.futureOrNull(request.until, 'until');
    if (request.status === 'OPEN' && until) throw appError('BAD_USER_INPUT', 'until: an OPEN store has no end time.');
    if (request.status === 'PAUSED' && !until)
      throw appError('BAD_USER_INPUT', 'until: a pause needs the time it ends (in the future).');
    const reason = request.reason?.trim() || null;
    if (reason && reason.length > MAX_REASON)
      throw appError('BAD_USER_INPUT', `reason: at most ${MAX_REASON} characters.`);
    const connections = await this.branchConnections(actor.tenantId, request.branchId);
    const jobs = await this.change(actor, request.branchId, connections, async (manager) => {
      await manager.query(
        `insert into catalog.branch_states (tenant_id, branch_id, status, status_until, status_reason)
         values ($1, $2, $3, $4, $5)
         on conflict (tenant_id, branch_id) do update set status = excluded.status,
           status_until = excluded.status_until, status_reason = excluded.status_reason, updated_at = now()`,
        [actor.tenantId, request.branchId, request.status, until, reason],
      );
      await audit(
        manager,
        actor,
        'STORE_STATUS_SET',
        { type: 'BRANCH', id: request.branchId },
        {
          status: request.status,
          until: until?.toISOString() ?? null,
          reason,
        },
      );
      return { kind: 'STORE_STATUS', status: request.status, until: until?.toISOString() ?? null, reason };
    });
    this.changes.storeStatus(actor.tenantId, request.branchId);
    return jobs;
  }

  async setBusyMode(identity: Identity, request: SetBusyModeRequest): Promise<CatalogSyncJobType[]> {
    const actor = catalogWriter(identity, FLOOR_ROLES, null);
    const until = this.futureOrNull(request.until, 'until');
    const prepMinutes = request.prepMinutes ?? null;
    if (prepMinutes !== null && (!Number.isInteger(prepMinutes) || prepMinutes < 1 || prepMinutes > 180))
      throw appError('BAD_USER_INPUT', 'prepMinutes: 1-180, or null to end busy mode.');
    if (prepMinutes === null && until) throw appError('BAD_USER_INPUT', 'until: ending busy mode takes no end time.');
    const connections = await this.branchConnections(actor.tenantId, request.branchId);
    const jobs = await this.change(actor, request.branchId, connections, async (manager) => {
      await manager.query(
        `insert into catalog.branch_states (tenant_id, branch_id, busy_prep_minutes, busy_until)
         values ($1, $2, $3, $4)
         on conflict (tenant_id, branch_id) do update set busy_prep_minutes = excluded.busy_prep_minutes,
           busy_until = excluded.busy_until, updated_at = now()`,
        [actor.tenantId, request.branchId, prepMinutes, until],
      );
      await audit(
        manager,
        actor,
        'BUSY_MODE_SET',
        { type: 'BRANCH', id: request.branchId },
        {
          prepMinutes,
          until: until?.toISOString() ?? null,
        },
      );
      return { kind: 'BUSY_MODE', prepMinutes, until: until?.toISOString() ?? null };
    });
    this.changes.storeStatus(actor.tenantId, request.branchId);
    return jobs;
  }

  async setOpeningHours(identity: Identity, request: SetOpeningHoursRequest): Promise<CatalogSyncJobType[]> {
    const actor = catalogWriter(identity, MENU_ROLES, null);
    const validator = new MenuValidator();
    const periods = validWeek(request.periods, 'periods', validator);
    if (validator.problems.length) {
      throw appError(
        'BAD_USER_INPUT',
        `The opening hours are not valid: ${validator.problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`,
        { problems: validator.problems },
      );
    }
    const connections = await this.branchConnections(actor.tenantId, request.branchId);
    const jobs = await this.change(actor, request.branchId, connections, async (manager) => {
      await manager.query(
        `insert into catalog.branch_states (tenant_id, branch_id, opening_hours) values ($1, $2, $3::jsonb)
         on conflict (tenant_id, branch_id) do update set opening_hours = excluded.opening_hours, updated_at = now()`,
        [actor.tenantId, request.branchId, JSON.stringify(periods)],
      );
      await audit(manager, actor, 'OPENING_HOURS_SET', { type: 'BRANCH', id: request.branchId }, { periods });
      return { kind: 'OPENING_HOURS', periods };
    });
    this.changes.storeStatus(actor.tenantId, request.branchId);
    return jobs;
  }

  /** Every item on a menu of the branch, with its state there (AVAILABLE unless set; a past `until` has ended). */
  async branchAvailability(identity: Identity, branchId: string): Promise<ItemAvailabilityType[]> {
    const { tenantId } = catalogReader(identity);
    await this.requireBranch(tenantId, branchId);
    const now = this.now();
    return inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
      const rows = (await manager.query(
        `select ${MENU_ITEM_COLUMNS}, a.state, a.until, a.updated_at as availability_updated_at
           from catalog.menu_items i
           join catalog.menus m on m.tenant_id = i.tenant_id and m.id = i.menu_id
           left join catalog.item_availability a
             on a.tenant_id = i.tenant_id and a.branch_id = $2 and a.item_id = i.id
          where i.tenant_id = $1 and $2::uuid = any(m.branch_ids)
          order by m.created_at, m.id, i.sort_order, i.id`,
        [tenantId, branchId],
      )) as (MenuItemRow & Partial<AvailabilityRow> & { availability_updated_at: Date | null })[];
      return rows.map((row) => {
        const ended = !!row.until && row.until <= now;
        return {
          branchId,
          item: toMenuItem(row),
          state: ended || !row.state ? 'AVAILABLE' : row.state,
          until: ended ? null : (row.until ?? null),
          updatedAt: row.availability_updated_at,
        };
      });
    });
  }

  /** The branch's status as asked, with each connection's newest store-status job and newest applied one. */
  async storeStatus(identity: Identity, branchId: string): Promise<BranchStoreStatusType> {
    const { tenantId } = catalogReader(identity);
    const connections = await this.branchConnections(tenantId, branchId);
    const now = this.now();
    return inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
      const [state] = (await manager.query(
        `select ${STATE_COLUMNS} from catalog.branch_states where tenant_id = $1 and branch_id = $2`,
        [tenantId, branchId],
      )) as BranchStateRow[];
      const jobs = (await manager.query(
        `select distinct on (connection_id, status = 'APPLIED') ${SYNC_JOB_COLUMNS} from catalog.sync_jobs
          where tenant_id = $1 and branch_id = $2 and kind = 'STORE_STATUS'
          order by connection_id, status = 'APPLIED', created_at desc, id desc`,
        [tenantId, branchId],
      )) as SyncJobRow[];
      const newest = (connectionId: string, applied: boolean): SyncJobRow | undefined =>
        jobs
          .filter((job) => job.connection_id === connectionId && (!applied || job.status === 'APPLIED'))
          .sort((a, b) => b.created_at.getTime() - a.created_at.getTime())[0];
      const ended = !!state?.status_until && state.status_until <= now;
      return {
        branchId,
        status: !state || ended ? 'OPEN' : state.status,
        until: ended ? null : (state?.status_until ?? null),
        reason: ended ? null : (state?.status_reason ?? null),
        busy: toBusy(state ?? null, now),
        openingHours: state?.opening_hours ?? null,
        updatedAt: state?.updated_at ?? null,
        connections: connections.map((connection) => {
          const requested = newest(connection.id, false);
          const confirmed = newest(connection.id, true);
          return {
            connection: { id: connection.id },
            requested: requested ? toSyncJob(requested) : null,
            confirmed: confirmed ? toSyncJob(confirmed) : null,
          };
        }),
      };
    });
  }

  /** Stores the change and queues one job per connection, in one transaction; announces the jobs after commit. */
  private async change(
    actor: Actor,
    branchId: string,
    connections: BranchConnection[],
    write: (manager: EntityManager) => Promise<CatalogSyncRequest>,
  ): Promise<CatalogSyncJobType[]> {
    const jobs = await inTenantTransaction(this.dataSource, { tenantId: actor.tenantId }, async (manager) => {
      const request = await write(manager);
      return queueSyncJobs(manager, actor, { branchId, connections, request });
    });
    this.changes.syncJobs(
      actor.tenantId,
      jobs.map((job) => job.id),
    );
    return jobs.map(toSyncJob);
  }

  /** NOT_FOUND unless the branch is the tenant's; its connections otherwise. */
  private async branchConnections(tenantId: string, branchId: string): Promise<BranchConnection[]> {
    await this.requireBranch(tenantId, branchId);
    const connections = await this.directory.connections(tenantId);
    return connections.filter((c) => c.branchId === branchId.toLowerCase());
  }

  private async requireBranch(tenantId: string, branchId: string): Promise<void> {
    if (!isUuid(branchId) || !(await this.directory.branchIds(tenantId)).has(branchId.toLowerCase())) {
      throw appError('NOT_FOUND', `branchId: no branch with id ${branchId} in your tenant.`);
    }
  }

  private futureOrNull(value: Date | null | undefined, path: string): Date | null {
    if (value == null) return null;
    if (Number.isNaN(value.getTime()) || value <= this.now()) {
      throw appError('BAD_USER_INPUT', `${path}: must be in the future (got ${value.toISOString?.() ?? value}).`);
    }
    return value;
  }
}
