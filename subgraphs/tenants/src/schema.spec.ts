import { createDataSource } from '@nexara/kit';
import { AuthService } from './auth/auth.service';
import { BranchService } from './branch/branch.service';
import { tenantsDatabase } from './database';
import { buildTenantsSchema } from './schema';
import { TenantService } from './tenant/tenant.service';
import { UserService } from './user/user.service';

describe('buildTenantsSchema', () => {
  // Never connected: building the schema touches no database.
  const dataSource = createDataSource({ url: 'postgres://unused@127.0.0.1:1/unused', ...tenantsDatabase });
  const services = {
    tenants: new TenantService(dataSource),
    branches: new BranchService(dataSource),
    users: new UserService(dataSource),
    auth: new AuthService(dataSource, { tokenSecret: 'x'.repeat(32), tokenTtlSeconds: 60 }),
  };

  it('is a Federation 2 subgraph with Tenant, Branch and User as entities', async () => {
    const { sdl, schema } = await buildTenantsSchema(services);
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    for (const type of ['Tenant', 'Branch', 'User']) {
      expect(sdl).toMatch(new RegExp(`type ${type} @key\\(fields: "id"\\)`));
    }
    expect(schema.getQueryType()?.getFields()['_entities']).toBeDefined();
  });

  it('exposes the contract operations and never the password hash', async () => {
    const { schema, sdl } = await buildTenantsSchema(services);
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['me', 'tenant', 'tenants', 'branches', 'users']),
    );
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['login', 'createTenant', 'createBranch', 'createUser', 'disableUser', 'enableUser', 'bootstrapPlatform']),
    );
    expect(sdl).not.toMatch(/password_?hash|passwordHash|isPlatform/i);
  });
});
