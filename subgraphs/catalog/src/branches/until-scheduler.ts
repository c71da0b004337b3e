import type { CatalogSyncRequest } from '@nexara/contracts';
import { inTenantTransaction, type Logger } from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../common/audit';
import type { Actor } from '../common/catalog-access';
import type { BranchDirectory } from '../common/branch-directory';
import type { CatalogChanges } from '../events/catalog-changes';
import { queueSyncJobs } from '../sync/sync-queue';

/**
 * Ends every `until` (docs/control-plane.md, "The until scheduler"): an item
 * snoozed (SOLD_OUT or HIDDEN until T) is AVAILABLE again, a paused store
 * OPEN, busy mode off, each sent to every connection of the branch as the
 * sync job a person would have queued. No provider's own end time is relied
 * on: several have none, and ours is the one the dashboard shows.
 *
 * It also mirrors the providers' morning stock reset: an item sold out with
 * no end time comes back at the first reset after it was sold out (one
 * instant a day, `soldOutResetUtc`), on every provider at once, so none
 * disagrees with the others after the night.
 *
 * Several catalog replicas may run it: each branch's rows are taken with
 * `for update skip locked`, so one replica restores a row and queues its jobs.
 */
export type UntilSchedulerOptions = {
  dataSource: DataSource;
  directory: BranchDirectory;
  changes: CatalogChanges;
  logger: Logger;
  /** `HH:MM` UTC of the daily sold-out reset (default 01:00, 04:00 in the Gulf). */
  soldOutResetUtc?: string;
};

/** What one pass restored, for logs and tests. */
export type UntilPass = { tenants: number; items: number; statuses: number; busy: number; jobs: number };

const SCHEDULER: Omit<Actor, 'tenantId'> = { actor: 'service:catalog-scheduler' };

/** The newest reset instant at or before `now`. */
export function lastSoldOutReset(now: Date, resetUtc = '01:00'): Date {
  const [hours, minutes] = resetUtc.split(':').map(Number) as [number, number];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes);
  return new Date(today <= now.getTime() ? today : today - 86_400_000);
}

export class UntilScheduler {
  constructor(private readonly options: UntilSchedulerOptions) {}

  /** One pass over every tenant with something ended at `now`. */
  async runOnce(now: Date = new Date()): Promise<UntilPass> {
    const reset = lastSoldOutReset(now, this.options.soldOutResetUtc);
    const tenants = (await this.options.dataSource.query(
      'select tenant_id from catalog.tenants_with_ended_until($1, $2)',
      [now, reset],
    )) as { tenant_id: string }[];
    const pass: UntilPass = { tenants: tenants.length, items: 0, statuses: 0, busy: 0, jobs: 0 };
    for (const { tenant_id: tenantId } of tenants) {
      try {
        const done = await this.restoreTenant(tenantId, now, reset);
        pass.items += done.items;
        pass.statuses += done.statuses;
        pass.busy += done.busy;
        pass.jobs += done.jobs;
      } catch (error) {
        // One tenant's failure (its connections could not be read) must not hold back the others.
        this.options.logger.warn({ tenantId, err: String(error) }, 'could not end the untils of a tenant');
      }
    }
    return pass;
  }

