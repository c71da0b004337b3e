import { buildFederatedSchema } from '@nexara/kit';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { noBranchDirectory, type BranchDirectory } from './common/branch-directory';
import { BranchControlResolver } from './branches/branch-control.resolver';
import { BranchControlService } from './branches/branch-control.service';
import { CatalogSubscriptionResolver } from './events/catalog-subscription.resolver';
import { noCatalogChanges, type CatalogChanges } from './events/catalog-changes';
import { MenuResolver } from './menus/menu.resolver';
import { MenuService } from './menus/menu.service';
import { SyncJobResolver } from './sync/sync-job.resolver';
import { SyncJobService } from './sync/sync-job.service';

export type CatalogServices = { menus: MenuService; control: BranchControlService; jobs: SyncJobService };

/** The services over one DataSource (which need not be initialized just to print the schema). */
export function createCatalogServices(
  dataSource: DataSource,
  directory: BranchDirectory = noBranchDirectory,
  changes: CatalogChanges = noCatalogChanges,
): CatalogServices {
  return {
    menus: new MenuService(dataSource, directory, changes),
    control: new BranchControlService(dataSource, directory, changes),
    jobs: new SyncJobService(dataSource, changes, directory),
  };
}

export async function buildCatalogSchema(services: CatalogServices): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const resolvers = new Map<Function, object>([
    [MenuResolver, new MenuResolver(services.menus)],
    [BranchControlResolver, new BranchControlResolver(services.control)],
    [SyncJobResolver, new SyncJobResolver(services.jobs)],
    [CatalogSubscriptionResolver, new CatalogSubscriptionResolver()],
  ]);
  return buildFederatedSchema({
    resolvers: [MenuResolver, BranchControlResolver, SyncJobResolver, CatalogSubscriptionResolver],
    container: { get: (resolverClass: Function) => resolvers.get(resolverClass) },
  });
}

/** The subgraph SDL alone (composition, checks): resolvers are never called, so no database is needed. */
export async function catalogSdl(): Promise<string> {
  const unused = {} as DataSource;
  return (await buildCatalogSchema(createCatalogServices(unused))).sdl;
}
