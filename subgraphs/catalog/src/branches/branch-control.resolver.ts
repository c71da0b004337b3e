import { PUBLIC_TAG, type RequestContext } from '@nexara/kit';
import { Arg, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import {
  SetBusyModeInput,
  SetItemAvailabilityInput,
  SetOpeningHoursInput,
  SetStoreStatusInput,
} from '../common/catalog.inputs';
import { BranchStoreStatusType, CatalogSyncJobType, ItemAvailabilityType } from '../common/catalog.types';
import type { BranchControlService } from './branch-control.service';

@Resolver()
export class BranchControlResolver {
  constructor(private readonly control: BranchControlService) {}

  @Query(() => [ItemAvailabilityType], { description: 'Every item on a menu of the branch, with its state there.' })
  branchAvailability(@Arg('branchId', () => ID) branchId: string, @Ctx() context: RequestContext) {
    return this.control.branchAvailability(context.identity, branchId);
  }

  @Query(() => BranchStoreStatusType, {
    description: 'The status we asked for, and per connection what was sent and what the provider last confirmed.',
  })
  storeStatus(@Arg('branchId', () => ID) branchId: string, @Ctx() context: RequestContext) {
    return this.control.storeStatus(context.identity, branchId);
  }

  @Directive(PUBLIC_TAG)
  @Mutation(() => [CatalogSyncJobType], {
    description: 'Marks items AVAILABLE, SOLD_OUT (86) or HIDDEN at a branch; one job per connection.',
  })
  setItemAvailability(
    @Arg('input', () => SetItemAvailabilityInput) input: SetItemAvailabilityInput,
    @Ctx() context: RequestContext,
  ) {
    return this.control.setItemAvailability(context.identity, input);
  }

  @Directive(PUBLIC_TAG)
  @Mutation(() => [CatalogSyncJobType], { description: 'Opens, closes or pauses a branch; one job per connection.' })
  setStoreStatus(@Arg('input', () => SetStoreStatusInput) input: SetStoreStatusInput, @Ctx() context: RequestContext) {
    return this.control.setStoreStatus(context.identity, input);
  }

  @Mutation(() => [CatalogSyncJobType], { description: 'Busy mode: longer preparation time; one job per connection.' })
  setBusyMode(@Arg('input', () => SetBusyModeInput) input: SetBusyModeInput, @Ctx() context: RequestContext) {
    return this.control.setBusyMode(context.identity, input);
  }

  @Mutation(() => [CatalogSyncJobType], { description: "Replaces the branch's week; one job per connection." })
  setOpeningHours(
    @Arg('input', () => SetOpeningHoursInput) input: SetOpeningHoursInput,
    @Ctx() context: RequestContext,
  ) {
    return this.control.setOpeningHours(context.identity, input);
  }
}
