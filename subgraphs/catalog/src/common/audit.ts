import type { EntityManager } from 'typeorm';
import type { Actor } from './catalog-access';

/**
 * Every catalog change is recorded in `catalog.audit_log`, in the transaction
 * that makes it: who (user, API key or service), what, on which subject.
 */
export async function audit(
  manager: EntityManager,
  actor: Actor,
  action: string,
  subject: { type: string; id: string | null },
  detail: Record<string, unknown> = {},
): Promise<void> {
  await manager.query(
    `insert into catalog.audit_log (tenant_id, actor, action, subject_type, subject_id, detail)
     values ($1, $2, $3, $4, $5, $6::jsonb)`,
    [actor.tenantId, actor.actor, action, subject.type, subject.id, JSON.stringify(detail)],
  );
}
