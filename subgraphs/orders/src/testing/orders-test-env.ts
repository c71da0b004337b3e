import type { Identity } from '@nexara/kit';
import { contextHeaders, createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import { createOrdersServer, type OrdersServer } from '../server';

export type GraphQLErrorResult = {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
};
export type GraphQLResult<T> = { status: number; data: T | null; errors: GraphQLErrorResult[] };

export type OrdersTestEnv = {
  db: TestDatabase;
  server: OrdersServer;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** POSTs a GraphQL request as if the gateway vouched for `identity` (null: no context token at all). */
  request: <T>(
    identity: Identity | null,
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<GraphQLResult<T>>;
  close: () => Promise<void>;
};

/** A fresh migrated database and an orders server on a free port, called over real HTTP. */
export async function startOrdersTestEnv(): Promise<OrdersTestEnv> {
  const db = await createTestDatabase();
  let server: OrdersServer | undefined;
  try {
    server = await createOrdersServer({
      DATABASE_URL: db.serviceUrls.orders,
      INTERNAL_TOKEN_SECRET: testSecrets.internalTokenSecret,
      // No tenants subgraph here: metrics tests name their time zone (the tenant's own is covered end to end).
      TENANTS_URL: 'http://127.0.0.1:9/graphql',
      PORT: 0,
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
    });
    const url = `${await server.listen(0)}/graphql`;
    const running = server;
    return {
      db,
      server: running,
      url,
      request: async <T>(identity: Identity | null, query: string, variables: Record<string, unknown> = {}) => {
        const headers = { 'content-type': 'application/json', ...(identity ? await contextHeaders(identity) : {}) };
        const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
        const body = (await response.json()) as { data?: T | null; errors?: GraphQLErrorResult[] };
        return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
      },
      close: async () => {
        await running.close();
        await db.drop();
      },
    };
  } catch (error) {
    await server?.close();
    await db.drop();
    throw error;
  }
}

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<T>(result: GraphQLResult<T>): T {
  if (result.errors.length > 0 || result.data === null) {
    throw new Error(`expected success, got HTTP ${result.status}: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

/** The codes of a response's errors, e.g. ['FORBIDDEN']. */
export function errorCodes(result: GraphQLResult<unknown>): (string | undefined)[] {
  return result.errors.map((error) => error.extensions?.code);
}
