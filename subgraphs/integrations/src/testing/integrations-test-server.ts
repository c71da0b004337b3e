import { loadConfig } from '@nexara/kit';
import { createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import { integrationsConfigShape } from '../config';
import { createIntegrationsServer, type IntegrationsServer } from '../server';
import { graphqlClient, type GraphQLClient } from './graphql-client';

export const TEST_PUBLIC_URL = 'https://hub.nexara.test';

/**
 * The test connections' default apiBaseUrl (`aConnectProviderInput`): nothing listens there, so
 * a callback to it fails by connection; allow-listed like the simulator is in the demo.
 */
export const TEST_EGRESS_ALLOW = '127.0.0.1:9100';

export type RunningIntegrations = { server: IntegrationsServer; url: string; graphql: GraphQLClient };

/** Starts the subgraph on a free port against `databaseUrl`, configured through the real config shape. */
export async function startIntegrations(settings: {
  databaseUrl: string;
  internalTokenSecret: string;
  encryptionKeys: string;
  publicUrl?: string;
  /** Further variables, e.g. WEBHOOK_TARGET_URL, SECRET_ROTATION_GRACE_SECONDS or EGRESS_ALLOW. */
  env?: Record<string, string>;
}): Promise<RunningIntegrations> {
  const config = loadConfig(integrationsConfigShape, {
    DATABASE_URL: settings.databaseUrl,
    INTERNAL_TOKEN_SECRET: settings.internalTokenSecret,
    SECRETS_ENCRYPTION_KEYS: settings.encryptionKeys,
    PUBLIC_URL: settings.publicUrl ?? TEST_PUBLIC_URL,
    PORT: '0',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    EGRESS_ALLOW: TEST_EGRESS_ALLOW,
    ...settings.env,
  });
  const server = await createIntegrationsServer(config);
  const address = await server.listen(0, '127.0.0.1');
  const url = `${address}/graphql`;
  return { server, url, graphql: graphqlClient(url, settings.internalTokenSecret) };
}

/**
 * For a spec file: a new test database and the subgraph on it, started
 * before its tests and stopped and dropped after them. Read the fields
 * inside tests (they are set in beforeAll).
 */
export function integrationsOnNewDatabase(): { db: TestDatabase; integrations: RunningIntegrations } {
  const env = {} as { db: TestDatabase; integrations: RunningIntegrations };
  beforeAll(async () => {
    env.db = await createTestDatabase();
    env.integrations = await startIntegrations({
      databaseUrl: env.db.serviceUrls.integrations,
      internalTokenSecret: testSecrets.internalTokenSecret,
      encryptionKeys: testSecrets.secretsEncryptionKey,
    });
  });
  afterAll(async () => {
    await env.integrations?.server.close();
    await env.db?.drop();
  });
  return env;
}
