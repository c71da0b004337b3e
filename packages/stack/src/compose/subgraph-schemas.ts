import { catalogSdl } from '@nexara/catalog';
import { integrationsSdl } from '@nexara/integrations';
import { ordersSdl } from '@nexara/orders';
import { tenantsSdl } from '@nexara/tenants';

/**
 * The subgraphs composed into the supergraph, with their default URLs
 * (the gateway overrides them from its configuration).
 */
export const SUBGRAPH_SCHEMAS: { name: string; url: string; build: () => Promise<string> }[] = [
  { name: 'tenants', url: 'http://127.0.0.1:4001/graphql', build: tenantsSdl },
  { name: 'orders', url: 'http://127.0.0.1:4002/graphql', build: ordersSdl },
  { name: 'integrations', url: 'http://127.0.0.1:4003/graphql', build: integrationsSdl },
  { name: 'catalog', url: 'http://127.0.0.1:4005/graphql', build: catalogSdl },
];
