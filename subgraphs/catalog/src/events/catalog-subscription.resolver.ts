import { appError } from '@nexara/kit';
import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import { BranchStoreStatusType, CatalogSyncJobType } from '../common/catalog.types';

const SERVED_BY_THE_GATEWAY = (): never => {
  throw appError('BAD_USER_INPUT', 'Subscribe through the gateway over WebSocket (graphql-ws) on /graphql.');
};

/**
 * Declared here so the fields are part of the composed schema; the gateway
 * serves them over graphql-ws, re-reading `catalogSyncJob(id)` for every
 * `catalog.sync.changed` and `storeStatus(branchId)` for every
 * `catalog.store_status.changed` on the bus.
 */
@Resolver()
export class CatalogSubscriptionResolver {
  @Subscription(() => CatalogSyncJobType, {
    description:
      'A catalog sync job of your tenant was queued or changed state (optionally: only those of one branch). ' +
      'Each event carries the job as it is when the event is delivered, its latest state: a job that moves on ' +
      'quickly can arrive with the same state twice and its earlier state skipped, so keep the newest by job id. ' +
      'Served by the gateway over graphql-ws on /graphql.',
    subscribe: SERVED_BY_THE_GATEWAY,
  })
  catalogSyncChanged(
    @Root() job: CatalogSyncJobType,
    @Arg('branchId', () => ID, { nullable: true }) _branchId?: string,
  ): CatalogSyncJobType {
    return job;
  }

  @Subscription(() => BranchStoreStatusType, {
    description:
      "A branch's store status, busy mode or opening hours changed (optionally: only that branch). " +
      'Each event carries the branch as it is when the event is delivered, its latest state (two quick changes ' +
      'can arrive as the same state twice). Served by the gateway over graphql-ws on /graphql.',
    subscribe: SERVED_BY_THE_GATEWAY,
  })
  storeStatusChanged(
    @Root() status: BranchStoreStatusType,
    @Arg('branchId', () => ID, { nullable: true }) _branchId?: string,
  ): BranchStoreStatusType {
    return status;
  }
}
