import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * What one GraphQL operation may ask of the gateway. Every limit is checked
 * before anything reaches a subgraph; the numbers are the same on `/graphql`
 * and `/partner/graphql`.
 */
export type QueryLimits = {
  /** Nested field levels (`ofType` inside introspection adds no level: it never fans out). */
  maxDepth: number;
  /** Aliased fields in the operation, fragments counted where they are spread. */
  maxAliases: number;
  /** Lexical tokens of the whole document (checked while parsing, so a huge document is never fully parsed). */
  maxTokens: number;
  /** Estimated fields resolved; see `operationCost`. */
  maxCost: number;
  /** The page size assumed for a paginated field whose `first` is not given and has no schema default. */
  defaultPageSize: number;
  /** The length assumed for a list that takes no `first` (an order's items, a tenant's connections). */
  listSizeEstimate: number;
  /** How many list fields (`types`, `fields`, `args`...) introspection may nest: the standard query needs 3. */
  maxIntrospectionListDepth: number;
};

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 2000,
  maxCost: 20_000,
  defaultPageSize: 50,
  listSizeEstimate: 10,
  maxIntrospectionListDepth: 3,
};

/** The codes a client sees when a limit rejects its operation (HTTP 400). */
export const QUERY_LIMIT_CODES = ['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_TOKENS', 'QUERY_TOO_COSTLY'] as const;
export type QueryLimitCode = (typeof QUERY_LIMIT_CODES)[number];

export type OperationMeasures = { depth: number; aliases: number; cost: number; introspectionListDepth: number };

type Variables = Readonly<Record<string, unknown>>;

function limitError(code: QueryLimitCode, message: string, limit: number, actual?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, limit, ...(actual === undefined ? {} : { actual }), http: { status: 400 } },
  });
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);
/** Introspection list fields: each can fan out over the whole schema. */
const INTROSPECTION_LISTS = new Set([
  'types',
  'fields',
  'args',
  'inputFields',
  'interfaces',
  'possibleTypes',
  'enumValues',
  'directives',
]);

type Measure = OperationMeasures;
const ZERO: Measure = { depth: 0, aliases: 0, cost: 0, introspectionListDepth: 0 };

function combine(a: Measure, b: Measure): Measure {
  return {
    depth: Math.max(a.depth, b.depth),
    aliases: a.aliases + b.aliases,
    cost: a.cost + b.cost,
    introspectionListDepth: Math.max(a.introspectionListDepth, b.introspectionListDepth),
  };
}

/**
 * Depth, aliases, cost and introspection nesting of one operation, in one
 * walk. Fragments are measured once per (fragment, position) and reused
 * wherever they are spread, so a document that spreads fragments inside
 * fragments cannot make the walk itself expensive.
 *
 * Cost: every field costs 1 (`__typename` and introspection cost 0: the
 * gateway answers them without a subgraph) plus its selection's cost times
 * a multiplier: a field with a `first` argument multiplies by `first`
 * (a variable's value, else the schema default, else `defaultPageSize`);
 * a list directly inside such a field (a connection's `edges`) by 1, as
 * `first` already bounds it; any other list by `listSizeEstimate`.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  options: { operationName?: string | null; variables?: Variables | null; limits?: QueryLimits } = {},
): OperationMeasures | null {
  const limits = options.limits ?? DEFAULT_QUERY_LIMITS;
  const variables = options.variables ?? {};
  const operation = findOperation(document, options.operationName);
  if (!operation) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const memo = new Map<string, Measure>();
  const visiting = new Set<string>();

  type Position = { inConnection: boolean; introspection: boolean };

  const measureSelections = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
    at: Position,
  ): Measure => {
    let total = ZERO;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total = combine(total, measureField(selection, parent, at));
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total = combine(
          total,
          measureSelections(selection.selectionSet, isCompositeType(condition) ? condition : parent, at),
        );
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) continue; // validation reports unknown fragments
        const key = `${fragment.name.value}|${at.inConnection}|${at.introspection}`;
        let measured = memo.get(key);
        if (!measured) {
          if (visiting.has(key)) continue; // a cycle: validation rejects it, never loop on it here
          visiting.add(key);
          const condition = schema.getType(fragment.typeCondition.name.value);
          measured = measureSelections(fragment.selectionSet, isCompositeType(condition) ? condition : parent, at);
          visiting.delete(key);
          memo.set(key, measured);
        }
        total = combine(total, measured);
      }
    }
    return total;
  };

  const measureField = (node: FieldNode, parent: GraphQLCompositeType | undefined, at: Position): Measure => {
    const name = node.name.value;
    const definition = parent && 'getFields' in parent ? parent.getFields()[name] : undefined;
    const introspection = at.introspection || INTROSPECTION_ROOTS.has(name);
    const aliases = node.alias ? 1 : 0;
    const ownDepth = introspection && name === 'ofType' ? 0 : 1;
    const listHere = introspection && INTROSPECTION_LISTS.has(name) ? 1 : 0;
    const free = introspection || name === '__typename';
    if (!node.selectionSet) {
      return { depth: ownDepth, aliases, cost: free ? 0 : 1, introspectionListDepth: listHere };
    }
    const returnType = INTROSPECTION_ROOTS.has(name)
      ? schema.getType(name === '__schema' ? '__Schema' : '__Type')
      : definition && getNamedType(definition.type);
    const first = definition?.args.find((argument) => argument.name === 'first');
    const child = measureSelections(node.selectionSet, isCompositeType(returnType) ? returnType : undefined, {
      inConnection: Boolean(first),
      introspection,
    });
    let multiplier = 1;
    if (first) multiplier = pageSize(node, first.defaultValue, variables, limits.defaultPageSize);
    else if (definition && isListType(getNullableType(definition.type)))
      multiplier = at.inConnection ? 1 : limits.listSizeEstimate;
    return {
      depth: ownDepth + child.depth,
      aliases: aliases + child.aliases,
      cost: free ? 0 : 1 + multiplier * child.cost,
      introspectionListDepth: listHere + child.introspectionListDepth,
    };
  };

  const root = schema.getRootType(operation.operation) ?? undefined;
  return measureSelections(operation.selectionSet, root, { inConnection: false, introspection: false });
}

/**
 * The first limit the operation breaks, as the error the client gets, or
 * null when it is within every limit (including when the operation cannot
 * be found: execution reports that itself).
 */
