import { Kind, parse, type SelectionNode } from 'graphql';

/**
 * Entity fields that change only when their owner announces it: the names
 * the dashboard shows beside every order. A tenant's name and a
 * connection's name and provider change only through a mutation of the
 * owning subgraph, which also announces `connection.changed` on the bus
 * (docs/architecture.md, "Gateway entity cache"). Anything else an
 * `_entities` fetch selects (status, health, secrets...) is fetched every
 * time.
 */
export const CACHEABLE_ENTITY_FIELDS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  tenants: { Tenant: ['__typename', 'id', 'name'] },
  integrations: { ProviderConnection: ['__typename', 'id', 'name', 'provider'] },
};

/** How long an entry is trusted without an event: bounds staleness if the bus dropped one. */
const DEFAULT_TTL_MS = 60_000;
/** Per subgraph and tenant; a dashboard tenant has a handful of connections. */
const MAX_ENTRIES_PER_SCOPE = 1_000;
const MAX_SCOPES = 10_000;

type Entry = { entity: Record<string, unknown>; until: number };
type Scope = { generation: number; entries: Map<string, Entry> };

/** What one `_entities` fetch found in the cache. */
export type EntityLookup = {
  /** The cached entity for each representation, or undefined where the subgraph must be asked. */
  found: (Record<string, unknown> | undefined)[];
  /** Hand this to `store` with the subgraph's answer: a change seen in between makes `store` keep nothing. */
  generation: number;
};

/**
 * Answers of `_entities` fetches whose selection is only cacheable fields
 * (CACHEABLE_ENTITY_FIELDS), per subgraph, tenant and role of the caller:
 * a representation answered once is not fetched again until its tenant's
 * entries of that subgraph are dropped, by a mutation this gateway sends to
 * that subgraph for that tenant (read-your-writes), by the owner's bus event
 * (other gateways), or after `ttlMs`. Only answers without errors are kept.
 *
 * A fetch that started before a drop may answer after it with what it read
 * before the change; each scope's generation (bumped by every drop) makes
 * `store` refuse such an answer.
 */
export class EntityCache {
  private readonly scopes = new Map<string, Scope>();
  private readonly selections = new Map<string, boolean>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** Whether `query`, sent to `subgraph`, is an `_entities` fetch of cacheable fields only (memoised per text). */
  cacheable(subgraph: string, query: string): boolean {
    const key = `${subgraph}\n${query}`;
    let answer = this.selections.get(key);
    if (answer === undefined) {
      answer = selectsOnlyCacheableFields(CACHEABLE_ENTITY_FIELDS[subgraph], query);
      if (this.selections.size >= MAX_SCOPES) this.selections.clear();
      this.selections.set(key, answer);
    }
    return answer;
  }

  /**
   * `query` is the fetch's text: an entry answers only the selection it was
   * fetched with (a fetch of a connection's `name` must not answer one that
   * also wants its `provider`, which the entry lacks).
   */
  lookup(
    subgraph: string,
    tenantId: string,
    partition: string,
    query: string,
    representations: readonly unknown[],
  ): EntityLookup {
    const scope = this.scope(subgraph, tenantId);
    const now = this.now();
    const found = representations.map((representation) => {
      const entry = scope.entries.get(entryKey(partition, query, representation));
      return entry && entry.until > now ? structuredClone(entry.entity) : undefined;
    });
    return { found, generation: scope.generation };
  }

  store(
    subgraph: string,
    tenantId: string,
    partition: string,
    query: string,
    generation: number,
    representations: readonly unknown[],
    entities: readonly unknown[],
  ): void {
    const scope = this.scope(subgraph, tenantId);
    if (scope.generation !== generation || entities.length !== representations.length) return;
    const until = this.now() + this.ttlMs;
    representations.forEach((representation, i) => {
      const entity = entities[i];
      if (entity === null || typeof entity !== 'object') return;
      if (scope.entries.size >= MAX_ENTRIES_PER_SCOPE) scope.entries.clear();
      scope.entries.set(entryKey(partition, query, representation), {
        entity: structuredClone(entity as Record<string, unknown>),
        until,
      });
    });
  }

  /** Forgets `tenantId`'s entries of `subgraph`, and any answer still in flight for them. */
  drop(subgraph: string, tenantId: string): void {
    const scope = this.scopes.get(scopeKey(subgraph, tenantId));
    if (!scope) return;
    scope.generation += 1;
    scope.entries.clear();
  }

  private scope(subgraph: string, tenantId: string): Scope {
    const key = scopeKey(subgraph, tenantId);
    let scope = this.scopes.get(key);
    if (!scope) {
      // Emptied scopes keep their generation; only a cache this large starts over (in-flight fetches then miss their store).
      if (this.scopes.size >= MAX_SCOPES) this.scopes.clear();
      scope = { generation: 0, entries: new Map() };
      this.scopes.set(key, scope);
    }
    return scope;
  }
}

function scopeKey(subgraph: string, tenantId: string): string {
  return `${subgraph}\n${tenantId}`;
}

function entryKey(partition: string, query: string, representation: unknown): string {
  return `${partition}\n${query}\n${JSON.stringify(representation)}`;
}

/**
 * `query($representations:[_Any!]!){_entities(representations:$representations){...on T{a b}}}`
 * where every `T` and field is allowed, with no aliases, arguments, directives or nested selections.
 */
function selectsOnlyCacheableFields(
  allowed: Readonly<Record<string, readonly string[]>> | undefined,
  query: string,
): boolean {
  if (!allowed) return false;
  let document;
  try {
    document = parse(query);
  } catch {
    return false;
  }
  const [operation, ...others] = document.definitions;
  if (others.length > 0 || operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') {
    return false;
  }
  if (operation.directives?.length) return false;
  const [root, ...otherRoots] = operation.selectionSet.selections;
  if (otherRoots.length > 0 || root?.kind !== Kind.FIELD || root.name.value !== '_entities' || root.alias) return false;
  return (root.selectionSet?.selections ?? []).every((selection) => {
    if (selection.kind === Kind.FIELD) return plainField(selection, ['__typename']);
    if (selection.kind !== Kind.INLINE_FRAGMENT || selection.directives?.length) return false;
    const fields = selection.typeCondition ? allowed[selection.typeCondition.name.value] : undefined;
    return fields !== undefined && selection.selectionSet.selections.every((field) => plainField(field, fields));
  });
}

function plainField(selection: SelectionNode, allowed: readonly string[]): boolean {
  return (
    selection.kind === Kind.FIELD &&
    allowed.includes(selection.name.value) &&
    !selection.alias &&
    !selection.arguments?.length &&
    !selection.directives?.length &&
    !selection.selectionSet
  );
}
