import {
  ROLES,
  appError,
  inTenantTransaction,
  requireUser,
  signUserToken,
  type Identity,
  type Role,
} from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { endSessions, openSession, type SessionAnnouncer } from '../session/sessions';
import { checkPassword } from '../common/validation';
import { switchTenant } from '../common/tenant-scope';
import { User } from '../user/user.entity';
import { findPlatformTenant } from '../user/user.service';
import { loginThrottledError, type LoginThrottle } from './login-throttle';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../common/password';

export type AuthSettings = { tokenSecret: string; tokenTtlSeconds: number };

export type LoginResult = { token: string; expiresAt: Date; user: User };

type LoginCandidate = { id: string; tenant_id: string; role: string; password_hash: string; disabled: boolean };

/** One message for every failure, so an attacker cannot learn which emails exist or which accounts are disabled. */
function invalidCredentials() {
  return appError('INVALID_CREDENTIALS', 'Email or password is wrong.');
}

export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AuthSettings,
    private readonly announce: SessionAnnouncer,
    private readonly throttle: LoginThrottle | null = null,
  ) {}

  /**
   * Unknown email, wrong password and disabled account all fail the same way
   * (INVALID_CREDENTIALS, same message) after the same amount of scrypt work.
   * A successful sign-in opens a session; the token names it. Too many
   * attempts for the account or from the address: LOGIN_THROTTLED with
   * `retryAfterSeconds`, before any password is checked (see login-throttle.ts).
   */
  async login(email: string, password: string, sourceAddress?: string): Promise<LoginResult> {
    const permit = this.throttle ? await this.throttle.attempt(email, sourceAddress) : null;
    if (permit && !permit.allowed) throw loginThrottledError(permit.retryAfterSeconds);
    // No tenant is known yet: the lookup goes through the security-definer
    // function, which returns the one user with this email and nothing else.
    const candidate = await inTenantTransaction(this.dataSource, { tenantId: null }, async (manager) => {
      const rows = (await manager.query(
        'select id, tenant_id, role, password_hash, disabled from tenants.user_for_login($1)',
        [email.trim().toLowerCase()],
      )) as LoginCandidate[];
      return rows[0] ?? null;
    });
    const passwordMatches = await verifyPassword(password, candidate?.password_hash ?? (await dummyPasswordHash()));
    if (!candidate || !passwordMatches || candidate.disabled || !ROLES.includes(candidate.role as Role)) {
      throw invalidCredentials();
    }
    const tenantId = candidate.tenant_id;
    const result = await inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
      await manager.update(User, { tenantId, id: candidate.id }, { lastLoginAt: () => 'now()' });
      const user = await manager.findOneBy(User, { tenantId, id: candidate.id });
      // Disabled or removed between the two transactions.
      if (!user || user.disabledAt !== null) throw invalidCredentials();
      return this.signIn(manager, user);
    });
    await permit?.succeeded();
    return result;
  }

  /** Ends the session the caller's token belongs to; its token (HTTP and sockets) stops working everywhere. */
  async logout(identity: Identity): Promise<boolean> {
    const caller = requireUser(identity);
    const sessionId = caller.sessionId;
    if (!sessionId) return false;
    const { tenantId, ended } = await inTenantTransaction(this.dataSource, { tenantId: null }, async (manager) => {
      const home = await this.homeTenant(manager, caller);
      return { tenantId: home, ended: await endSessions(manager, home, { sessionId }, 'SIGNED_OUT') };
    });
    this.announce(tenantId, ended);
    return ended.length > 0;
  }

  /**
   * Changes the caller's own password after checking the current one, ends
   * every session of the user (all devices) and opens a new one for this caller.
   */
  async changePassword(identity: Identity, currentPassword: string, newPassword: string): Promise<LoginResult> {
    const caller = requireUser(identity);
    const passwordHash = await hashPassword(checkPassword(newPassword, 'newPassword'));
    const current = await inTenantTransaction(this.dataSource, { tenantId: null }, async (manager) => {
      const home = await this.homeTenant(manager, caller);
      return manager.findOneBy(User, { tenantId: home, id: caller.userId });
    });
    if (!current || !(await verifyPassword(currentPassword, current.passwordHash)) || current.disabledAt !== null) {
      throw appError('INVALID_CREDENTIALS', 'The current password is wrong.', { field: 'currentPassword' });
    }
    const tenantId = current.tenantId;
    const { result, ended } = await inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
      // Only if nothing changed the hash meanwhile (another changePassword won the race).
      const updated = (await manager.query(
        `update tenants.users set password_hash = $3 where tenant_id = $1 and id = $2 and password_hash = $4 returning id`,
        [tenantId, current.id, passwordHash, current.passwordHash],
      )) as [unknown[], number];
      if (updated[1] !== 1) throw appError('CONFLICT', 'The password was changed meanwhile; sign in again.');
      const ended = await endSessions(manager, tenantId, { userId: current.id }, 'PASSWORD_CHANGED');
      const user = await manager.findOneByOrFail(User, { tenantId, id: current.id });
      return { result: await this.signIn(manager, user), ended };
    });
    this.announce(tenantId, ended);
    return result;
  }

  private async signIn(manager: EntityManager, user: User): Promise<LoginResult> {
    const now = new Date();
    const expiresAt = new Date((Math.floor(now.getTime() / 1000) + this.settings.tokenTtlSeconds) * 1000);
    const sessionId = await openSession(manager, user.tenantId, user.id, expiresAt);
    const { token } = await signUserToken(
      { userId: user.id, tenantId: user.tenantId, role: user.role, sessionId },
      this.settings.tokenSecret,
      this.settings.tokenTtlSeconds,
      now,
    );
    return { token, expiresAt, user };
  }

  /**
   * The tenant a user's own rows (and sessions) live in, switched to in the
   * transaction: the tenant it acts in, except for a platform admin, whose
   * home is the operator tenant wherever it acts.
   */
  private async homeTenant(manager: EntityManager, caller: Extract<Identity, { kind: 'user' }>): Promise<string> {
    let tenantId = caller.tenantId;
    if (caller.role === 'PLATFORM_ADMIN') {
      await manager.query(`select set_config('app.platform', 'on', true)`);
      const platform = await findPlatformTenant(manager);
      await manager.query(`select set_config('app.platform', 'off', true)`);
      if (!platform) throw appError('UNAUTHENTICATED');
      tenantId = platform.id;
    }
    await switchTenant(manager, tenantId);
    return tenantId;
  }
}
