import { appError, inTenantTransaction, requireUser, scopeOf, type Identity, type Role } from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../common/password';
import { endSessions, type SessionAnnouncer } from '../session/sessions';
import { checkPassword, isUuid, normalizeEmail, normalizeName } from '../common/validation';
import { switchTenant, uniqueViolation } from '../common/tenant-scope';
import { Tenant } from '../common/tenant.entity';
import { LOCALES, User, type Locale } from './user.entity';

export type NewUser = { email: string; name: string; role: Role; password: string };

/** Who may create whom: a role may hand out roles up to its own, and a MANAGER only STAFF. */
const CREATABLE_ROLES: Record<Role, readonly Role[]> = {
  PLATFORM_ADMIN: ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'MANAGER', 'STAFF'],
  TENANT_ADMIN: ['TENANT_ADMIN', 'MANAGER', 'STAFF'],
  MANAGER: ['STAFF'],
  STAFF: [],
};

export function mayCreateRole(creator: Role, role: Role): boolean {
  return CREATABLE_ROLES[creator].includes(role);
}

/** Validates and hashes a new user's fields; hashing happens before any transaction opens (it takes ~100 ms). */
export async function prepareUser(input: NewUser, fields: { email?: string; name?: string; password?: string } = {}) {
  const email = normalizeEmail(input.email, fields.email);
  const name = normalizeName(input.name, fields.name);
  const passwordHash = await hashPassword(checkPassword(input.password, fields.password));
  return { email, name, role: input.role, passwordHash };
}

/**
 * Inserts a user into the tenant the transaction is scoped to. Emails are
 * unique across Nexara, so a clash with any tenant's user is a CONFLICT.
 */
export async function insertUser(
  manager: EntityManager,
  tenantId: string,
  values: { email: string; name: string; role: Role; passwordHash: string },
): Promise<User> {
  const user = manager.create(User, { tenantId, ...values, disabledAt: null, lastLoginAt: null });
  try {
    await manager.insert(User, user);
  } catch (error) {
    if (uniqueViolation(error) === 'users_email_key') {
      throw appError('CONFLICT', `A user with the email ${values.email} already exists.`, { field: 'email' });
    }
    throw error;
  }
  return user;
}

/** The operator tenant ("Nexara"), found under platform scope. */
export async function findPlatformTenant(manager: EntityManager): Promise<Tenant | null> {
  return manager.findOneBy(Tenant, { isPlatform: true });
}

/**
 * Active TENANT_ADMINs of the tenant, their rows locked until the transaction
 * ends: two admins demoting each other at once then run one after the other,
 * and the second sees the first's change instead of both passing the check.
 */
async function activeTenantAdminCount(manager: EntityManager, tenantId: string): Promise<number> {
  const rows: unknown[] = await manager.query(
    `select id from tenants.users
      where tenant_id = $1 and role = 'TENANT_ADMIN' and disabled_at is null
      order by id for update`,
    [tenantId],
  );
  return rows.length;
}

