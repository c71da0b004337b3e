import { createDataSource, createLogger, createSubgraphServer, type Logger, type RunningServer } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import type { IntegrationsConfig } from './config';
import { ConnectionService } from './connections/connection.service';
import { integrationsDatabase } from './database';
import { buildIntegrationsSchema, type IntegrationsServices } from './schema';
import { secretBoxFromConfig } from './secrets/secret-box';

export type IntegrationsServer = RunningServer & {
  dataSource: DataSource;
  /** Service functions for in-process callers (webhook shim, worker, tests). */
  services: IntegrationsServices;
};

export async function createIntegrationsServer(
  config: IntegrationsConfig,
  options: { logger?: Logger } = {},
): Promise<IntegrationsServer> {
  const logger = options.logger ?? createLogger('integrations', config.LOG_LEVEL);
  // Before any connection is opened: a bad key list must stop the service, naming the variable.
  const secretBox = secretBoxFromConfig(config.SECRETS_ENCRYPTION_KEYS);
  const dataSource = createDataSource({ url: config.DATABASE_URL, ...integrationsDatabase, poolSize: 10 });
  await dataSource.initialize();
  try {
    const services: IntegrationsServices = {
      connections: new ConnectionService({ dataSource, secretBox, publicUrl: config.PUBLIC_URL, logger }),
    };
    const { schema } = await buildIntegrationsSchema(services);
    const server = await createSubgraphServer({
      name: 'integrations',
      schema,
      contextTokenSecret: config.INTERNAL_TOKEN_SECRET,
      logger,
      production: config.NODE_ENV === 'production',
      checkReady: async () => {
        await dataSource.query('select 1');
      },
    });
    return {
      ...server,
      dataSource,
      services,
      close: async () => {
        try {
          await server.close();
        } finally {
          await dataSource.destroy();
        }
      },
    };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
