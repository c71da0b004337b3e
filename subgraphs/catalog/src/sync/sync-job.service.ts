import {
  REPLACEABLE_CATALOG_SYNC_KINDS,
  timeCursorCodec,
  type CatalogSyncKind,
  type CatalogSyncRequest,
} from '@nexara/contracts';
import { appError, inTenantTransaction, requireService, type ApiKeyScope, type Identity, type Role } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import { audit } from '../common/audit';
import { noBranchDirectory, type BranchDirectory } from '../common/branch-directory';
import { catalogReader, catalogWriter, FLOOR_ROLES, MENU_ROLES } from '../common/catalog-access';
import { SYNC_JOB_COLUMNS, toSyncJob, type SyncJobRow } from '../common/catalog-rows';
import type { CatalogSyncJobConnectionType, CatalogSyncJobType } from '../common/catalog.types';
import type { CatalogSyncJobFilter, RecordCatalogSyncOutcomeInput } from '../common/catalog.inputs';
import { noCatalogChanges, type CatalogChanges } from '../events/catalog-changes';
import { isUuid } from '../common/menu-validation';
import { queueSyncJobs } from './sync-queue';

const cursors = timeCursorCodec('cj1');

/** Who may retry a job: whoever may make the change it carries (the mutation that queues that kind). */
export const RETRY_ACCESS: Record<CatalogSyncKind, { roles: readonly Role[]; partnerScope: ApiKeyScope | null }> = {
  MENU: { roles: MENU_ROLES, partnerScope: 'catalog:write' },
  AVAILABILITY: { roles: FLOOR_ROLES, partnerScope: 'catalog:write' },
  STORE_STATUS: { roles: FLOOR_ROLES, partnerScope: 'catalog:write' },
  BUSY_MODE: { roles: FLOOR_ROLES, partnerScope: null },
  OPENING_HOURS: { roles: MENU_ROLES, partnerScope: null },
};

