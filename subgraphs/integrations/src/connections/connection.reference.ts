import type { RequestContext } from '@nexara/kit';
import type { ConnectionService, ConnectionView } from './connection.service';

type Batch = { ids: Set<string>; found: Promise<Map<string, ConnectionView>> };

/**
 * How the gateway resolves `ProviderConnection` entities (e.g. `Order.connection`):
 * in the caller's tenant only. One `_entities` call asks for each entity with
 * its own `__resolveReference`, all in the same tick; they are gathered per
 * request and read in one query (an orders page names several connections).
 */
export function connectionReference(connections: ConnectionService) {
  const batches = new WeakMap<RequestContext, Batch>();
  return {
    __resolveReference: async (reference: { id: string }, context: RequestContext): Promise<ConnectionView | null> => {
      let batch = batches.get(context);
      if (!batch) {
        const ids = new Set<string>();
        const found = Promise.resolve().then(() => {
          batches.delete(context);
          return connections.findConnections(context.identity, [...ids]);
        });
        batches.set(context, (batch = { ids, found }));
      }
      batch.ids.add(reference.id);
      return (await batch.found).get(reference.id) ?? null;
    },
  };
}
