import { PUBLIC_TAG, type RequestContext } from '@nexara/kit';
import { Arg, Args, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import { CatalogSyncJobsArgs } from '../common/catalog.inputs';
import { CatalogSyncJobConnectionType, CatalogSyncJobType } from '../common/catalog.types';
import type { SyncJobService } from './sync-job.service';

@Resolver(() => CatalogSyncJobType)
export class SyncJobResolver {
  constructor(private readonly jobs: SyncJobService) {}

  @Directive(PUBLIC_TAG)
  @Query(() => CatalogSyncJobConnectionType, { description: 'The sync log, newest first.' })
  catalogSyncJobs(@Args(() => CatalogSyncJobsArgs) args: CatalogSyncJobsArgs, @Ctx() context: RequestContext) {
    return this.jobs.listJobs(context.identity, args);
  }

  @Query(() => CatalogSyncJobType, { description: 'One sync job; NOT_FOUND if the tenant has none with that id.' })
  catalogSyncJob(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext) {
    return this.jobs.getJob(context.identity, id);
  }
}
