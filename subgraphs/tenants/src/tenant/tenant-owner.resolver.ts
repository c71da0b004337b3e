import type { RequestContext } from '@nexara/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Branch } from '../branch/branch.entity';
import { Tenant } from '../common/tenant.entity';
import { User } from '../user/user.entity';
import { TenantService } from './tenant.service';

/**
 * The `tenant` field of what a tenant owns: answered here, beside the tenant
 * service that loads it once per request, so users and branches need not know
 * the tenant feature (docs/architecture.md: folders point one way).
 */
@Resolver(() => User)
export class UserTenantResolver {
  constructor(private readonly tenantService: TenantService) {}

  @FieldResolver(() => Tenant)
  async tenant(@Root() user: User, @Ctx() context: RequestContext): Promise<Tenant> {
    return this.tenantService.ownerOf(user, context);
  }
}

@Resolver(() => Branch)
export class BranchTenantResolver {
  constructor(private readonly tenantService: TenantService) {}

  @FieldResolver(() => Tenant)
  async tenant(@Root() branch: Branch, @Ctx() context: RequestContext): Promise<Tenant> {
    return this.tenantService.ownerOf(branch, context);
  }
}
