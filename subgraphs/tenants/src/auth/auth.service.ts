import { ROLES, appError, inTenantTransaction, signUserToken, type Role } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import { User } from '../user/user.entity';
import { dummyPasswordHash, verifyPassword } from './password';

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
  ) {}

  /**
   * Unknown email, wrong password and disabled account all fail the same way
   * (INVALID_CREDENTIALS, same message) after the same amount of scrypt work.
   */
  async login(email: string, password: string): Promise<LoginResult> {
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
    const user = await inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
      await manager.update(User, { tenantId, id: candidate.id }, { lastLoginAt: () => 'now()' });
      return manager.findOneBy(User, { tenantId, id: candidate.id });
    });
    // Disabled or removed between the two transactions.
    if (!user || user.disabledAt !== null) throw invalidCredentials();

    const { token, expiresAt } = await signUserToken(
      { userId: user.id, tenantId: user.tenantId, role: user.role },
      this.settings.tokenSecret,
      this.settings.tokenTtlSeconds,
    );
    return { token, expiresAt, user };
  }
}
