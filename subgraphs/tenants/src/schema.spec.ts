import { createDataSource } from '@nexara/kit';
import { parse, printSchema, type ObjectTypeDefinitionNode } from 'graphql';
import { ApiKeyService } from './api-key/api-key.service';
import { AuthService } from './auth/auth.service';
import { BranchService } from './branch/branch.service';
import { tenantsDatabase } from './database';
import { buildTenantsSchema } from './schema';
import { SessionService } from './session/sessions';
import { TenantService } from './tenant/tenant.service';
import { UserService } from './user/user.service';

describe('buildTenantsSchema', () => {
  // Never connected: building the schema touches no database.
  const dataSource = createDataSource({ url: 'postgres://unused@127.0.0.1:1/unused', ...tenantsDatabase });
  const services = {
    tenants: new TenantService(dataSource),
    branches: new BranchService(dataSource),
    users: new UserService(dataSource),
    auth: new AuthService(dataSource, { tokenSecret: 'x'.repeat(32), tokenTtlSeconds: 60 }, () => undefined),
    apiKeys: new ApiKeyService(dataSource),
    sessions: new SessionService(dataSource),
  };

  it('is a Federation 2 subgraph with Tenant, Branch, User and ApiKey as entities', async () => {
    const { sdl, schema } = await buildTenantsSchema(services);
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    for (const type of ['Tenant', 'Branch', 'User', 'ApiKey']) {
      expect(sdl).toMatch(new RegExp(`type ${type} @key\\(fields: "id"\\)`));
    }
    expect(schema.getQueryType()?.getFields()['_entities']).toBeDefined();
  });

  it('exposes the contract operations and never the password hash', async () => {
    const { schema, sdl } = await buildTenantsSchema(services);
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['me', 'tenant', 'tenants', 'branches', 'users', 'apiKeys']),
    );
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining([
        'login',
        'createTenant',
        'createBranch',
        'createUser',
        'disableUser',
        'enableUser',
        'bootstrapPlatform',
        'createApiKey',
        'revokeApiKey',
        'authenticateApiKey',
        'logout',
        'changePassword',
      ]),
    );
    expect(sdl).not.toMatch(/password_?hash|passwordHash|isPlatform|secret_?hash|secretHash|createdBy/i);
  });

  it('maps the API key scope enum onto the kit scope strings', async () => {
    const { schema } = await buildTenantsSchema(services);
    const scopeEnum = schema.getType('ApiKeyScope');
    const values =
      scopeEnum && 'getValues' in scopeEnum ? scopeEnum.getValues().map(({ name, value }) => [name, value]) : [];
    expect(values).toEqual([
      ['ORDERS_READ', 'orders:read'],
      ['ORDERS_WRITE', 'orders:write'],
      ['CONNECTIONS_READ', 'connections:read'],
      ['CATALOG_READ', 'catalog:read'],
      ['CATALOG_WRITE', 'catalog:write'],
    ]);
  });

  it('hides the key and session checks and the key answer type from the client API (@inaccessible)', async () => {
    const { sdl, schema } = await buildTenantsSchema(services);
    const definitions = parse(sdl).definitions.filter(
      (node): node is ObjectTypeDefinitionNode => node.kind === 'ObjectTypeDefinition',
    );
    const inaccessible = (node: { directives?: readonly { name: { value: string } }[] }) =>
      (node.directives ?? []).some((directive) => directive.name.value === 'inaccessible');
    const mutation = definitions.find((node) => node.name.value === 'Mutation');
    expect((mutation?.fields ?? []).filter(inaccessible).map((field) => field.name.value)).toEqual([
      'authenticateApiKey',
    ]);
    const query = definitions.find((node) => node.name.value === 'Query');
    expect((query?.fields ?? []).filter(inaccessible).map((field) => field.name.value)).toEqual(['sessionActive']);
    expect(definitions.filter(inaccessible).map((node) => node.name.value)).toEqual(['ApiKeyIdentity']);
    // Still served by the subgraph itself: the partner gateway calls it directly.
    expect(printSchema(schema)).toContain('authenticateApiKey(secret: String!): ApiKeyIdentity');
  });
});
