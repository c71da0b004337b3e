import { buildFederatedSchema } from '@nexara/kit';
import type { GraphQLSchema } from 'graphql';
import { connectionReference } from './connections/connection.reference';
import { ConnectionResolver } from './connections/connection.resolver';
import type { ConnectionService } from './connections/connection.service';

/** The services the schema's resolvers delegate to. */
export type IntegrationsServices = { connections: ConnectionService };

export async function buildIntegrationsSchema(services: IntegrationsServices): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const instances = new Map<Function, object>([[ConnectionResolver, new ConnectionResolver(services.connections)]]);
  return buildFederatedSchema(
    {
      resolvers: [ConnectionResolver],
      container: { get: (resolverClass: Function) => instances.get(resolverClass) },
    },
    { ProviderConnection: connectionReference(services.connections) },
  );
}

/** The subgraph SDL alone (composition, checks): resolvers are never called, so no services are needed. */
export async function integrationsSdl(): Promise<string> {
  const unused = {} as ConnectionService;
  return (await buildIntegrationsSchema({ connections: unused })).sdl;
}
