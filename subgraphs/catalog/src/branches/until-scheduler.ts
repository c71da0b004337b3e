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
 * local time a day, `soldOutResetLocal`, in the branch's own time zone as
 * the tenants service keeps it), on every provider at once, so none
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
  /** `HH:MM` of the daily sold-out reset in each branch's time zone (default 04:00). */
  soldOutResetLocal?: string;
};

/** Branch time zones change rarely: asked of the tenants service at most this often per tenant. */
const TIME_ZONES_FOR_MS = 10 * 60_000;

/** What one pass restored, for logs and tests. */
export type UntilPass = { tenants: number; items: number; statuses: number; busy: number; jobs: number };

const SCHEDULER: Omit<Actor, 'tenantId'> = { actor: 'service:catalog-scheduler' };

/** The newest instant at or before `now` when the wall clock in `timeZone` read `resetLocal` (`HH:MM`). */
export function lastSoldOutReset(now: Date, resetLocal = '04:00', timeZone = 'UTC'): Date {
  const [hours, minutes] = resetLocal.split(':').map(Number) as [number, number];
  const local = wallClock(now, timeZone);
  for (const daysBack of [0, 1, 2]) {
    const guess = Date.UTC(local.year, local.month - 1, local.day - daysBack, hours, minutes);
    // The wall time as an instant: its UTC reading less the zone's offset then (checked again across a DST change).
    let instant = guess - offsetMs(new Date(guess), timeZone);
    instant = guess - offsetMs(new Date(instant), timeZone);
    if (instant <= now.getTime()) return new Date(instant);
  }
  return new Date(now.getTime() - 86_400_000);
}

function wallClock(at: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`. */
function offsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

export class UntilScheduler {
  private readonly zones = new Map<string, { zones: Map<string, string>; until: number }>();

  constructor(private readonly options: UntilSchedulerOptions) {}

  /** One pass over every tenant with something ended at `now`. */
  async runOnce(now: Date = new Date()): Promise<UntilPass> {
    // Some time zone's reset may have just passed: every item sold out without an end before now is a candidate,
    // and each branch's own reset decides (restoreTenant).
    const tenants = (await this.options.dataSource.query(
      'select tenant_id from catalog.tenants_with_ended_until($1, $2)',
      [now, now],
    )) as { tenant_id: string }[];
    const pass: UntilPass = { tenants: tenants.length, items: 0, statuses: 0, busy: 0, jobs: 0 };
    for (const { tenant_id: tenantId } of tenants) {
      try {
        const done = await this.restoreTenant(tenantId, now, await this.resetsOf(tenantId, now));
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

  /** Each branch's latest sold-out reset at `now`, in its own time zone. */
  private async resetsOf(tenantId: string, now: Date): Promise<Resets> {
    let held = this.zones.get(tenantId);
    if (!held || held.until <= now.getTime()) {
      held = { zones: await this.options.directory.timeZones(tenantId), until: now.getTime() + TIME_ZONES_FOR_MS };
      this.zones.set(tenantId, held);
    }
    const resetLocal = this.options.soldOutResetLocal ?? '04:00';
    const branchIds = [...held.zones.keys()];
    return {
      branchIds,
      instants: branchIds.map((id) => lastSoldOutReset(now, resetLocal, held.zones.get(id)).toISOString()),
      // A branch the tenants service does not know (yet): reset at the local time in UTC.
      fallback: lastSoldOutReset(now, resetLocal, 'UTC'),
    };
  }

  private async restoreTenant(
    tenantId: string,
    now: Date,
    resets: Resets,
  ): Promise<{ items: number; statuses: number; busy: number; jobs: number }> {
    if (!(await somethingEnded(this.options.dataSource, tenantId, now, resets))) {
      return { items: 0, statuses: 0, busy: 0, jobs: 0 };
    }
    const connections = await this.options.directory.connections(tenantId);
    const actor: Actor = { ...SCHEDULER, tenantId };
    const result = await inTenantTransaction(this.options.dataSource, { tenantId }, async (manager) => {
      const items = await endItems(manager, tenantId, now, resets);
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
type Resets = { branchIds: string[]; instants: string[]; fallback: Date };

/** Items whose end came: snoozes past `until`, and sold-out ones marked before their branch's latest reset. */
const ENDED_ITEMS = `select a.branch_id, a.item_id from catalog.item_availability a
   left join unnest($3::uuid[], $4::timestamptz[]) as r(branch_id, reset) on r.branch_id = a.branch_id
  where a.tenant_id = $1
    and ((a.until <= $2 and a.state <> 'AVAILABLE')
      or (a.until is null and a.state = 'SOLD_OUT' and a.updated_at < coalesce(r.reset, $5)))`;

/** Whether anything of the tenant ended at `now` (so the connections are asked only then). */
async function somethingEnded(dataSource: DataSource, tenantId: string, now: Date, resets: Resets): Promise<boolean> {
  return inTenantTransaction(dataSource, { tenantId }, async (manager) => {
    const rows = (await manager.query(
      `select exists (${ENDED_ITEMS}) or exists (
         select 1 from catalog.branch_states where tenant_id = $1
            and ((status_until <= $2 and status <> 'OPEN') or (busy_until <= $2 and busy_prep_minutes is not null))
       ) as ended`,
      [tenantId, now, resets.branchIds, resets.instants, resets.fallback],
    )) as { ended: boolean }[];
    return rows[0]?.ended === true;
  });
}

async function endItems(manager: EntityManager, tenantId: string, now: Date, resets: Resets): Promise<EndedItem[]> {
  const [rows] = (await manager.query(
    `with ended as (${ENDED_ITEMS} for update of a skip locked)
     update catalog.item_availability a
        set state = 'AVAILABLE', until = null, updated_by = $6, updated_at = now()
       from ended e left join catalog.menu_items i on i.tenant_id = $1 and i.id = e.item_id
      where a.tenant_id = $1 and a.branch_id = e.branch_id and a.item_id = e.item_id
  returning a.branch_id, a.item_id, i.external_pos_id`,
    [tenantId, now, resets.branchIds, resets.instants, resets.fallback, SCHEDULER.actor],
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
