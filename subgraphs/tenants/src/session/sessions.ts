import {
  SESSION_ENDED_EVENT,
  inTenantTransaction,
  requireService,
  type EventBus,
  type Identity,
  type Logger,
} from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../common/validation';

/** Why a session ended (`tenants.sessions.ended_reason`). */
export type SessionEnding = 'SIGNED_OUT' | 'USER_DISABLED' | 'ROLE_CHANGED' | 'PASSWORD_CHANGED';

/** Opens a session for a user of the tenant the transaction is scoped to; its id goes into the access token. */
export async function openSession(
  manager: EntityManager,
  tenantId: string,
  userId: string,
  expiresAt: Date,
): Promise<string> {
  // Sessions long expired are of no use to anyone: a sign-in sweeps its user's.
  await manager.query(
    `delete from tenants.sessions where tenant_id = $1 and user_id = $2 and expires_at < now() - interval '1 day'`,
    [tenantId, userId],
  );
  const rows = (await manager.query(
    `insert into tenants.sessions (tenant_id, user_id, expires_at) values ($1, $2, $3) returning id`,
    [tenantId, userId, expiresAt],
  )) as { id: string }[];
  return rows[0]!.id;
}

/** Ends a user's open sessions (or just one of them) in the transaction's tenant; returns the ids it ended. */
export async function endSessions(
  manager: EntityManager,
  tenantId: string,
  which: { userId: string } | { sessionId: string },
  reason: SessionEnding,
): Promise<string[]> {
  const [column, id] = 'userId' in which ? ['user_id', which.userId] : ['id', which.sessionId];
  const result = (await manager.query(
    `update tenants.sessions set ended_at = now(), ended_reason = $3
      where tenant_id = $1 and ${column} = $2 and ended_at is null
      returning id`,
    [tenantId, id, reason],
  )) as [{ id: string }[], number];
  return result[0].map((row) => row.id);
}

/** Tells the gateways, after commit, which sessions ended. */
export type SessionAnnouncer = (tenantId: string, sessionIds: readonly string[]) => void;

/**
 * Publishes `session.ended` for each ended session. A lost event costs at
 * most the gateway's cache time (SESSION_CACHE_MS): the gateway asks again
 * by then and reads the ended session from the table.
 */
export function sessionAnnouncer(bus: Pick<EventBus, 'publish'> | null, logger: Logger): SessionAnnouncer {
  return (tenantId, sessionIds) => {
    for (const id of sessionIds) {
      bus
        ?.publish({ tenantId, kind: SESSION_ENDED_EVENT, id })
        .catch((error: unknown) => logger.warn({ err: error, sessionId: id }, 'session.ended not announced'));
    }
  };
}

export class SessionService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * For the gateway (internal services only), asked in the tenant the token
   * names: whether the session is open, unexpired, and its user not disabled.
   */
  async sessionActive(identity: Identity, sessionId: string): Promise<boolean> {
    const service = requireService(identity);
    if (!service.tenantId || !isUuid(sessionId)) return false;
    const tenantId = service.tenantId;
    return inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
      const rows: unknown[] = await manager.query(
        `select 1 from tenants.sessions s
           join tenants.users u on u.tenant_id = s.tenant_id and u.id = s.user_id
          where s.tenant_id = $1 and s.id = $2
            and s.ended_at is null and s.expires_at > now() and u.disabled_at is null`,
        [tenantId, sessionId],
      );
      return rows.length > 0;
    });
  }
}
