import type { Identity } from '@nexara/kit';
import {
  callSubgraph,
  createTestDatabase,
  testSecrets,
  type GraphQLResult,
  type TestDatabase,
} from '@nexara/test-support';
import { createOrdersServer, type OrdersServer } from '../server';

export { dataOf, errorCodes, type GraphQLErrorResult, type GraphQLResult } from '@nexara/test-support';

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
      request: (identity, query, variables) => callSubgraph(url, identity, query, variables),
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
