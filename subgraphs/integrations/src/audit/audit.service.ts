import { inTenantTransaction, type Identity, type Logger } from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';

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
    entry: { tenantId: string; actor: Identity; action: string; subjectType: string; subjectId: string | null; detail?: Record<string, unknown> },
  ): Promise<void> {
    await manager.query(
      `insert into integrations.audit_log (tenant_id, kind, actor, action, subject_type, subject_id, detail)
       values ($1, 'ADMIN_ACTION', $2, $3, $4, $5, $6)`,
      [entry.tenantId, actorName(entry.actor), entry.action, entry.subjectType, entry.subjectId, JSON.stringify(entry.detail ?? {})],
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
