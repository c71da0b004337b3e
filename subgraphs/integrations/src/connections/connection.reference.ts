import type { RequestContext } from '@nexara/kit';
import type { ConnectionService, ConnectionView } from './connection.service';

/** How the gateway resolves `ProviderConnection` entities (e.g. `Order.connection`): in the caller's tenant only. */
export function connectionReference(connections: ConnectionService) {
  return {
    __resolveReference: (reference: { id: string }, context: RequestContext): Promise<ConnectionView | null> =>
      connections.findConnection(context.identity, reference.id),
  };
}
