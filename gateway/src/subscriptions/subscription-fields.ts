import {
  Kind,
  parse,
  print,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { BUS_EVENTS, type BusEventKind } from '@nexara/contracts';
import type { BusEvent } from '@nexara/kit';

/**
 * How a subscription field is served: which bus events concern it, and the
 * query that re-reads the changed thing with the client's own selection
 * (run through the supergraph under the subscriber's credentials, so the
 * payload is federated and tenant-checked like any query).
 */
export type SubscriptionField = {
  eventKinds: readonly BusEventKind[];
  /** The query field that reads one event's subject, e.g. `order(id: $__nexaraId)`. */
  queryField: string;
  /**
   * The subject is the subscriber's tenant as a whole (e.g. its totals), not
   * the thing the event's id names: `queryField` takes no id, so the re-read
   * declares no `$__nexaraId` (GraphQL refuses unused variables).
   */
  tenantWide?: true;
  /**
   * Events name the version of the subject they announce, and `queryField`
   * reads that version (`$__nexaraVersion`): each subscriber gets every
   * version once, in order (see `VersionTracker`).
   */
  versioned?: true;
  /**
   * The list query field that reads many events' subjects at once (by
   * `$__nexaraRefs`, answering each at its place, null where there is none),
   * the refs' type, and each event's ref: a moment's events are re-read by
   * one query (see `createReReadBatcher`). Used where the endpoint's schema
   * has the field.
   */
  batch?: {
    queryField: string;
    rootField: string;
    refsType: string;
    ref: (id: string, version: number | null) => unknown | undefined;
  };
  /** Hidden fields read alongside the client's selection, for filtering. */
  filterSelection: string;
  matches: (hidden: Record<string, unknown>, args: Record<string, unknown>) => boolean;
};

type OrderChangedFilter = {
  status?: string[] | string | null;
  provider?: string[] | string | null;
  connectionId?: string | null;
};

const asList = (value: string[] | string | null | undefined): string[] | null =>
  value == null ? null : Array.isArray(value) ? value : [value];

export const SUBSCRIPTION_FIELDS: Record<string, SubscriptionField> = {
  orderChanged: {
    eventKinds: [BUS_EVENTS.orderChanged],
    queryField: 'order(id: $__nexaraId, version: $__nexaraVersion)',
    versioned: true,
    batch: {
      queryField: 'orderVersions(refs: $__nexaraRefs)',
      rootField: 'orderVersions',
      refsType: '[OrderVersionRefInput!]!',
      // An announcement without a version (from before versions) is read alone, as the latest state.
      ref: (id, version) => (version === null ? undefined : { id, version }),
    },
    filterSelection: '__nexaraStatus: status __nexaraProvider: provider __nexaraConnection: connection { id }',
    matches: (hidden, args) => {
      const filter = (args['filter'] ?? {}) as OrderChangedFilter;
      const statuses = asList(filter.status);
      const providers = asList(filter.provider);
      if (statuses?.length && !statuses.includes(String(hidden['__nexaraStatus']))) return false;
      if (providers?.length && !providers.includes(String(hidden['__nexaraProvider']))) return false;
      const connection = hidden['__nexaraConnection'] as { id?: string } | null;
      if (filter.connectionId && connection?.id !== filter.connectionId) return false;
      return true;
    },
  },
  // Health re-reads the connection's numbers (coalesced to one event per connection per second by integrations).
  integrationHealthChanged: {
    eventKinds: [BUS_EVENTS.connectionHealth],
    queryField: 'connectionHealth(connectionId: $__nexaraId)',
    filterSelection: '__nexaraType: __typename',
    matches: () => true,
  },
  alertRaised: {
    eventKinds: [BUS_EVENTS.alertRaised],
    queryField: 'alert(id: $__nexaraId)',
    filterSelection: '__nexaraType: __typename',
    matches: () => true,
  },
  // Catalog: a sync job re-read by its id; a branch's status re-read by the branch id the event names.
  catalogSyncChanged: {
    eventKinds: [BUS_EVENTS.catalogSyncChanged],
    queryField: 'catalogSyncJob(id: $__nexaraId)',
    filterSelection: '__nexaraBranch: branchId',
    matches: (hidden, args) => !args['branchId'] || hidden['__nexaraBranch'] === args['branchId'],
  },
  storeStatusChanged: {
    eventKinds: [BUS_EVENTS.storeStatusChanged],
    queryField: 'storeStatus(branchId: $__nexaraId)',
    filterSelection: '__nexaraBranch: branchId',
    matches: (hidden, args) => !args['branchId'] || hidden['__nexaraBranch'] === args['branchId'],
  },
  metricsChanged: {
    // The orders subgraph coalesces these: at most about one per tenant per second.
    eventKinds: [BUS_EVENTS.metricsChanged],
    queryField: 'todayMetrics',
    tenantWide: true,
    filterSelection: '',
    matches: () => true,
  },
};

export type PreparedSubscription = {
  responseKey: string;
  field: SubscriptionField;
  /** The re-read query: the client's selection plus the hidden filter fields, with the client's fragments and variables. */
  query: string;
  /** The same selection over `field.batch`'s list field, for many subjects at once; absent without `field.batch`. */
  batchQuery?: string;
};

/** Turns a subscription operation into its re-read query, or explains why it cannot be served. */
export function prepareSubscription(
  document: DocumentNode,
  operationName?: string | null,
): PreparedSubscription | string {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation || operation.operation !== 'subscription') return 'Not a subscription operation.';
  const [root, ...more] = operation.selectionSet.selections;
  if (!root || more.length || root.kind !== Kind.FIELD) return 'A subscription selects exactly one root field.';
  const field = SUBSCRIPTION_FIELDS[root.name.value];
  if (!field) return `Subscription field "${root.name.value}" is not served.`;

  const hidden = field.filterSelection
    ? (parse(`{ ${field.filterSelection} }`).definitions[0] as OperationDefinitionNode).selectionSet.selections
    : [];
  const selections: SelectionNode[] = [...hidden, ...(root.selectionSet?.selections ?? [])];
  const fragments = document.definitions
    .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
    .map((d) => print(d))
    .join('\n');
  const selection = print({ kind: Kind.SELECTION_SET, selections });
  // Only the client's variables the re-read uses (the root field's arguments are not part of it).
  const used = (operation.variableDefinitions ?? []).filter((definition) =>
    new RegExp(`\\$${definition.variable.name.value}\\b`).test(selection + fragments),
  );
  const clientVariables = used.map((definition) => print(definition));
  const variables = [
    ...(field.tenantWide ? [] : ['$__nexaraId: ID!']),
    ...(field.versioned ? ['$__nexaraVersion: Int'] : []),
    ...clientVariables,
  ].join(', ');
  const batchVariables = field.batch ? [`$__nexaraRefs: ${field.batch.refsType}`, ...clientVariables].join(', ') : '';
  return {
    responseKey: (root as FieldNode).alias?.value ?? root.name.value,
    field,
    query: `query NexaraSubscriptionEvent${variables ? `(${variables})` : ''} { __nexaraSubject: ${field.queryField} ${selection} }\n${fragments}`,
    ...(field.batch
      ? {
          batchQuery: `query NexaraSubscriptionEvents(${batchVariables}) { __nexaraSubjects: ${field.batch.queryField} ${selection} }\n${fragments}`,
        }
      : {}),
  };
}

/** Splits a re-read result into the hidden filter values and the client's payload. */
export function splitHidden(subject: Record<string, unknown>): {
  hidden: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const hidden: Record<string, unknown> = {};
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(subject)) (key.startsWith('__nexara') ? hidden : payload)[key] = value;
  return { hidden, payload };
}

export function eventConcerns(field: SubscriptionField, event: BusEvent): boolean {
  return (field.eventKinds as readonly string[]).includes(event.kind);
}
