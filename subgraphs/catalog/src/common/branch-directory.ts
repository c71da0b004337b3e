import { serviceGraphQL } from '@nexara/kit';
import { type Provider } from '@nexara/providers/display';

/** A provider connection as the catalog needs it: which store of which provider serves which branch. */
export type BranchConnection = { id: string; provider: Provider; branchId: string; status: string };

/**
 * Which branches a tenant has (the tenants subgraph owns them) and which
 * provider connections serve each branch (the integrations subgraph owns
 * those). The catalog may read neither schema, so it asks the owners over
 * GraphQL as the `catalog` service acting in the tenant, as orders asks
 * tenants for a time zone. Nothing is cached: a connection added a moment ago
 * receives the very next change.
 */
export type BranchDirectory = {
  /** The ids of the tenant's branches. */
  branchIds: (tenantId: string) => Promise<Set<string>>;
  /** The tenant's connections, each with the branch it serves. */
  connections: (tenantId: string) => Promise<BranchConnection[]>;
  /** Each of the tenant's branches' IANA time zone. */
  timeZones: (tenantId: string) => Promise<Map<string, string>>;
};

/** For printing the schema only: nothing is ever asked. */
export const noBranchDirectory: BranchDirectory = {
  branchIds: () => Promise.reject(new Error('no tenants service to ask for branches')),
  connections: () => Promise.reject(new Error('no integrations service to ask for connections')),
  timeZones: () => Promise.reject(new Error('no tenants service to ask for time zones')),
};

const BRANCHES = 'query CatalogBranches { branches { id } }';
const TIME_ZONES = 'query CatalogBranchTimeZones { branches { id timeZone } }';
const CONNECTIONS = 'query CatalogConnections { connections { id provider status branch { id } } }';

export function branchDirectoryFrom(options: {
  tenantsUrl: string;
  integrationsUrl: string;
  internalTokenSecret: string;
  timeoutMs?: number;
}): BranchDirectory {
  const asCatalog = (url: string) =>
    serviceGraphQL({
      url,
      service: 'catalog',
      internalTokenSecret: options.internalTokenSecret,
      timeoutMs: options.timeoutMs ?? 5_000,
    });
  const tenants = asCatalog(options.tenantsUrl);
  const integrations = asCatalog(options.integrationsUrl);
  return {
    branchIds: async (tenantId) => {
      const data = await tenants.data<{ branches: { id: string }[] }>(tenantId, BRANCHES);
      return new Set(data.branches.map((branch) => branch.id));
    },
    connections: async (tenantId) => {
      const data = await integrations.data<{
        connections: { id: string; provider: Provider; status: string; branch: { id: string } }[];
      }>(tenantId, CONNECTIONS);
      return data.connections.map((c) => ({ id: c.id, provider: c.provider, status: c.status, branchId: c.branch.id }));
    },
    timeZones: async (tenantId) => {
      const data = await tenants.data<{ branches: { id: string; timeZone: string }[] }>(tenantId, TIME_ZONES);
      return new Map(data.branches.map((branch) => [branch.id, branch.timeZone]));
    },
  };
}
