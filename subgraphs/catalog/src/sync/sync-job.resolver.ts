import { PUBLIC_TAG, type RequestContext } from '@nexara/kit';
import { Arg, Args, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CatalogSyncJobsArgs, RecordCatalogSyncOutcomeInput } from '../common/catalog.inputs';
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

  @Mutation(() => CatalogSyncJobType, {
    description:
      "Sends a FAILED job's change again, as a new job on the same connection (a menu as it is now). " +
      'BAD_USER_INPUT for a job not FAILED, one a newer job of its kind replaced, or a connection gone from its branch.',
  })
  retryCatalogSyncJob(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext) {
    return this.jobs.retryJob(context.identity, id);
  }

  @Directive('@inaccessible')
  @Mutation(() => CatalogSyncJobType, {
    description: 'Internal (the integrations worker only): records what the provider answered a sync job.',
  })
  recordCatalogSyncOutcome(
    @Arg('input', () => RecordCatalogSyncOutcomeInput) input: RecordCatalogSyncOutcomeInput,
    @Ctx() context: RequestContext,
  ) {
    return this.jobs.recordOutcome(context.identity, input);
  }
}
