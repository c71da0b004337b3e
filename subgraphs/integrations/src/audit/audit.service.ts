import { appError, inTenantTransaction, type Identity, type Logger } from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { managingTenantId, OPERATOR_ROLES } from '../access/connection-access';
import { timeCursorCodec } from '@nexara/contracts';

/** Positions in the audit trail: newest first, then id. */
const auditCursor = timeCursorCodec('a1');

export type AuditKind = 'ADMIN_ACTION' | 'SECURITY_EVENT';

export type AuditEntry = {
  id: string;
  at: Date;
  kind: AuditKind;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail: Record<string, unknown>;
};

export type AuditLogPage = {
  totalCount: number;
  edges: { cursor: string; node: AuditEntry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

export const DEFAULT_AUDIT_PAGE_SIZE = 50;
export const MAX_AUDIT_PAGE_SIZE = 200;

type AuditRow = {
  id: string;
  at: Date;
  at_text: string;
  kind: AuditKind;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: Record<string, unknown>;
};

/** How a caller is named in the audit trail: never a token or secret, just who. */
export function actorName(identity: Identity): string {
  switch (identity.kind) {
    case 'user':
      return `user:${identity.userId}`;
    case 'service':
      return `service:${identity.service}`;
    case 'partner':
      return `api-key:${identity.apiKeyId}`;
    case 'anonymous':
      return 'anonymous';
  }
}

/**
 * Writes the integrations audit trail. Admin actions are written in the
 * transaction of the change they describe (both commit or neither);
 * security events in their own transaction, rate-limited.
 */
export class AuditService {
  constructor(private readonly deps: { dataSource: DataSource; logger: Logger }) {}

  /** Call inside the transaction (already scoped to `tenantId`) that makes the change. */
  async recordAdminAction(
    manager: EntityManager,
    entry: {
      tenantId: string;
      actor: Identity;
      action: string;
      subjectType: string;
      subjectId: string | null;
      detail?: Record<string, unknown>;
    },
  ): Promise<void> {
    await manager.query(
      `insert into integrations.audit_log (tenant_id, kind, actor, action, subject_type, subject_id, detail)
       values ($1, 'ADMIN_ACTION', $2, $3, $4, $5, $6)`,
      [
        entry.tenantId,
        actorName(entry.actor),
        entry.action,
        entry.subjectType,
        entry.subjectId,
        JSON.stringify(entry.detail ?? {}),
      ],
    );
  }

  /**
   * Counts a rejected webhook for its connection. Only the first rejection
   * per (connection, code, minute) is written to the audit log, with the
   * detail given (never the body or a credential); the rest only increment
   * the count, so an attacker's flood cannot fill the table.
   * Returns whether this one was written in detail.
   */
  async recordSecurityEvent(event: {
    tenantId: string;
    connectionId: string;
    code: string;
    detail: Record<string, unknown>;
    at?: Date;
  }): Promise<boolean> {
    const at = event.at ?? new Date();
    return inTenantTransaction(this.deps.dataSource, { tenantId: event.tenantId }, async (manager) => {
      const rows = (await manager.query(
        `insert into integrations.security_event_counts (tenant_id, connection_id, code, minute)
         values ($1, $2, $3, date_trunc('minute', $4::timestamptz))
         on conflict (tenant_id, connection_id, code, minute) do update set count = security_event_counts.count + 1
         returning count`,
        [event.tenantId, event.connectionId, event.code, at],
      )) as { count: number }[];
      const first = rows[0]?.count === 1;
      if (first) {
        await manager.query(
          `insert into integrations.audit_log (tenant_id, at, kind, actor, action, subject_type, subject_id, detail)
           values ($1, $2, 'SECURITY_EVENT', 'webhook-sender', $3, 'ProviderConnection', $4, $5)`,
          [event.tenantId, at, `WEBHOOK_REJECTED:${event.code}`, event.connectionId, JSON.stringify(event.detail)],
        );
      }
      return first;
    });
  }

  /**
   * The acting tenant's audit trail, newest first (then by id), keyset
   * paginated so a page stays stable while new entries arrive.
   * Tenant admins and managers (and platform admins, internal services) read it.
   */
  async listAuditLog(actor: Identity, args: { first?: number | null; after?: string | null }): Promise<AuditLogPage> {
    const tenantId = managingTenantId(actor, OPERATOR_ROLES);
    const first = args.first ?? DEFAULT_AUDIT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 0 || first > MAX_AUDIT_PAGE_SIZE) {
      throw appError('BAD_USER_INPUT', `first must be between 0 and ${MAX_AUDIT_PAGE_SIZE}.`);
    }
    const after = args.after ? auditCursor.decode(args.after) : null;

    return inTenantTransaction(this.deps.dataSource, { tenantId }, async (manager) => {
      const totals = (await manager.query(
        'select count(*)::int as total from integrations.audit_log where tenant_id = $1',
        [tenantId],
      )) as { total: number }[];
      const params: unknown[] = [tenantId, first + 1];
      let position = '';
      if (after) {
        params.push(after.at, after.id);
        position = 'and (at, id) < ($3::timestamptz, $4::uuid)';
      }
      const rows = (await manager.query(
        `select id, at, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_text,
                kind, actor, action, subject_type, subject_id, detail
           from integrations.audit_log
          where tenant_id = $1 ${position}
          order by at desc, id desc
          limit $2`,
        params,
      )) as AuditRow[];
      const edges = rows.slice(0, first).map((row) => ({
        cursor: auditCursor.encode({ at: row.at_text, id: row.id }),
        node: {
          id: row.id,
          at: row.at,
          kind: row.kind,
          actor: row.actor,
          action: row.action,
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          detail: row.detail,
        },
      }));
      return {
        totalCount: totals[0]?.total ?? 0,
        edges,
        pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      };
    });
  }

  /** Rejections counted for a connection since `since` (health and alerts read this). */
  async countSecurityEvents(tenantId: string, connectionId: string, since: Date): Promise<number> {
    return inTenantTransaction(this.deps.dataSource, { tenantId }, async (manager) => {
      const rows = (await manager.query(
        `select coalesce(sum(count), 0)::int as total from integrations.security_event_counts
          where tenant_id = $1 and connection_id = $2 and minute >= date_trunc('minute', $3::timestamptz)`,
        [tenantId, connectionId, since],
      )) as { total: number }[];
      return rows[0]?.total ?? 0;
    });
  }
}
