import { buildSchema, parse } from 'graphql';
import { composePublicContract, publicCoordinates, type SubgraphDefinition } from './public-contract';

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@tag", "@inaccessible"])';

function subgraph(name: string, sdl: string): SubgraphDefinition {
  return { name, url: `http://127.0.0.1/${name}`, typeDefs: parse(`${LINK}\n${sdl}`) };
}

const orders = subgraph(
  'orders',
  `
  type Query {
    orders(filter: OrderFilterInput, first: Int = 50): [Order!]! @tag(name: "public")
    orderStats: Stats!
  }
  type Mutation {
    acceptOrder(id: ID!, prepMinutes: Int): Order! @tag(name: "public")
    applyProviderEvent(input: EventInput!): Order! @inaccessible
  }
  type Subscription { orderChanged: Order! }
  type Order @key(fields: "id") {
    id: ID! @tag(name: "public")
    status: OrderStatus! @tag(name: "public")
    total: Money! @tag(name: "public")
    tenant: Tenant! @tag(name: "public")
    warnings: [String!]!
  }
  type Money @shareable @tag(name: "public") { amount: Int! currency: String! }
  enum OrderStatus { RECEIVED ACCEPTED }
  input OrderFilterInput { status: [OrderStatus!] search: String }
  input EventInput @inaccessible { kind: String! }
  type Stats { count: Int! }
  type Tenant @key(fields: "id", resolvable: false) { id: ID! }
`,
);

const tenants = subgraph(
  'tenants',
  `
  type Query { tenant: Tenant apiKeys: [ApiKey!]! }
  type Tenant @key(fields: "id") {
    id: ID!
    name: String! @tag(name: "public")
    slug: String!
  }
  type ApiKey { id: ID! secretPrefix: String! }
`,
);

function fieldsOf(sdl: string): Record<string, string[]> {
  const schema = buildSchema(sdl);
  const result: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !('getFields' in type)) continue;
    result[type.name] = Object.keys(type.getFields()).sort();
  }
  return result;
}

describe('public contract', () => {
  it('keeps exactly the tagged elements and what they need', () => {
    const contract = composePublicContract([orders, tenants]);
    if (contract.empty) throw new Error('expected a contract');
    expect(fieldsOf(contract.apiSchemaSdl)).toEqual({
      Query: ['orders'],
      Mutation: ['acceptOrder'],
      Order: ['id', 'status', 'tenant', 'total'],
      // Tagging the type publishes its fields.
      Money: ['amount', 'currency'],
      // Reached through Order.tenant; only its tagged field is public.
      Tenant: ['name'],
      // Inputs a public field takes come whole.
      OrderFilterInput: ['search', 'status'],
    });
    const schema = buildSchema(contract.apiSchemaSdl);
    expect(schema.getSubscriptionType()).toBeUndefined();
    expect(schema.getType('Stats')).toBeUndefined();
    expect(schema.getType('ApiKey')).toBeUndefined();
    expect(schema.getType('EventInput')).toBeUndefined();
    // Arguments follow their field; enum values follow their enum.
    const acceptOrder = schema.getMutationType()!.getFields().acceptOrder!;
    expect(acceptOrder.args.map((a) => a.name)).toEqual(['id', 'prepMinutes']);
    expect(contract.apiSchemaSdl).toMatch(/enum OrderStatus \{\s+RECEIVED\s+ACCEPTED\s+\}/);
  });

  it('plans against the whole supergraph: hidden fields stay in the contract supergraph as @inaccessible', () => {
    const contract = composePublicContract([orders, tenants]);
    if (contract.empty) throw new Error('expected a contract');
    expect(contract.supergraphSdl).toMatch(/warnings: \[String!\]! .*@inaccessible/);
    expect(contract.supergraphSdl).toMatch(/type Stats[^{]*@inaccessible/);
    expect(contract.supergraphSdl).toMatch(/slug: String! .*@inaccessible/);
  });

  it('is empty while no root field is public', () => {
    const untagged = [orders, tenants].map((s) => ({ ...s, typeDefs: parse(withoutTags(s)) }));
    expect(composePublicContract(untagged)).toMatchObject({ empty: true });
  });

  it('takes assumed coordinates as if they were tagged', () => {
    const visible = publicCoordinates([orders, tenants], { assumePublic: ['Query.tenant', 'Tenant.slug'] });
    expect([...visible.fields]).toEqual(expect.arrayContaining(['Query.tenant', 'Tenant.slug', 'Tenant.name']));
  });

  it('fails with the reason when a public field leads to a type with nothing public', () => {
    const broken = subgraph(
      'orders',
      `
      type Query { order: Order @tag(name: "public") }
      type Order { id: ID! connection: Connection! @tag(name: "public") }
      type Connection { secret: String! }
    `,
    );
    expect(() => composePublicContract([broken])).toThrow(/Connection.*all of its fields are @inaccessible/);
  });
});

function withoutTags(definition: SubgraphDefinition): string {
  const source = definition.typeDefs.loc?.source.body ?? '';
  return source.replace(/@tag\(name: "public"\)/g, '');
}
