import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { aMenuInput, aUser, dataOf, startCatalogTestEnv, type CatalogTestEnv } from '../testing/catalog-test-env';

const IMPORT = /* GraphQL */ `
  mutation Import($input: ImportMenuInput!) {
    importMenu(input: $input) {
      id
      version
      name {
        en
        ar
      }
      schedule {
        day
        start
        end
      }
      items {
        id
        ref
        externalPosId
        name {
          en
          ar
        }
        price {
          amount
          currency
        }
        priceOverrides {
          provider
          price {
            amount
          }
        }
        taxRate
        modifierGroupIds
      }
      modifierGroups {
        id
        ref
        min
        max
        options {
          itemId
          priceDelta {
            amount
          }
        }
      }
      categories {
        ref
        itemIds
      }
    }
  }
`;
const MENUS = 'query { menus { id items { id } } }';
const MENU = 'query Menu($id: ID!) { menu(id: $id) { id } }';

type Imported = {
  id: string;
  version: number;
  items: { id: string; ref: string; price: { amount: number; currency: string }; modifierGroupIds: string[] }[];
  modifierGroups: { id: string; options: { itemId: string; priceDelta: { amount: number } }[] }[];
  categories: { ref: string; itemIds: string[] }[];
  schedule: { day: string; start: string; end: string }[];
};

describe('importMenu and menus (real PostgreSQL)', () => {
  let env: CatalogTestEnv;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  let branchA: string;
  let branchB: string;

  beforeAll(async () => {
    env = await startCatalogTestEnv();
    branchA = env.directory.aBranch(tenantA);
    branchB = env.directory.aBranch(tenantB);
  });
  afterAll(async () => env?.close());

  async function countRows(): Promise<number> {
    const client = new Client({ connectionString: env.db.ownerUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        `select (select count(*) from catalog.menus) + (select count(*) from catalog.menu_items)
              + (select count(*) from catalog.menu_categories) + (select count(*) from catalog.modifier_groups)
              + (select count(*) from catalog.audit_log) as n`,
      );
      return Number(rows[0]!.n);
    } finally {
      await client.end();
    }
  }

  it('stores a menu with prices in minor units, references as ids, and overnight periods split at 23:59', async () => {
    const { importMenu } = dataOf(
      await env.request<{ importMenu: Imported }>(aUser(tenantA), IMPORT, { input: aMenuInput([branchA]) }),
    );
    const [burger, mayo] = importMenu.items;
    expect(burger!.price).toEqual({ amount: 2500, currency: 'SAR' });
    expect(importMenu.modifierGroups[0]!.options).toEqual([{ itemId: mayo!.id, priceDelta: { amount: 200 } }]);
    expect(burger!.modifierGroupIds).toEqual([importMenu.modifierGroups[0]!.id]);
    expect(importMenu.categories).toEqual([{ ref: 'c1', itemIds: [burger!.id] }]);
    expect(importMenu.schedule).toEqual([
      { day: 'MONDAY', start: '10:00', end: '23:59' },
      { day: 'TUESDAY', start: '00:00', end: '02:00' },
    ]);

    // Importing again by id keeps the items' ids (by ref) and counts a version.
    const again = dataOf(
      await env.request<{ importMenu: Imported }>(aUser(tenantA), IMPORT, {
        input: aMenuInput([branchA], { id: importMenu.id }),
      }),
    ).importMenu;
    expect(again.items.map((i) => i.id)).toEqual(importMenu.items.map((i) => i.id));
    expect(again.version).toBe(2);
  });

  it('keeps tenants apart: another tenant sees no menu, and the database shows it none either (RLS)', async () => {
    const { menus } = dataOf(await env.request<{ menus: { id: string }[] }>(aUser(tenantA), MENUS));
    expect(menus).toHaveLength(1);
    expect(dataOf(await env.request<{ menus: unknown[] }>(aUser(tenantB), MENUS)).menus).toEqual([]);
    const other = await env.request(aUser(tenantB), MENU, { id: menus[0]!.id });
    expect(other.errors.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);

    const client = new Client({ connectionString: env.db.serviceUrls.catalog });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantB]);
      const seen = await client.query('select id from catalog.menu_items');
      await client.query('rollback');
      expect(seen.rowCount).toBe(0);
      const none = await client.query('select id from catalog.menus');
      expect(none.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('refuses a branch of another tenant (NOT_FOUND) and writes nothing', async () => {
    const before = await countRows();
    const result = await env.request(aUser(tenantA), IMPORT, { input: aMenuInput([branchB]) });
    expect(result.errors.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(await countRows()).toBe(before);
  });

  it.each([
    ['an empty name', { items: [{ ref: 'i1', name: { en: ' ' }, price: '1' }] }, 'items[0].name.en'],
    ['a name too long', { items: [{ ref: 'i1', name: { en: 'x'.repeat(121) }, price: '1' }] }, 'items[0].name.en'],
    ['a negative price', { items: [{ ref: 'i1', name: { en: 'Tea' }, price: '-1.00' }] }, 'items[0].price'],
    ['more decimals than SAR has', { items: [{ ref: 'i1', name: { en: 'Tea' }, price: '1.005' }] }, 'items[0].price'],
    [
      'min above max',
      {
        modifierGroups: [
          { ref: 'g1', name: { en: 'Sauce' }, min: 3, max: 2, options: [{ itemRef: 'o1' }], repeatable: true },
        ],
      },
      'modifierGroups[0].min',
    ],
    [
      'a dangling item reference',
      { categories: [{ ref: 'c1', name: { en: 'Burgers' }, itemRefs: ['nope'] }] },
      'categories[0].itemRefs[0]',
    ],
    ['a dangling group reference', { modifierGroups: [] }, 'items[0].modifierGroupRefs[0]'],
  ])('refuses %s, naming the path, and writes nothing', async (_case, overrides, path) => {
    const before = await countRows();
    const result = await env.request(aUser(tenantA), IMPORT, { input: aMenuInput([branchA], overrides) });
    expect(result.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors[0]!.extensions?.problems?.map((p) => p.path)).toContain(path);
    expect(result.errors[0]!.message).toContain(path);
    expect(await countRows()).toBe(before);
  });

  it('lets STAFF read but not import, and partners only with the catalog scopes', async () => {
    const staff = await env.request(aUser(tenantA, 'STAFF'), IMPORT, { input: aMenuInput([branchA]) });
    expect(staff.errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const reader = {
      kind: 'partner' as const,
      apiKeyId: randomUUID(),
      tenantId: tenantA,
      scopes: ['orders:read' as const],
    };
    expect((await env.request(reader, MENUS)).errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
