import 'reflect-metadata';
import { parse, print, type ObjectTypeDefinitionNode } from 'graphql';
import { buildCatalogSchema, catalogSdl } from './schema';

function fieldsOf(sdl: string, typeName: string): string[] {
  const definition = parse(sdl).definitions.find(
    (node): node is ObjectTypeDefinitionNode => node.kind === 'ObjectTypeDefinition' && node.name.value === typeName,
  );
  return definition?.fields?.map((field) => field.name.value) ?? [];
}

function signatureOf(sdl: string, typeName: string, fieldName: string): string {
  const definition = parse(sdl).definitions.find(
    (node): node is ObjectTypeDefinitionNode => node.kind === 'ObjectTypeDefinition' && node.name.value === typeName,
  );
  const field = definition?.fields?.find((f) => f.name.value === fieldName);
  if (!field) return '';
  const args = (field.arguments ?? []).map(
    (a) => `${a.name.value}: ${print(a.type)}${a.defaultValue ? ` = ${print(a.defaultValue)}` : ''}`,
  );
  return `${fieldName}(${args.join(', ')}): ${print(field.type)}`;
}

function isPublic(sdl: string, typeName: string, fieldName: string): boolean {
  const definition = parse(sdl).definitions.find(
    (node): node is ObjectTypeDefinitionNode => node.kind === 'ObjectTypeDefinition' && node.name.value === typeName,
  );
  const field = definition?.fields?.find((f) => f.name.value === fieldName);
  return !!field?.directives?.some((d) => d.name.value === 'tag' && print(d).includes('"public"'));
}

describe(buildCatalogSchema.name, () => {
  let sdl: string;
  beforeAll(async () => {
    sdl = await catalogSdl();
  });

  it('is a Federation 2 subgraph referencing ProviderConnection by id, sharing Money', () => {
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    expect(sdl).toMatch(/type ProviderConnection @key\(fields: "id", resolvable: false\)/);
    expect(sdl).toMatch(/type Money @shareable/);
  });

  it('has the contract names of issue 13', () => {
    expect([
      signatureOf(sdl, 'Query', 'menus'),
      signatureOf(sdl, 'Query', 'menu'),
      signatureOf(sdl, 'Query', 'branchAvailability'),
      signatureOf(sdl, 'Query', 'storeStatus'),
      signatureOf(sdl, 'Query', 'catalogSyncJobs'),
    ]).toEqual([
      'menus(): [Menu!]!',
      'menu(id: ID!): Menu!',
      'branchAvailability(branchId: ID!): [ItemAvailability!]!',
      'storeStatus(branchId: ID!): BranchStoreStatus!',
      'catalogSyncJobs(filter: CatalogSyncJobFilter, first: Int! = 50, after: String): CatalogSyncJobConnection!',
    ]);
    expect([
      signatureOf(sdl, 'Mutation', 'importMenu'),
      signatureOf(sdl, 'Mutation', 'updateMenuItem'),
      signatureOf(sdl, 'Mutation', 'publishMenu'),
      signatureOf(sdl, 'Mutation', 'setItemAvailability'),
      signatureOf(sdl, 'Mutation', 'setStoreStatus'),
      signatureOf(sdl, 'Mutation', 'setBusyMode'),
      signatureOf(sdl, 'Mutation', 'setOpeningHours'),
    ]).toEqual([
      'importMenu(input: ImportMenuInput!): Menu!',
      'updateMenuItem(input: UpdateMenuItemInput!): MenuItem!',
      'publishMenu(menuId: ID!, connectionIds: [ID!]): [CatalogSyncJob!]!',
      'setItemAvailability(input: SetItemAvailabilityInput!): [CatalogSyncJob!]!',
      'setStoreStatus(input: SetStoreStatusInput!): [CatalogSyncJob!]!',
      'setBusyMode(input: SetBusyModeInput!): [CatalogSyncJob!]!',
      'setOpeningHours(input: SetOpeningHoursInput!): [CatalogSyncJob!]!',
    ]);
    expect(fieldsOf(sdl, 'Subscription')).toEqual(['catalogSyncChanged', 'storeStatusChanged']);
    expect(fieldsOf(sdl, 'Menu')).toEqual(expect.arrayContaining(['id', 'name', 'items']));
    expect(fieldsOf(sdl, 'MenuItem')).toEqual(expect.arrayContaining(['id', 'externalPosId', 'name', 'price']));
    expect(fieldsOf(sdl, 'LocalizedText')).toEqual(['en', 'ar']);
    expect(fieldsOf(sdl, 'CatalogSyncJob')).toEqual(
      expect.arrayContaining(['id', 'kind', 'status', 'reason', 'attempts', 'connection']),
    );
    expect(sdl).toMatch(/enum CatalogSyncKind \{[^}]*MENU\s+AVAILABILITY\s+STORE_STATUS\s+BUSY_MODE\s+OPENING_HOURS/);
    expect(sdl).toMatch(/enum CatalogSyncStatus \{[^}]*PENDING\s+APPLIED\s+FAILED/);
  });

  it('puts exactly the partner operations of the issue into the public contract', () => {
    const tagged = (type: string) => fieldsOf(sdl, type).filter((field) => isPublic(sdl, type, field));
    expect(tagged('Query').sort()).toEqual(['catalogSyncJobs', 'menus']);
    expect(tagged('Mutation').sort()).toEqual(['importMenu', 'setItemAvailability', 'setStoreStatus']);
  });
});
