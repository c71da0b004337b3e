import {
  createDataSource,
  createEventBus,
  createLogger,
  createSubgraphServer,
  type Logger,
  type RunningServer,
} from '@nexara/kit';
import type { DataSource } from 'typeorm';
import { ApiKeyService } from './api-key/api-key.service';
import { AuthService } from './auth/auth.service';
import { BranchService } from './branch/branch.service';
import type { TenantsConfig } from './config';
import { tenantsDatabase } from './database';
import { buildTenantsSchema, type TenantsServices } from './schema';
import { SessionService, sessionAnnouncer } from './session/sessions';
import { TenantService } from './tenant/tenant.service';
import { UserService } from './user/user.service';

export type TenantsServer = RunningServer & { dataSource: DataSource; services: TenantsServices; sdl: string };

export async function createTenantsServer(
  config: TenantsConfig,
  options: { logger?: Logger } = {},
): Promise<TenantsServer> {
  const logger = options.logger ?? createLogger('tenants', config.LOG_LEVEL);
  const dataSource = createDataSource({ url: config.DATABASE_URL, ...tenantsDatabase, poolSize: 10 });
  await dataSource.initialize();
  // Announces ended sessions, so every gateway drops them at once (see docs/security.md).
  const bus = createEventBus({ redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL, logger });
  const announce = sessionAnnouncer(bus, logger);
  try {
    const services: TenantsServices = {
      tenants: new TenantService(dataSource),
      branches: new BranchService(dataSource),
      users: new UserService(dataSource, announce),
      auth: new AuthService(
        dataSource,
        { tokenSecret: config.AUTH_TOKEN_SECRET, tokenTtlSeconds: config.AUTH_TOKEN_TTL_SECONDS },
        announce,
      ),
      apiKeys: new ApiKeyService(dataSource),
      sessions: new SessionService(dataSource),
    };
    const { schema, sdl } = await buildTenantsSchema(services);
    const server = await createSubgraphServer({
      name: 'tenants',
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
      sdl,
      close: async () => {
        try {
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
