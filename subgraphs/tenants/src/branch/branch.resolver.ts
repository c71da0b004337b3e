import type { RequestContext } from '@nexara/kit';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Branch } from './branch.entity';
import { CreateBranchInput } from './branch.inputs';
import { BranchService } from './branch.service';

@Resolver(() => Branch)
export class BranchResolver {
  constructor(private readonly branchService: BranchService) {}

  @Query(() => [Branch], { description: 'Branches of the tenant you act in.' })
  async branches(@Ctx() { identity }: RequestContext): Promise<Branch[]> {
    return this.branchService.listBranches(identity);
  }

  @Mutation(() => Branch, { description: 'TENANT_ADMIN.' })
  async createBranch(@Arg('input') input: CreateBranchInput, @Ctx() { identity }: RequestContext): Promise<Branch> {
    return this.branchService.createBranch(identity, input);
  }
}