export function checkQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  options: { operationName?: string | null; variables?: Variables | null; limits?: QueryLimits } = {},
): GraphQLError | null {
  const limits = options.limits ?? DEFAULT_QUERY_LIMITS;
  const measures = measureOperation(schema, document, { ...options, limits });
  if (!measures) return null;
  if (measures.depth > limits.maxDepth) {
    return limitError(
      'QUERY_TOO_DEEP',
      `The query nests fields ${measures.depth} levels deep; the limit is ${limits.maxDepth}.`,
      limits.maxDepth,
      measures.depth,
    );
  }
  if (measures.introspectionListDepth > limits.maxIntrospectionListDepth) {
    return limitError(
      'QUERY_TOO_DEEP',
      `The introspection query nests list fields ${measures.introspectionListDepth} levels deep; the limit is ${limits.maxIntrospectionListDepth}.`,
      limits.maxIntrospectionListDepth,
      measures.introspectionListDepth,
    );
  }
  if (measures.aliases > limits.maxAliases) {
    return limitError(
      'TOO_MANY_ALIASES',
      `The query uses ${measures.aliases} aliases; the limit is ${limits.maxAliases}.`,
      limits.maxAliases,
      measures.aliases,
    );
  }
  if (measures.cost > limits.maxCost) {
    return limitError(
      'QUERY_TOO_COSTLY',
      `The query's estimated cost is ${measures.cost}; the limit is ${limits.maxCost}. Ask for smaller pages (\`first\`) or fewer nested lists.`,
      limits.maxCost,
      measures.cost,
    );
  }
  return null;
}

/** The error for a document over the token limit. graphql-js stops lexing at the limit, so the count is "more than". */
export function tooManyTokensError(maxTokens: number): GraphQLError {
  return limitError(
    'TOO_MANY_TOKENS',
    `The query has more than ${maxTokens} tokens; the limit is ${maxTokens}.`,
    maxTokens,
  );
}

/** The parser's own wording when `maxTokens` stops it (graphql-js 16 spells it "more that"). */
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] \d+ tokens/;

export function isTokenLimitMessage(message: string): boolean {
  return TOKEN_LIMIT_MESSAGE.test(message);
}

/**
 * The token check as a pure function: parses with the same `maxTokens`
 * Apollo Server is given, and returns the client's error when the parser
 * stopped at the limit (other syntax errors are not this check's business).
 */
export function checkTokenLimit(source: string, maxTokens = DEFAULT_QUERY_LIMITS.maxTokens): GraphQLError | null {
  try {
    parse(source, { maxTokens });
    return null;
  } catch (error) {
    if (error instanceof GraphQLError && isTokenLimitMessage(error.message)) return tooManyTokensError(maxTokens);
    return null;
  }
}

function findOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((operation) => operation.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

function pageSize(node: FieldNode, schemaDefault: unknown, variables: Variables, fallback: number): number {
  const argument = node.arguments?.find((a) => a.name.value === 'first');
  let value: unknown = schemaDefault;
  if (argument) {
    if (argument.value.kind === Kind.INT) value = Number(argument.value.value);
    else if (argument.value.kind === Kind.VARIABLE) value = variables[argument.value.name.value] ?? schemaDefault;
    else value = undefined;
  }
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}
