import { randomUUID } from 'node:crypto';
import type { Identity, Role } from '@nexara/kit';
import type { Provider } from '@nexara/providers/display';
import { callSubgraph, createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import type { BranchConnection, BranchDirectory } from '../common/branch-directory';
import { createCatalogServer, type CatalogServer } from '../server';

export type GraphQLErrorResult = {
  message: string;
  extensions?: { code?: string; problems?: { path: string; message: string }[] } & Record<string, unknown>;
};
export type GraphQLResult<T> = { status: number; data: T | null; errors: GraphQLErrorResult[] };
export { dataOf } from '@nexara/test-support';

/** Branches and connections the test declares, standing in for the tenants and integrations subgraphs. */
export class FakeDirectory implements BranchDirectory {
  readonly branches = new Map<string, Set<string>>();
  readonly links = new Map<string, BranchConnection[]>();
  readonly zones = new Map<string, string>();

  aBranch(tenantId: string, timeZone = 'UTC'): string {
    const id = randomUUID();
    this.branches.set(tenantId, (this.branches.get(tenantId) ?? new Set()).add(id));
    this.zones.set(id, timeZone);
    return id;
  }

  aConnection(tenantId: string, branchId: string, provider: Provider): string {
    const id = randomUUID();
    this.links.set(tenantId, [...(this.links.get(tenantId) ?? []), { id, provider, branchId, status: 'ACTIVE' }]);
    return id;
  }

  branchIds = (tenantId: string): Promise<Set<string>> => Promise.resolve(this.branches.get(tenantId) ?? new Set());
  connections = (tenantId: string): Promise<BranchConnection[]> => Promise.resolve(this.links.get(tenantId) ?? []);
  timeZones = async (tenantId: string): Promise<Map<string, string>> =>
    new Map([...(this.branches.get(tenantId) ?? [])].map((id) => [id, this.zones.get(id) ?? 'UTC']));
}

export type CatalogTestEnv = {
  db: TestDatabase;
  server: CatalogServer;
  directory: FakeDirectory;
  request: <T>(
    identity: Identity | null,
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<GraphQLResult<T>>;
  close: () => Promise<void>;
};

/** A fresh migrated database and a catalog server on a free port, called over real HTTP. */
export async function startCatalogTestEnv(): Promise<CatalogTestEnv> {
  const db = await createTestDatabase();
  const directory = new FakeDirectory();
  let server: CatalogServer | undefined;
  try {
    server = await createCatalogServer(
      {
        DATABASE_URL: db.serviceUrls.catalog,
        INTERNAL_TOKEN_SECRET: testSecrets.internalTokenSecret,
        TENANTS_URL: 'http://127.0.0.1:9/graphql',
        INTEGRATIONS_URL: 'http://127.0.0.1:9/graphql',
        PORT: 0,
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        // Tests run the until scheduler themselves, at the instant they choose.
        UNTIL_SCHEDULER_INTERVAL_MS: 0,
        SOLD_OUT_RESET_LOCAL: '04:00',
      },
      { directory },
    );
    const url = `${await server.listen(0)}/graphql`;
    const running = server;
    return {
      db,
      server: running,
      directory,
      // The catalog's errors carry `problems` (the paths of bad input), typed here.
      request: <T>(identity: Identity | null, query: string, variables?: Record<string, unknown>) =>
        callSubgraph<T>(url, identity, query, variables) as Promise<GraphQLResult<T>>,
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

export function aUser(tenantId: string, role: Role = 'MANAGER'): Identity {
  return { kind: 'user', userId: randomUUID(), tenantId, role };
}

/** A small valid menu: two items, one an option in a group, one category. */
export function aMenuInput(branchIds: string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    branchIds,
    name: { en: 'Main', ar: 'الرئيسية' },
    currency: 'SAR',
    schedule: [{ day: 'MONDAY', start: '10:00', end: '02:00' }],
    categories: [{ ref: 'c1', name: { en: 'Burgers', ar: 'برجر' }, itemRefs: ['i1'] }],
    items: [
      {
        ref: 'i1',
        externalPosId: 'POS-11',
        name: { en: 'Burger', ar: 'برجر' },
        price: '25.00',
        taxRate: '15',
        priceOverrides: [{ provider: 'DELIVEROO', price: '27.50' }],
        images: [{ url: 'https://cdn.example/burger.jpg', width: 1920, height: 1080 }],
        modifierGroupRefs: ['g1'],
      },
      { ref: 'o1', externalPosId: 'POS-90', name: { en: 'Mayo' }, price: '2' },
    ],
    modifierGroups: [
      { ref: 'g1', name: { en: 'Sauce' }, min: 0, max: 2, options: [{ itemRef: 'o1', priceDelta: '2.00' }] },
    ],
    ...overrides,
  };
}
