import 'reflect-metadata';
import { parse, print, type InputObjectTypeDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { buildOrdersSchema, ordersSdl } from './schema';

function definitionOf(
  sdl: string,
  typeName: string,
): ObjectTypeDefinitionNode | InputObjectTypeDefinitionNode | undefined {
  return parse(sdl).definitions.find(
    (node): node is ObjectTypeDefinitionNode | InputObjectTypeDefinitionNode =>
      (node.kind === 'ObjectTypeDefinition' || node.kind === 'InputObjectTypeDefinition') &&
      node.name.value === typeName,
  );
}

function fieldsOf(sdl: string, typeName: string): string[] {
  return definitionOf(sdl, typeName)?.fields?.map((field) => field.name.value) ?? [];
}

/** `name: Type = default` for each argument of `typeName.fieldName`, in order. */
function argumentsOf(sdl: string, typeName: string, fieldName: string): string[] {
  const definition = definitionOf(sdl, typeName);
  const field =
    definition?.kind === 'ObjectTypeDefinition'
      ? definition.fields?.find((f) => f.name.value === fieldName)
      : undefined;
  return (field?.arguments ?? []).map(
    (argument) =>
      `${argument.name.value}: ${print(argument.type)}${argument.defaultValue ? ` = ${print(argument.defaultValue)}` : ''}`,
  );
}

describe(buildOrdersSchema.name, () => {
  let sdl: string;

  beforeAll(async () => {
    sdl = await ordersSdl();
    if (process.env['PRINT_ORDERS_SDL']) process.stdout.write(`${sdl}\n`);
  });

  it('is a Federation 2 subgraph with Order as an entity and Tenant, ProviderConnection as stubs', () => {
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    expect(sdl).toMatch(/type Order @key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Tenant @key\(fields: "id", resolvable: false\)/);
    expect(sdl).toMatch(/type ProviderConnection @key\(fields: "id", resolvable: false\)/);
  });

  it('has the contract fields of Order (docs/architecture.md)', () => {
    expect(fieldsOf(sdl, 'Order')).toEqual(
      expect.arrayContaining([
        'id',
        'tenant',
        'connection',
        'provider',
        'externalId',
        'displayCode',
        'status',
        'placedAt',
        'acceptBy',
        'acceptedAt',
        'prepMinutes',
        'customer',
        'delivery',
        'items',
        'subtotal',
        'deliveryFee',
        'discount',
        'tax',
        'tip',
        'total',
        'payment',
        'notes',
        'warnings',
        'timeline',
        'createdAt',
        'updatedAt',
      ]),
    );
    expect(fieldsOf(sdl, 'Money')).toEqual(['amount', 'currency']);
    expect(sdl).toContain('amount: SafeInt!');
  });

  it('has the queries and mutations of the contract (docs/architecture.md)', () => {
    expect(fieldsOf(sdl, 'Query')).toEqual(expect.arrayContaining(['orders', 'order']));
    expect(fieldsOf(sdl, 'Mutation')).toEqual(
      expect.arrayContaining([
        'acceptOrder',
        'rejectOrder',
        'markPreparing',
        'markReady',
        'markPickedUp',
        'markDelivered',
        'cancelOrder',
        'applyProviderOrderEvent',
      ]),
    );
    expect(argumentsOf(sdl, 'Query', 'orders')).toEqual([
      'filter: OrderFilterInput',
      'first: Int = 50',
      'after: String',
      'orderBy: OrderSortInput',
    ]);
    expect(argumentsOf(sdl, 'Query', 'order')).toEqual(['id: ID!', 'version: Int']);
    expect(argumentsOf(sdl, 'Mutation', 'acceptOrder')).toEqual(['id: ID!', 'prepMinutes: Int']);
    expect(argumentsOf(sdl, 'Mutation', 'rejectOrder')).toEqual(['id: ID!', 'reason: String!']);
    expect(argumentsOf(sdl, 'Mutation', 'cancelOrder')).toEqual(['id: ID!', 'reason: String!']);
    expect(argumentsOf(sdl, 'Mutation', 'applyProviderOrderEvent')).toEqual(['input: ProviderOrderEventInput!']);
    expect(fieldsOf(sdl, 'OrderFilterInput')).toEqual([
      'status',
      'provider',
      'connectionId',
      'from',
      'to',
      'search',
      'acceptanceAtRisk',
      'test',
    ]);
  });

  it('marks test orders, filters by them, and lets the worker say a placed order is a test one', () => {
    expect(sdl).toContain('test: Boolean!');
    expect(fieldsOf(sdl, 'ProviderOrderEventInput')).toContain('test');
  });

  it('has the webhook pipeline fields: acceptance risk, callbacks, and a status event may name the order by our id', () => {
    expect(sdl).toContain('acceptanceAtRisk: Boolean!');
    expect(sdl).toContain('callbacks: [ProviderCallback!]!');
    expect(fieldsOf(sdl, 'ProviderCallback')).toEqual(['action', 'outcome', 'attempt', 'httpStatus', 'detail', 'at']);
    expect(sdl).toMatch(/enum CallbackOutcome \{\s+"""[^"]*"""\s+DELIVERED/);
    expect(argumentsOf(sdl, 'Mutation', 'autoAcceptOrder')).toEqual(['id: ID!', 'prepMinutes: Int']);
    expect(argumentsOf(sdl, 'Mutation', 'recordProviderCallback')).toEqual(['input: RecordProviderCallbackInput!']);
    expect(fieldsOf(sdl, 'RecordProviderCallbackInput')).toEqual([
      'orderId',
      'action',
      'outcome',
      'attempt',
      'httpStatus',
      'detail',
    ]);
    const eventInput = definitionOf(sdl, 'ProviderOrderEventInput');
    const typeOf = (name: string) => {
      const field = eventInput?.fields?.find((f) => f.name.value === name);
      return field ? print(field.type) : undefined;
    };
    expect([typeOf('externalId'), typeOf('orderId')]).toEqual(['String', 'ID']);
  });

  it('hides the internal mutations and the types only they use from the API schema (@inaccessible)', () => {
    const mutation = definitionOf(sdl, 'Mutation');
    const inaccessibleFields = (mutation?.fields ?? [])
      .filter((field) => field.directives?.some((directive) => directive.name.value === 'inaccessible'))
      .map((field) => field.name.value)
      .sort();
    expect(inaccessibleFields).toEqual([
      'applyProviderOrderEvent',
      'applyProviderOrderEvents',
      'autoAcceptOrder',
      'recordProviderCallback',
      'recordProviderCallbacks',
    ]);
    const inaccessibleTypes = parse(sdl)
      .definitions.filter(
        (node): node is ObjectTypeDefinitionNode | InputObjectTypeDefinitionNode =>
          (node.kind === 'ObjectTypeDefinition' || node.kind === 'InputObjectTypeDefinition') &&
          (node.directives ?? []).some((directive) => directive.name.value === 'inaccessible'),
      )
      .map((node) => node.name.value)
      .sort();
    expect(inaccessibleTypes).toEqual([
      'ApplyProviderOrderEventPayload',
      'ApplyProviderOrderEventsResult',
      'CustomerInput',
      'DeliveryInput',
      'MenuWarningInput',
      'OrderItemInput',
      'OrderItemModifierInput',
      'PaymentInput',
      'ProviderOrderEventError',
      'ProviderOrderEventInput',
      'ProviderOrderInput',
      'RecordProviderCallbackInput',
      'RecordProviderCallbacksResult',
    ]);
  });
});