  /** Runs a pass every `intervalMs` until stopped. */
  start(intervalMs: number): { stop: () => Promise<void> } {
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      running = running.then(() =>
        this.runOnce().catch((error: unknown) =>
          this.options.logger.warn({ err: String(error) }, 'until scheduler pass failed'),
        ),
      );
    }, intervalMs);
    timer.unref();
    return {
      stop: async () => {
        clearInterval(timer);
        await running;
      },
    };
  }

  private async restoreTenant(
    tenantId: string,
    now: Date,
    reset: Date,
  ): Promise<{ items: number; statuses: number; busy: number; jobs: number }> {
    const connections = await this.options.directory.connections(tenantId);
    const actor: Actor = { ...SCHEDULER, tenantId };
    const result = await inTenantTransaction(this.options.dataSource, { tenantId }, async (manager) => {
      const items = await endItems(manager, tenantId, now, reset);
      const statuses = await endPauses(manager, tenantId, now);
      const busy = await endBusy(manager, tenantId, now);
      const jobIds: string[] = [];
      const queue = async (branchId: string, request: CatalogSyncRequest): Promise<void> => {
        const jobs = await queueSyncJobs(manager, actor, {
          branchId,
          connections: connections.filter((connection) => connection.branchId === branchId),
          request,
        });
        jobIds.push(...jobs.map((job) => job.id));
      };
      for (const [branchId, rows] of groupBy(items, (row) => row.branch_id)) {
        await audit(
          manager,
          actor,
          'ITEM_AVAILABILITY_ENDED',
          { type: 'BRANCH', id: branchId },
          {
            itemIds: rows.map((row) => row.item_id),
          },
        );
        await queue(branchId, {
          kind: 'AVAILABILITY',
          items: rows.map((row) => ({
            itemId: row.item_id,
            externalPosId: row.external_pos_id,
            state: 'AVAILABLE',
            until: null,
          })),
        });
      }
      for (const branchId of statuses) {
        await audit(manager, actor, 'STORE_STATUS_ENDED', { type: 'BRANCH', id: branchId }, { status: 'OPEN' });
        await queue(branchId, { kind: 'STORE_STATUS', status: 'OPEN', until: null, reason: null });
      }
      for (const branchId of busy) {
        await audit(manager, actor, 'BUSY_MODE_ENDED', { type: 'BRANCH', id: branchId }, { prepMinutes: null });
        await queue(branchId, { kind: 'BUSY_MODE', prepMinutes: null, until: null });
      }
      return { items: items.length, statuses, busy, jobIds };
    });
    this.options.changes.syncJobs(tenantId, result.jobIds);
    for (const branchId of new Set([...result.statuses, ...result.busy])) {
      this.options.changes.storeStatus(tenantId, branchId);
    }
    return {
      items: result.items,
      statuses: result.statuses.length,
      busy: result.busy.length,
      jobs: result.jobIds.length,
    };
  }
}

type EndedItem = { branch_id: string; item_id: string; external_pos_id: string | null };

async function endItems(manager: EntityManager, tenantId: string, now: Date, reset: Date): Promise<EndedItem[]> {
  const [rows] = (await manager.query(
    `with ended as (
       select branch_id, item_id from catalog.item_availability
        where tenant_id = $1
          and ((until <= $2 and state <> 'AVAILABLE') or (until is null and state = 'SOLD_OUT' and updated_at < $3))
        for update skip locked)
     update catalog.item_availability a
        set state = 'AVAILABLE', until = null, updated_by = $4, updated_at = now()
       from ended e left join catalog.menu_items i on i.tenant_id = $1 and i.id = e.item_id
      where a.tenant_id = $1 and a.branch_id = e.branch_id and a.item_id = e.item_id
  returning a.branch_id, a.item_id, i.external_pos_id`,
    [tenantId, now, reset, SCHEDULER.actor],
  )) as [EndedItem[], number];
  return rows;
}

async function endPauses(manager: EntityManager, tenantId: string, now: Date): Promise<string[]> {
  const [rows] = (await manager.query(
    `with ended as (
       select branch_id from catalog.branch_states
        where tenant_id = $1 and status_until <= $2 and status <> 'OPEN' for update skip locked)
     update catalog.branch_states s set status = 'OPEN', status_until = null, status_reason = null, updated_at = now()
       from ended e where s.tenant_id = $1 and s.branch_id = e.branch_id
  returning s.branch_id`,
    [tenantId, now],
  )) as [{ branch_id: string }[], number];
  return rows.map((row) => row.branch_id);
}

async function endBusy(manager: EntityManager, tenantId: string, now: Date): Promise<string[]> {
  const [rows] = (await manager.query(
    `with ended as (
       select branch_id from catalog.branch_states
        where tenant_id = $1 and busy_until <= $2 and busy_prep_minutes is not null for update skip locked)
     update catalog.branch_states s set busy_prep_minutes = null, busy_until = null, updated_at = now()
       from ended e where s.tenant_id = $1 and s.branch_id = e.branch_id
  returning s.branch_id`,
    [tenantId, now],
  )) as [{ branch_id: string }[], number];
  return rows.map((row) => row.branch_id);
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}
