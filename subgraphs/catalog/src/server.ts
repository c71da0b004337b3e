import {
  createDataSource,
  createEventBus,
  createLogger,
  createSubgraphServer,
  dataSourcePool,
  type Logger,
  type RunningServer,
} from '@nexara/kit';
import type { DataSource } from 'typeorm';
import { branchDirectoryFrom, type BranchDirectory } from './common/branch-directory';
import type { CatalogConfig } from './config';
import { catalogDatabase } from './database';
import { catalogChangesOn } from './events/catalog-changes';
import { buildCatalogSchema, createCatalogServices } from './schema';
import { UntilScheduler } from './branches/until-scheduler';

export type CatalogServer = RunningServer & { dataSource: DataSource; scheduler: UntilScheduler };

export async function createCatalogServer(
  config: CatalogConfig,
  options: { logger?: Logger; directory?: BranchDirectory } = {},
): Promise<CatalogServer> {
  const logger = options.logger ?? createLogger('catalog', config.LOG_LEVEL);
  const dataSource = createDataSource({ url: config.DATABASE_URL, ...catalogDatabase, poolSize: 10 });
  await dataSource.initialize();
  const bus = createEventBus({ redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL, logger });
  const directory =
    options.directory ??
    branchDirectoryFrom({
      tenantsUrl: config.TENANTS_URL,
      integrationsUrl: config.INTEGRATIONS_URL,
      internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    });
  const changes = catalogChangesOn(bus, logger);
  const scheduler = new UntilScheduler({
    dataSource,
    directory,
    changes,
    logger: logger.child({ component: 'until-scheduler' }),
    soldOutResetLocal: config.SOLD_OUT_RESET_LOCAL,
  });
  try {
    const { schema } = await buildCatalogSchema(createCatalogServices(dataSource, directory, changes));
    const server = await createSubgraphServer({
      name: 'catalog',
      schema,
      pools: { catalog: dataSourcePool(dataSource) },
      contextTokenSecret: config.INTERNAL_TOKEN_SECRET,
      logger,
      production: config.NODE_ENV === 'production',
      checkReady: async () => {
        await dataSource.query('select 1');
      },
    });
    const timer = config.UNTIL_SCHEDULER_INTERVAL_MS > 0 ? scheduler.start(config.UNTIL_SCHEDULER_INTERVAL_MS) : null;
    return {
      ...server,
      dataSource,
      scheduler,
      close: async () => {
        try {
          await timer?.stop();
          await server.close();
        } finally {
          await bus.close();
          await dataSource.destroy();
        }
      },
    };
  } catch (error) {
    await bus.close();
    await dataSource.destroy();
    throw error;
  }
}