export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly announce: SessionAnnouncer = () => undefined,
  ) {}

  /** The signed-in user; null for anyone else. Platform admins live in the operator tenant, whichever tenant they act in. */
  async me(identity: Identity): Promise<User | null> {
    if (identity.kind !== 'user') return null;
    return this.findVisibleUser(identity, identity.userId);
  }

  async listUsers(identity: Identity): Promise<User[]> {
    const caller = requireUser(identity, ['TENANT_ADMIN', 'MANAGER']);
    return inTenantTransaction(this.dataSource, scopeOf(caller), (manager) =>
      manager.find(User, { order: { createdAt: 'ASC', id: 'ASC' } }),
    );
  }

  async createUser(identity: Identity, input: NewUser): Promise<User> {
    const caller = requireUser(identity, ['TENANT_ADMIN', 'MANAGER']);
    if (!mayCreateRole(caller.role, input.role)) {
      throw appError('FORBIDDEN', `A ${caller.role} may not create ${input.role} users.`);
    }
    const values = await prepareUser(input);
    return inTenantTransaction(this.dataSource, scopeOf(caller), async (manager) => {
      if (values.role === 'PLATFORM_ADMIN') {
        const tenant = await manager.findOneBy(Tenant, { id: caller.tenantId });
        if (!tenant?.isPlatform) {
          throw appError('BAD_USER_INPUT', 'role: PLATFORM_ADMIN users belong to the Nexara operator tenant only.', {
            field: 'role',
          });
        }
      }
      return insertUser(manager, caller.tenantId, values);
    });
  }

  /**
   * Disables (or re-enables) a user of the caller's tenant. A disabled user
   * cannot sign in, and disabling ends the user's sessions: their tokens and
   * sockets stop working within seconds. Nobody disables or enables themselves
   * (a disabled admin's session is over anyway; this also holds if it were not).
   */
  async setDisabled(identity: Identity, userId: string, disabled: boolean): Promise<User> {
    const caller = requireUser(identity, ['TENANT_ADMIN']);
    if (userId === caller.userId) {
      throw appError(
        disabled ? 'BAD_USER_INPUT' : 'FORBIDDEN',
        disabled
          ? 'You cannot disable your own account; ask another admin.'
          : 'You cannot enable your own account; ask another admin.',
      );
    }
    if (!isUuid(userId)) throw appError('NOT_FOUND', 'No user with that id exists in your tenant.');
    const { user, ended } = await inTenantTransaction(this.dataSource, scopeOf(caller), async (manager) => {
      const user = await manager.findOneBy(User, { tenantId: caller.tenantId, id: userId });
      if (!user) throw appError('NOT_FOUND', 'No user with that id exists in your tenant.');
      if (user.role === 'PLATFORM_ADMIN' && caller.role !== 'PLATFORM_ADMIN') {
        throw appError('FORBIDDEN', 'Only a platform admin may disable or enable a platform admin.');
      }
      // Already in the wanted state: keep the first disabling time, it says since when the account is locked.
      if (disabled === (user.disabledAt !== null)) return { user, ended: [] };
      await manager.update(
        User,
        { tenantId: caller.tenantId, id: userId },
        { disabledAt: disabled ? () => 'now()' : null },
      );
      const ended = disabled ? await endSessions(manager, caller.tenantId, { userId }, 'USER_DISABLED') : [];
      return { user: await manager.findOneByOrFail(User, { tenantId: caller.tenantId, id: userId }), ended };
    });
    this.announce(caller.tenantId, ended);
    return user;
  }

  /**
   * Changes the role of a user of the caller's tenant. PLATFORM_ADMIN is neither
   * granted nor taken away here (that is operator business), nobody changes their
   * own role, and the tenant always keeps one active TENANT_ADMIN. The user's
   * sessions end (within seconds everywhere): they sign in again under the new role.
   */
  async setRole(identity: Identity, userId: string, role: Role): Promise<User> {
    const caller = requireUser(identity, ['TENANT_ADMIN']);
    if (!isUuid(userId)) throw appError('BAD_USER_INPUT', 'id: must be a user id (a UUID).', { field: 'id' });
    if (role === 'PLATFORM_ADMIN') {
      throw appError(
        'BAD_USER_INPUT',
        'role: PLATFORM_ADMIN cannot be granted here; choose TENANT_ADMIN, MANAGER or STAFF.',
        {
          field: 'role',
        },
      );
    }
    if (userId === caller.userId) {
      throw appError(
        'BAD_USER_INPUT',
        'You cannot change your own role (you could lock yourself out); ask another admin.',
      );
    }
    const { user, ended } = await inTenantTransaction(this.dataSource, scopeOf(caller), async (manager) => {
      const user = await manager.findOneBy(User, { tenantId: caller.tenantId, id: userId });
      if (!user) throw appError('NOT_FOUND', 'No user with that id exists in your tenant.');
      if (user.role === 'PLATFORM_ADMIN')
        throw appError('FORBIDDEN', "A platform admin's role cannot be changed here.");
      if (user.role === role) return { user, ended: [] };
      if (
        user.role === 'TENANT_ADMIN' &&
        user.disabledAt === null &&
        (await activeTenantAdminCount(manager, caller.tenantId)) < 2
      ) {
        throw appError(
          'CONFLICT',
          `${user.email} is the last active TENANT_ADMIN of this tenant; make someone else TENANT_ADMIN first.`,
        );
      }
      await manager.update(User, { tenantId: caller.tenantId, id: userId }, { role });
      const ended = await endSessions(manager, caller.tenantId, { userId }, 'ROLE_CHANGED');
      return { user: await manager.findOneByOrFail(User, { tenantId: caller.tenantId, id: userId }), ended };
    });
    this.announce(caller.tenantId, ended);
    return user;
  }

  /**
   * The caller's own language. A platform admin acting in another tenant is
   * still a user of the operator tenant, so the change lands there.
   */
  async setMyLocale(identity: Identity, locale: Locale, arabicDigits: boolean | undefined): Promise<User> {
    const caller = requireUser(identity);
    if (!LOCALES.includes(locale)) {
      throw appError('BAD_USER_INPUT', `locale: must be one of ${LOCALES.join(', ')}.`, { field: 'locale' });
    }
    const home =
      caller.role === 'PLATFORM_ADMIN'
        ? await inTenantTransaction(this.dataSource, { tenantId: null, platform: true }, findPlatformTenant)
        : null;
    const tenantId = home?.id ?? caller.tenantId;
    return inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
      const user = await manager.findOneBy(User, { tenantId, id: caller.userId });
      if (!user) throw appError('NOT_FOUND', 'Your user no longer exists; sign in again.');
      await manager.update(
        User,
        { tenantId, id: caller.userId },
        { locale, ...(arabicDigits === undefined ? {} : { arabicDigits }) },
      );
      return manager.findOneByOrFail(User, { tenantId, id: caller.userId });
    });
  }

  /** `_entities` and `me`: the caller's own tenant only, except that a platform admin also sees fellow platform admins. */
  async findVisibleUser(identity: Identity, userId: string): Promise<User | null> {
    if (!isUuid(userId) || identity.kind === 'anonymous' || !identity.tenantId) return null;
    const tenantId = identity.tenantId;
    const own = await inTenantTransaction(this.dataSource, scopeOf(identity), (manager) =>
      manager.findOneBy(User, { tenantId, id: userId }),
    );
    if (own || identity.kind !== 'user' || identity.role !== 'PLATFORM_ADMIN') return own;
    return inTenantTransaction(this.dataSource, { tenantId: null, platform: true }, async (manager) => {
      const platform = await findPlatformTenant(manager);
      if (!platform) return null;
      await switchTenant(manager, platform.id);
      return manager.findOneBy(User, { tenantId: platform.id, id: userId });
    });
  }
}
