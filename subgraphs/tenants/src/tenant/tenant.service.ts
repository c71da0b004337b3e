import {
  actingTenantId,
  appError,
  inTenantTransaction,
  requireService,
  requireUser,
  scopeOf,
  type Identity,
} from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { insertBranch } from '../branch/branch.service';
import { switchTenant, uniqueViolation } from '../common/tenant-scope';
import {
  isUuid,
  normalizeCurrency,
  normalizeEmail,
  normalizeName,
  normalizeSlug,
  normalizeTimeZone,
} from '../common/validation';
import { User } from '../user/user.entity';
import { findPlatformTenant, insertUser, prepareUser } from '../user/user.service';
import { Tenant } from '../common/tenant.entity';

export type NewTenant = {
  slug: string;
  name: string;
  currency: string;
  timeZone: string;
  ownerEmail: string;
  ownerName: string;
  ownerPassword: string;
  branchName: string;
};

export type PlatformAdmin = { adminEmail: string; adminName: string; adminPassword: string };

/** The operator tenant platform admins belong to. Its slug is reserved. */
export const PLATFORM_TENANT = { slug: 'nexara', name: 'Nexara', currency: 'USD', timeZone: 'UTC' } as const;

async function insertTenant(
  manager: EntityManager,
  values: { slug: string; name: string; currency: string; timeZone: string; isPlatform: boolean },
): Promise<Tenant> {
  const tenant = manager.create(Tenant, values);
  try {
    await manager.insert(Tenant, tenant);
  } catch (error) {
    if (uniqueViolation(error) === 'tenants_slug_key') {
      throw appError('CONFLICT', `A tenant with the slug "${values.slug}" already exists.`, { field: 'slug' });
    }
    throw error;
  }
  return tenant;
}

export class TenantService {
  /** Per request: a list of users or branches asks for the same tenant many times. */
  private readonly tenantsByRequest = new WeakMap<object, Map<string, Promise<Tenant | null>>>();

  constructor(private readonly dataSource: DataSource) {}

  /** The tenant the caller acts in. */
  async actingTenant(identity: Identity): Promise<Tenant | null> {
    const tenantId = actingTenantId(identity);
    return inTenantTransaction(this.dataSource, scopeOf(identity), (manager) =>
      manager.findOneBy(Tenant, { id: tenantId }),
    );
  }

  async listTenants(identity: Identity): Promise<Tenant[]> {
    const caller = requireUser(identity, ['PLATFORM_ADMIN']);
    return inTenantTransaction(this.dataSource, { tenantId: caller.tenantId, platform: true }, (manager) =>
      manager.find(Tenant, { order: { name: 'ASC', id: 'ASC' } }),
    );
  }

  /** `_entities`: the caller's own tenant, or null for any other id. */
  async findVisibleTenant(identity: Identity, tenantId: string): Promise<Tenant | null> {
    if (!isUuid(tenantId) || identity.kind === 'anonymous' || identity.tenantId !== tenantId) return null;
    return inTenantTransaction(this.dataSource, scopeOf(identity), (manager) =>
      manager.findOneBy(Tenant, { id: tenantId }),
    );
  }

  /**
   * The tenant that owns a user or branch the caller has already been allowed
   * to see (loaded under its scope, or its own record at login), so reading it
   * in that record's tenant reveals nothing new. Cached per request.
   */
  async ownerOf(record: { tenantId: string }, request: object): Promise<Tenant> {
    let cache = this.tenantsByRequest.get(request);
    if (!cache) {
      cache = new Map();
      this.tenantsByRequest.set(request, cache);
    }
    let tenant = cache.get(record.tenantId);
    if (!tenant) {
      const tenantId = record.tenantId;
      tenant = inTenantTransaction(this.dataSource, { tenantId }, (manager) =>
        manager.findOneBy(Tenant, { id: tenantId }),
      );
      cache.set(tenantId, tenant);
    }
    const found = await tenant;
    if (!found) throw appError('NOT_FOUND', 'The tenant of this record no longer exists.');
    return found;
  }

  /** A new tenant with its first branch and its TENANT_ADMIN owner, all or nothing. */
  async createTenant(identity: Identity, input: NewTenant): Promise<Tenant> {
    if (identity.kind !== 'service') requireUser(identity, ['PLATFORM_ADMIN']);
    const slug = normalizeSlug(input.slug);
    if (slug === PLATFORM_TENANT.slug) {
      throw appError('BAD_USER_INPUT', `slug: "${slug}" is reserved for the Nexara operator tenant.`, {
        field: 'slug',
      });
    }
    const name = normalizeName(input.name);
    const currency = normalizeCurrency(input.currency);
    const timeZone = normalizeTimeZone(input.timeZone);
    const branchName = normalizeName(input.branchName, 'branchName');
    const owner = await prepareUser(
      { email: input.ownerEmail, name: input.ownerName, password: input.ownerPassword, role: 'TENANT_ADMIN' },
      { email: 'ownerEmail', name: 'ownerName', password: 'ownerPassword' },
    );
    return inTenantTransaction(this.dataSource, { tenantId: null, platform: true }, async (manager) => {
      const tenant = await insertTenant(manager, { slug, name, currency, timeZone, isPlatform: false });
      await switchTenant(manager, tenant.id);
      await insertBranch(manager, tenant.id, { name: branchName, timeZone, address: null });
      await insertUser(manager, tenant.id, owner);
      return tenant;
    });
  }

  /**
   * Creates the operator tenant and a platform admin in it, for the very first
   * start (the seeder, as an internal service). Idempotent: an existing operator
   * tenant is reused and an existing admin with that email is returned as it is
   * (its password is not changed).
   */
  async bootstrapPlatform(identity: Identity, input: PlatformAdmin): Promise<User> {
    requireService(identity);
    const email = normalizeEmail(input.adminEmail, 'adminEmail');
    const admin = await prepareUser(
      { email, name: input.adminName, password: input.adminPassword, role: 'PLATFORM_ADMIN' },
      { email: 'adminEmail', name: 'adminName', password: 'adminPassword' },
    );
    const attempt = () =>
      inTenantTransaction(this.dataSource, { tenantId: null, platform: true }, async (manager) => {
        let platform = await findPlatformTenant(manager);
        if (!platform) {
          platform = manager.create(Tenant, { ...PLATFORM_TENANT, isPlatform: true });
          await manager.insert(Tenant, platform);
        }
        await switchTenant(manager, platform.id);
        const existing = await manager.findOneBy(User, { tenantId: platform.id, email });
        if (existing) {
          if (existing.role !== 'PLATFORM_ADMIN') {
            throw appError('CONFLICT', `${email} already belongs to a ${existing.role} of the operator tenant.`);
          }
          return existing;
        }
        return insertUser(manager, platform.id, admin);
      });
    try {
      return await attempt();
    } catch (error) {
      // Two bootstraps at once: the loser's insert hit the winner's operator tenant; now it exists, so reuse it.
      const constraint = uniqueViolation(error);
      if (constraint !== 'tenants_single_platform' && constraint !== 'tenants_slug_key') throw error;
      return attempt();
    }
  }
}
