import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { DEFAULT_QUERY_LIMITS, checkQueryLimits, checkTokenLimit, measureOperation } from './query-limits';

const schema = buildSchema(`
  type Query {
    orders(first: Int = 50, after: String): OrderConnection!
    unpaged(first: Int): OrderConnection!
    order(id: ID!): Order!
    connections: [Connection!]!
  }
  type OrderConnection { totalCount: Int! edges: [OrderEdge!]! pageInfo: PageInfo! }
  type OrderEdge { cursor: String! node: Order! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Order { id: ID! status: String! items: [Item!]! total: Money! related: Order }
  type Item { name: String! modifiers: [Item!]! unitPrice: Money! }
  type Money { amount: Int! currency: String! }
  type Connection { id: ID! name: String! }
`);

const limits = DEFAULT_QUERY_LIMITS;

/** `order { related { related ... { id } } }`: depth = levels + 2. */
function nested(levels: number): string {
  return `{ order(id: "1") { ${'related { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
}

function aliased(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: order(id: "${i}") { id }`).join(' ')} }`;
}

/** `{ __typename ... }` has count + 2 tokens (the braces). */
function tokens(count: number): string {
  return `{ ${Array(count - 2)
    .fill('__typename')
    .join(' ')} }`;
}

/** Cost: 1 + first * (edges 1 + node (1 + id 1)) = 1 + 3 * first. */
function paged(first: number): string {
  return `{ orders(first: ${first}) { edges { node { id } } } }`;
}

function codeOf(source: string, variables: Record<string, unknown> = {}): string | null {
  const error = checkQueryLimits(schema, parse(source), { variables, limits });
  return error ? String(error.extensions['code']) : null;
}

describe('query limits', () => {
  it.each([
    ['depth at the limit', nested(limits.maxDepth - 2), null],
    ['depth one over', nested(limits.maxDepth - 1), 'QUERY_TOO_DEEP'],
    ['aliases at the limit', aliased(limits.maxAliases), null],
    ['aliases one over', aliased(limits.maxAliases + 1), 'TOO_MANY_ALIASES'],
    ['cost just under', paged(Math.floor((limits.maxCost - 1) / 3)), null],
    ['cost just over', paged(Math.floor((limits.maxCost - 1) / 3) + 1), 'QUERY_TOO_COSTLY'],
  ])('%s', (_name, source, expected) => {
    expect(codeOf(source)).toBe(expected);
  });

  it.each([
    [`tokens at the limit`, tokens(limits.maxTokens), null],
    [`tokens one over`, tokens(limits.maxTokens + 1), 'TOO_MANY_TOKENS'],
  ])('%s', (_name, source, expected) => {
    const error = checkTokenLimit(source, limits.maxTokens);
    expect(error ? error.extensions['code'] : null).toBe(expected);
  });

  it('names the limit in each message and answers 400', () => {
    const cases = [
      [nested(limits.maxDepth - 1), `the limit is ${limits.maxDepth}`],
      [aliased(limits.maxAliases + 1), `the limit is ${limits.maxAliases}`],
      [paged(10_000), `the limit is ${limits.maxCost}`],
    ] as const;
    for (const [source, text] of cases) {
      const error = checkQueryLimits(schema, parse(source), { limits });
      expect(error?.message).toContain(text);
      expect(error?.extensions['limit']).toEqual(expect.any(Number));
      expect(error?.extensions['http']).toEqual({ status: 400 });
    }
    expect(checkTokenLimit(tokens(limits.maxTokens + 1), limits.maxTokens)?.message).toBe(
      `The query has more than ${limits.maxTokens} tokens; the limit is ${limits.maxTokens}.`,
    );
  });

  it.each([
    ['a leaf', '{ connections { id } }', 1 + 10 * 1],
    ['first from the schema default', '{ orders { edges { node { id } } } }', 1 + 50 * 3],
    ['first without a schema default falls back to the default page size', '{ unpaged { totalCount } }', 1 + 50 * 1],
    ['first from a variable', 'query Q($n: Int) { orders(first: $n) { edges { node { id } } } }', 1 + 7 * 3],
    ['a connection edge list is bounded by first', '{ orders(first: 2) { edges { cursor } } }', 1 + 2 * (1 + 1 * 1)],
    [
      'nested lists without first use the estimate',
      '{ order(id: "1") { items { modifiers { name } } } }',
      1 + (1 + 10 * (1 + 10 * 1)),
    ],
    ['__typename is free', '{ connections { __typename id } }', 1 + 10 * 1],
    [
      'fragments count where they are spread',
      '{ a: order(id: "1") { ...F } b: order(id: "2") { ...F } } fragment F on Order { id status }',
      2 * (1 + 2),
    ],
  ])('cost: %s', (_name, source, cost) => {
    expect(measureOperation(schema, parse(source), { variables: { n: 7 }, limits })?.cost).toBe(cost);
  });

  it('accepts the standard introspection query and rejects one that nests lists deeper', () => {
    const standard = measureOperation(
      schema,
      parse(getIntrospectionQuery({ inputValueDeprecation: true, specifiedByUrl: true })),
    );
    expect(standard).toMatchObject({ cost: 0, introspectionListDepth: 3 });
    expect(standard!.depth).toBeLessThanOrEqual(limits.maxDepth);
    expect(codeOf(getIntrospectionQuery())).toBeNull();
    expect(codeOf('{ __schema { types { fields { type { fields { name } } } } } }')).toBeNull();
    expect(codeOf('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }')).toBe(
      'QUERY_TOO_DEEP',
    );
  });

  it('measures fragments spread inside fragments without walking every expansion', () => {
    // Forty fragments, each spreading the next twice: 2^40 expansions if walked naively.
    const fragments = Array.from({ length: 40 }, (_, i) =>
      i === 39
        ? `fragment F${i} on Order { x: id }`
        : `fragment F${i} on Order { ...F${i + 1} related { ...F${i + 1} } }`,
    );
    const started = Date.now();
    const source = `{ order(id: "1") { ...F0 } } ${fragments.join(' ')}`;
    expect(codeOf(source)).toBe('QUERY_TOO_DEEP');
    expect(measureOperation(schema, parse(source))!.aliases).toBe(2 ** 39);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('measures the operation named in the request', () => {
    const document = parse(`query Small { order(id: "1") { id } } query Big ${nested(20)}`);
    expect(checkQueryLimits(schema, document, { operationName: 'Small' })).toBeNull();
    expect(checkQueryLimits(schema, document, { operationName: 'Big' })?.extensions['code']).toBe('QUERY_TOO_DEEP');
  });
});
