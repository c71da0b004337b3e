import type { RemoteGraphQLDataSource } from '@apollo/gateway';

/** What a subgraph fetch answers (`@apollo/server-gateway-interface`'s SubgraphResponse). */
export type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * Apollo Gateway sends one `_entities` representation per place an entity
 * appears: 25 orders of one tenant ask the tenants subgraph for the same
 * tenant 25 times, and each copy is resolved (a database read) on the other
 * side. These helpers send each distinct representation once and hand every
 * place its copy of the answer, errors included.
 */
export type DedupedRepresentations = {
  unique: unknown[];
  /** For each original position, its position in `unique`. */
  positions: number[];
};

export function dedupeRepresentations(representations: readonly unknown[]): DedupedRepresentations {
  const byKey = new Map<string, number>();
  const unique: unknown[] = [];
  const positions = representations.map((representation) => {
    // The gateway builds every representation of a fetch with the same selection, so keys come in the same order.
    const key = JSON.stringify(representation);
    let position = byKey.get(key);
    if (position === undefined) {
      position = unique.push(representation) - 1;
      byKey.set(key, position);
    }
    return position;
  });
  return { unique, positions };
}

/**
 * The subgraph's answer to the unique representations, as if every original
 * had been sent: entities repeated (copies, since the gateway merges later
 * fetches into them), and each `_entities.<i>` error repeated at every
 * original position it stands for.
 */
export function expandEntities(response: SubgraphResponse, positions: readonly number[]): SubgraphResponse {
  const entities = response.data?.['_entities'];
  if (!Array.isArray(entities) || entities.length !== Math.max(-1, ...positions) + 1) return response;
  const handedOut = new Set<number>();
  const expanded = positions.map((position) => {
    const entity: unknown = entities[position];
    if (!handedOut.has(position)) {
      handedOut.add(position);
      return entity;
    }
    return entity === null || typeof entity !== 'object' ? entity : structuredClone(entity);
  });
  const errors = response.errors?.flatMap((error) => {
    const [root, position, ...rest] = error.path ?? [];
    if (root !== '_entities' || typeof position !== 'number') return [error];
    return positions.flatMap((p, original) =>
      p === position ? [{ ...error, path: ['_entities', original, ...rest] }] : [],
    );
  });
  return { ...response, data: { ...response.data, _entities: expanded }, ...(errors ? { errors } : {}) };
}
