import { actingTenantId, appError, inTenantTransaction, requireUser, scopeOf, type Identity } from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid, normalizeName, normalizeOptionalText, normalizeTimeZone } from '../common/validation';
import { Tenant } from '../common/tenant.entity';
import { Branch } from './branch.entity';

export type NewBranch = { name: string; timeZone?: string | null; address?: string | null };

/** Inserts a branch into the tenant the transaction is scoped to; fields already validated. */
export async function insertBranch(
  manager: EntityManager,
  tenantId: string,
  values: { name: string; timeZone: string; address: string | null },
): Promise<Branch> {
  const branch = manager.create(Branch, { tenantId, ...values });
  await manager.insert(Branch, branch);
  return branch;
}

export class BranchService {
  constructor(private readonly dataSource: DataSource) {}

  async listBranches(identity: Identity): Promise<Branch[]> {
    const tenantId = actingTenantId(identity);
    return inTenantTransaction(this.dataSource, scopeOf(identity), (manager) =>
      manager.find(Branch, { where: { tenantId }, order: { createdAt: 'ASC', id: 'ASC' } }),
    );
  }

  async createBranch(identity: Identity, input: NewBranch): Promise<Branch> {
    const caller = requireUser(identity, ['TENANT_ADMIN']);
    const name = normalizeName(input.name);
    const address = normalizeOptionalText(input.address, 'address');
    const requestedZone = input.timeZone ? normalizeTimeZone(input.timeZone) : null;
    return inTenantTransaction(this.dataSource, scopeOf(caller), async (manager) => {
      const tenant = await manager.findOneBy(Tenant, { id: caller.tenantId });
      if (!tenant) throw appError('NOT_FOUND', 'The tenant you act in does not exist.');
      return insertBranch(manager, caller.tenantId, { name, address, timeZone: requestedZone ?? tenant.timeZone });
    });
  }

  /** `_entities`: a branch of the caller's tenant, or null (never another tenant's). */
  async findVisibleBranch(identity: Identity, branchId: string): Promise<Branch | null> {
    if (!isUuid(branchId) || identity.kind === 'anonymous' || !identity.tenantId) return null;
    const tenantId = identity.tenantId;
    return inTenantTransaction(this.dataSource, scopeOf(identity), (manager) =>
      manager.findOneBy(Branch, { tenantId, id: branchId }),
    );
  }
}
