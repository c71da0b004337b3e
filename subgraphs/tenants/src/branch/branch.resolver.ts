import type { RequestContext } from '@nexara/kit';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Tenant } from '../tenant/tenant.entity';
import { TenantService } from '../tenant/tenant.service';
import { Branch } from './branch.entity';
import { CreateBranchInput } from './branch.inputs';
import { BranchService } from './branch.service';

@Resolver(() => Branch)
export class BranchResolver {
  constructor(
    private readonly branchService: BranchService,
    private readonly tenantService: TenantService,
  ) {}

  @Query(() => [Branch], { description: 'Branches of the tenant you act in.' })
  async branches(@Ctx() { identity }: RequestContext): Promise<Branch[]> {
    return this.branchService.listBranches(identity);
  }

  @Mutation(() => Branch, { description: 'TENANT_ADMIN.' })
  async createBranch(@Arg('input') input: CreateBranchInput, @Ctx() { identity }: RequestContext): Promise<Branch> {
    return this.branchService.createBranch(identity, input);
  }

  @FieldResolver(() => Tenant)
  async tenant(@Root() branch: Branch, @Ctx() context: RequestContext): Promise<Tenant> {
    return this.tenantService.ownerOf(branch, context);
  }
}