/** The sync log: every job, newest first, filtered and paged. */
export class SyncJobService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: CatalogChanges = noCatalogChanges,
    private readonly directory: BranchDirectory = noBranchDirectory,
  ) {}

  /**
   * Sends a FAILED job's change again as a new job on the same connection
   * (docs/control-plane.md, "The sync job"): the failed one keeps its request
   * and answer in the log. A menu goes as it is now (its current version).
   * Refused (BAD_USER_INPUT, nothing queued) for a job that is not FAILED, a
   * whole-state job a newer one of its kind already replaced (re-sending it
   * would undo the newer state), or a connection that no longer serves the
   * branch. Audited as CATALOG_SYNC_RETRIED.
   */
  async retryJob(identity: Identity, id: string): Promise<CatalogSyncJobType> {
    const failed = await this.getJob(identity, id);
    const access = RETRY_ACCESS[failed.kind];
    const actor = catalogWriter(identity, access.roles, access.partnerScope);
    if (failed.status !== 'FAILED') {
      throw appError('BAD_USER_INPUT', `Only a FAILED job can be retried; job ${id} is ${failed.status}.`);
    }
    const connection = (await this.directory.connections(actor.tenantId)).find(
      (c) => c.id === failed.connection.id && c.branchId === failed.branchId,
    );
    if (!connection) {
      throw appError('BAD_USER_INPUT', `The connection of job ${id} no longer serves its branch: nothing to retry.`);
    }
    const row = await inTenantTransaction(this.dataSource, { tenantId: actor.tenantId }, async (manager) => {
      if (REPLACEABLE_CATALOG_SYNC_KINDS.includes(failed.kind)) {
        const newer = (await manager.query(
          `select id from catalog.sync_jobs
            where tenant_id = $1 and connection_id = $2 and kind = $3 and id <> $4
              and created_at >= (select created_at from catalog.sync_jobs where tenant_id = $1 and id = $4)
            limit 1`,
          [actor.tenantId, failed.connection.id, failed.kind, failed.id],
        )) as { id: string }[];
        if (newer[0]) {
          throw appError(
            'BAD_USER_INPUT',
            `Job ${newer[0].id} replaced job ${id} for this connection: retry that one if it failed.`,
          );
        }
      }
      let request = failed.request as CatalogSyncRequest;
      if (request.kind === 'MENU') {
        const menus = (await manager.query(
          `select version from catalog.menus where tenant_id = $1 and id = $2 for share`,
          [actor.tenantId, request.menuId],
        )) as { version: number }[];
        if (!menus[0]) throw appError('BAD_USER_INPUT', `The menu of job ${id} was deleted: nothing to retry.`);
        request = { ...request, menuVersion: menus[0].version };
      }
      const [queued] = await queueSyncJobs(manager, actor, {
        branchId: failed.branchId,
        connections: [connection],
        request,
      });
      await audit(manager, actor, 'CATALOG_SYNC_RETRIED', { type: 'SYNC_JOB', id: failed.id }, { job: queued!.id });
      return queued!;
    });
    this.changes.syncJobs(actor.tenantId, [row.id]);
    return toSyncJob(row);
  }

  /**
   * The integrations worker's report on a job it runs (docs/control-plane.md,
   * "Execution"): status, the provider's reason, calls so far, the calls and
   * answers. A job that is no longer PENDING (superseded, or ended by an
   * earlier report) keeps its end: a late report changes nothing.
   */
  async recordOutcome(identity: Identity, input: RecordCatalogSyncOutcomeInput): Promise<CatalogSyncJobType> {
    const service = requireService(identity);
    if (service.service !== 'integrations' || !service.tenantId) {
      throw appError('FORBIDDEN', 'Only the integrations worker, acting in a tenant, reports sync outcomes.');
    }
    const tenantId = service.tenantId;
    if (!Number.isInteger(input.attempts) || input.attempts < 0) throw appError('BAD_USER_INPUT', 'attempts: >= 0.');
    const rows = isUuid(input.jobId)
      ? await inTenantTransaction(
          this.dataSource,
          { tenantId },
          (manager) =>
            manager.query(
              `update catalog.sync_jobs
                  set status = $3, reason = $4, attempts = greatest(attempts, $5), answer = $6::jsonb, updated_at = now()
                where tenant_id = $1 and id = $2 and status = 'PENDING'
            returning ${SYNC_JOB_COLUMNS}`,
              [
                tenantId,
                input.jobId,
                input.status,
                input.reason ?? null,
                input.attempts,
                input.answer === undefined ? null : JSON.stringify(input.answer),
              ],
            ) as Promise<[SyncJobRow[], number]>,
        )
      : null;
    // An UPDATE ... RETURNING answers [rows, count] through TypeORM.
    const updated = rows?.[0][0];
    if (!updated) return this.getJob(identity, input.jobId);
    this.changes.syncJobs(tenantId, [updated.id]);
    if (updated.kind === 'STORE_STATUS' || updated.kind === 'BUSY_MODE' || updated.kind === 'OPENING_HOURS') {
      this.changes.storeStatus(tenantId, updated.branch_id);
    }
    return toSyncJob(updated);
  }

  async listJobs(
    identity: Identity,
    args: { filter?: CatalogSyncJobFilter | null; first: number; after?: string | null },
  ): Promise<CatalogSyncJobConnectionType> {
    const { tenantId } = catalogReader(identity);
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > 200)
      throw appError('BAD_USER_INPUT', 'first: 1-200.');
    const filter = args.filter ?? {};
    const conditions = ['tenant_id = $1'];
    const parameters: unknown[] = [tenantId];
    const add = (sql: (n: number) => string, value: unknown): void => {
      parameters.push(value);
      conditions.push(sql(parameters.length));
    };
    for (const key of ['branchId', 'connectionId'] as const) {
      const id = filter[key];
      if (id == null) continue;
      if (!isUuid(id)) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
      add((n) => `${key === 'branchId' ? 'branch_id' : 'connection_id'} = $${n}`, id);
    }
    if (filter.kind?.length) add((n) => `kind = any($${n})`, filter.kind);
    if (filter.status?.length) add((n) => `status = any($${n})`, filter.status);
    if (args.after) {
      const cursor = cursors.decode(args.after);
      parameters.push(cursor.at, cursor.id);
      conditions.push(`(created_at, id) < ($${parameters.length - 1}::timestamptz, $${parameters.length}::uuid)`);
    }
    parameters.push(args.first + 1);
    const rows = await inTenantTransaction(
      this.dataSource,
      { tenantId },
      (manager) =>
        manager.query(
          `select ${SYNC_JOB_COLUMNS} from catalog.sync_jobs where ${conditions.join(' and ')}
            order by created_at desc, id desc limit $${parameters.length}`,
          parameters,
        ) as Promise<SyncJobRow[]>,
    );
    const page = rows.slice(0, args.first);
    const edges = page.map((row) => ({
      cursor: cursors.encode({ at: row.created_at_text, id: row.id }),
      node: toSyncJob(row),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  async getJob(identity: Identity, id: string): Promise<CatalogSyncJobType> {
    const { tenantId } = catalogReader(identity);
    const rows = isUuid(id)
      ? await inTenantTransaction(
          this.dataSource,
          { tenantId },
          (manager) =>
            manager.query(`select ${SYNC_JOB_COLUMNS} from catalog.sync_jobs where tenant_id = $1 and id = $2`, [
              tenantId,
              id,
            ]) as Promise<SyncJobRow[]>,
        )
      : [];
    if (!rows[0]) throw appError('NOT_FOUND', `No catalog sync job with id ${id} in your tenant.`);
    return toSyncJob(rows[0]);
  }
}
