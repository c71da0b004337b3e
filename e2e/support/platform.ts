import { seedDemo, startPlatformInProcess, postGraphQL, type RunningPlatform, type SeedResult } from '@nexara/stack';
import { createTestDatabase, testSecrets, type TestDatabase } from '@nexara/stack/testing';

export type TestPlatform = RunningPlatform & { database: TestDatabase; seed: SeedResult };

/**
 * The whole platform for one test file: a fresh database, every service
 * in-process on free ports, and the demo seed (small) through the real APIs.
 */
export async function startTestPlatform(options: { ordersPerTenant?: number } = {}): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const platform = await startPlatformInProcess({
    database,
    secrets: testSecrets,
    publicUrl: 'http://localhost:4000',
    nodeEnv: 'test',
    logLevel: 'silent',
  });
  try {
    const seed = await seedDemo({
      urls: {
        tenants: `${platform.urls.tenants}/graphql`,
        orders: `${platform.urls.orders}/graphql`,
        integrations: `${platform.urls.integrations}/graphql`,
      },
      internalTokenSecret: testSecrets.internalTokenSecret,
      providerApiBaseUrl: 'http://127.0.0.1:9',
      ordersPerTenant: options.ordersPerTenant ?? 12,
    });
    return {
      ...platform,
      database,
      seed,
      stop: async () => {
        await platform.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await platform.stop();
    await database.drop();
    throw error;
  }
}

/** Signs in through the gateway and returns a client that sends that user's token. */
export async function signIn(
  platform: RunningPlatform,
  email: string,
  password = 'nexara-demo',
): Promise<{ token: string; query: <T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<T> }> {
  const { login } = await postGraphQL<{ login: { token: string } }>(
    platform.graphqlUrl,
    'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email, password },
  );
  return {
    token: login.token,
    query: (query, variables = {}, headers = {}) =>
      postGraphQL(platform.graphqlUrl, query, variables, { authorization: `Bearer ${login.token}`, ...headers }),
  };
}

/** A raw POST, for asserting HTTP status codes and error bodies. */
export async function rawPost(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}
