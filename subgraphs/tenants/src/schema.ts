import { buildFederatedSchema, type RequestContext } from '@nexara/kit';
import type { GraphQLSchema } from 'graphql';
import { ApiKeyResolver } from './api-key/api-key.resolver';
import type { ApiKeyService } from './api-key/api-key.service';
import { AuthResolver } from './auth/auth.resolver';
import type { AuthService } from './auth/auth.service';
import { BranchResolver } from './branch/branch.resolver';
import type { BranchService } from './branch/branch.service';
import type { SessionService } from './session/sessions';
import { BranchTenantResolver, UserTenantResolver } from './tenant/tenant-owner.resolver';
import { TenantResolver } from './tenant/tenant.resolver';
import type { TenantService } from './tenant/tenant.service';
import { UserResolver } from './user/user.resolver';
import type { UserService } from './user/user.service';

export type TenantsServices = {
  tenants: TenantService;
  branches: BranchService;
  users: UserService;
  auth: AuthService;
  apiKeys: ApiKeyService;
  sessions: SessionService;
};

type Reference = { id: string };

/** The tenants subgraph schema (Federation 2) and its SDL, from the type-graphql resolvers. */
export async function buildTenantsSchema(services: TenantsServices): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const instances = new Map<Function, object>([
    [TenantResolver, new TenantResolver(services.tenants)],
    [BranchResolver, new BranchResolver(services.branches)],
    [BranchTenantResolver, new BranchTenantResolver(services.tenants)],
    [UserResolver, new UserResolver(services.users)],
    [UserTenantResolver, new UserTenantResolver(services.tenants)],
    [AuthResolver, new AuthResolver(services.auth, services.sessions)],
    [ApiKeyResolver, new ApiKeyResolver(services.apiKeys)],
  ]);
  return buildFederatedSchema(
    {
      resolvers: [
        TenantResolver,
        BranchResolver,
        BranchTenantResolver,
        UserResolver,
        UserTenantResolver,
        AuthResolver,
        ApiKeyResolver,
      ],
      container: { get: (resolverClass: Function) => instances.get(resolverClass) },
    },
    {
      // Each reference resolves in the caller's tenant only: another tenant's id gives null.
      Tenant: {
        __resolveReference: (reference: Reference, context: RequestContext) =>
          services.tenants.findVisibleTenant(context.identity, reference.id),
      },
      Branch: {
        __resolveReference: (reference: Reference, context: RequestContext) =>
          services.branches.findVisibleBranch(context.identity, reference.id),
      },
      User: {
        __resolveReference: (reference: Reference, context: RequestContext) =>
          services.users.findVisibleUser(context.identity, reference.id),
      },
      ApiKey: {
        __resolveReference: (reference: Reference, context: RequestContext) =>
          services.apiKeys.findVisibleApiKey(context.identity, reference.id),
      },
    },
  );
}

/** The subgraph SDL alone (composition, checks): resolvers are never called, so no services are needed. */
export async function tenantsSdl(): Promise<string> {
  const unused = {} as TenantsServices;
  return (await buildTenantsSchema(unused)).sdl;
}
