import { PUBLIC_TAG } from '@nexara/kit';
import type { RequestContext } from '@nexara/kit';
import { Arg, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import { User } from '../user/user.entity';
import { Tenant } from '../common/tenant.entity';
import { BootstrapPlatformInput, CreateTenantInput } from './tenant.inputs';
import { TenantService } from './tenant.service';

@Resolver(() => Tenant)
export class TenantResolver {
  constructor(private readonly tenantService: TenantService) {}

  @Directive(PUBLIC_TAG)
  @Query(() => Tenant, { nullable: true, description: 'The tenant you act in.' })
  async tenant(@Ctx() { identity }: RequestContext): Promise<Tenant | null> {
    return this.tenantService.actingTenant(identity);
  }

  @Query(() => [Tenant], { description: 'Every tenant (PLATFORM_ADMIN only).' })
  async tenants(@Ctx() { identity }: RequestContext): Promise<Tenant[]> {
    return this.tenantService.listTenants(identity);
  }

  @Mutation(() => Tenant, {
    description:
      'A tenant with its first branch and TENANT_ADMIN owner, in one transaction (PLATFORM_ADMIN, or an internal service).',
  })
  async createTenant(@Arg('input') input: CreateTenantInput, @Ctx() { identity }: RequestContext): Promise<Tenant> {
    return this.tenantService.createTenant(identity, input);
  }

  @Mutation(() => User, {
    description: 'Internal (services only): creates the Nexara operator tenant and a PLATFORM_ADMIN in it; idempotent.',
  })
  async bootstrapPlatform(
    @Arg('input') input: BootstrapPlatformInput,
    @Ctx() { identity }: RequestContext,
  ): Promise<User> {
    return this.tenantService.bootstrapPlatform(identity, input);
  }
}
