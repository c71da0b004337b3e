import {
  createDataSource,
  createEventBus,
  createLogger,
  createSubgraphServer,
  dataSourcePool,
  type Logger,
  type RunningServer,
} from '@nexara/kit';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { ApiKeyService } from './api-key/api-key.service';
import { AuthService } from './auth/auth.service';
import { createLoginThrottle } from './auth/login-throttle';
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
  // The sign-in attempt counters' own small pool: a burst of guesses must not take the API's connections.
  const throttlePool = new Pool({
    connectionString: config.DATABASE_URL,
    max: 3,
    application_name: 'nexara-login-throttle',
  });
  throttlePool.on('error', (error) => logger.warn({ err: error }, 'login throttle connection error'));
  const throttle = createLoginThrottle(throttlePool, {
    accountAttempts: config.LOGIN_ACCOUNT_ATTEMPTS,
    accountWindowSeconds: config.LOGIN_ACCOUNT_WINDOW_SECONDS,
    addressAttempts: config.LOGIN_ADDRESS_ATTEMPTS,
    addressWindowSeconds: config.LOGIN_ADDRESS_WINDOW_SECONDS,
  });
  try {
    const services: TenantsServices = {
      tenants: new TenantService(dataSource),
      branches: new BranchService(dataSource),
      users: new UserService(dataSource, announce),
      auth: new AuthService(
        dataSource,
        { tokenSecret: config.AUTH_TOKEN_SECRET, tokenTtlSeconds: config.AUTH_TOKEN_TTL_SECONDS },
        announce,
        throttle,
      ),
      apiKeys: new ApiKeyService(dataSource),
      sessions: new SessionService(dataSource),
    };
    const { schema, sdl } = await buildTenantsSchema(services);
    const server = await createSubgraphServer({
      name: 'tenants',
      schema,
      pools: { tenants: dataSourcePool(dataSource) },
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
          await throttlePool.end();
          await dataSource.destroy();
        }
      },
    };
  } catch (error) {
    await bus.close();
    await throttlePool.end();
    await dataSource.destroy();
    throw error;
  }
}
