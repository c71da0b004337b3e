import { PROVIDER_DEFINITIONS } from '@nexara/providers';
import fc from 'fast-check';

/**
 * fast-check arbitraries for fuzzing what providers send: a valid payload
 * changed by a short plan of mutations (fields dropped or replaced by hostile
 * values, deep nesting, huge arrays, truncated or corrupted bytes), and
 * header sets changed the same way. Plans, not bytes, are generated, so a
 * failing case prints as a few readable steps and shrinks to the fewest.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * fast-check settings for a fuzz property: `FUZZ_RUNS` runs when set (to
 * fuzz longer), otherwise the suite's bounded default; `FUZZ_SEED` (and
 * `FUZZ_PATH`) replay the failure fast-check printed. Without a seed each
 * run draws a new one, and a failure prints it.
 */
export function fuzzParameters(defaultRuns: number): { numRuns: number; seed?: number; path?: string } {
  const runs = Number(process.env['FUZZ_RUNS']);
  const seed = Number(process.env['FUZZ_SEED']);
  const path = process.env['FUZZ_PATH'];
  return {
    numRuns: Number.isSafeInteger(runs) && runs > 0 ? runs : defaultRuns,
    ...(process.env['FUZZ_SEED'] && Number.isSafeInteger(seed) ? { seed } : {}),
    ...(path ? { path } : {}),
  };
}

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1e308,
    -1e308,
    2 ** 31,
    -(2 ** 31) - 1,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER,
    1e21,
    1e-7,
    5e-324,
    0.1,
    123.456789,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** The largest amounts that still fit (2 and 3 decimals): harmless alone, past the limit once two are added. */
const hugeAmount: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  '90071992547409.91',
  '9007199254740.991',
  '9007199254740991',
  90071992547409.9,
);

/** Text that a decimal-amount reader must refuse or read exactly. */
const hostileDecimalText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'NaN',
    '-NaN',
    'Infinity',
    '-Infinity',
    '-1',
    '-0',
    '-0.00',
    '1e5',
    '1E-3',
    '0x1F',
    '1,50',
    '1.2.3',
    ' 12.5 ',
    '+5',
    '.5',
    '5.',
    '١٢٫٥',
    '１２',
    '9'.repeat(30),
    `-${'9'.repeat(25)}.99`,
    '12.3456789',
    '00012.50',
  ),
  fc.stringMatching(/^-?\d{0,24}(\.\d{0,9})?$/),
);

/** Unicode a text field may carry: any grapheme, lone surrogates, control and direction characters, NUL, very long. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\u202eevil',
    '\ufeff',
    '\u0085\u2028',
    '😀'.repeat(50),
    'null',
    '__proto__',
    'constructor',
    '<script>alert(1)</script>',
    "'; drop table orders; --",
    '%s%n%x',
    '../../etc/passwd',
  ),
);

const hostileDateText: fc.Arbitrary<string> = fc.constantFrom(
  '2025-13-45T99:99:99Z',
  'not a date',
  '2025-03-14T19:15:42',
  '2025-03-14',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00Z',
  '9999-12-31T23:59:59.999999999+14:00',
  '0000-01-01T00:00:00Z',
  '2025-02-30T10:00:00Z',
  '2025-03-14T19:15:42+99:99',
  '1741961742',
);

/** Any JSON value a careless reader would trip on. */
export const hostileJson: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, [], {}, [null], { '': null }),
  hugeAmount,
  hostileNumber,
  hostileDecimalText,
  hostileText,
  hostileDateText,
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** One change to a parsed document. `at` picks a node (pre-order, modulo the node count), so every plan applies. */
export type JsonMutation =
  | { kind: 'drop'; at: number }
  | { kind: 'replace'; at: number; value: Json }
  /** Every leaf equal to the one `at` picks replaced too: correlated fields (all the zero amounts, every price of 2.5). */
  | { kind: 'replaceAll'; at: number; value: Json }
  | { kind: 'add'; at: number; key: string; value: Json }
  /** An array of objects whose first element holds a copy of itself `depth` times (modifiers of modifiers of ...). */
  | { kind: 'nest'; at: number; depth: number }
  /** An array's elements repeated up to `length` (huge baskets). */
  | { kind: 'grow'; at: number; length: number }
  /** The node replaced by arrays (or objects) nested `depth` deep: what a recursive reader or writer must survive. */
  | { kind: 'deepen'; at: number; depth: number; asObject: boolean }
  /** The node replaced by a string of `length` copies of `char`. */
  | { kind: 'lengthen'; at: number; length: number; char: string };

/** One change to the serialized bytes, after the document changes. */
export type ByteMutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'overwrite'; at: number; bytes: number[] }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'bom' };

/** How to turn a valid payload into a fuzzed body: document changes, then byte changes, or random bytes instead. */
export type BodyPlan =
  { kind: 'mutated'; json: JsonMutation[]; bytes: ByteMutation[] } | { kind: 'random'; bytes: number[] };

const node = fc.nat();

const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('drop' as const), at: node }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: node, value: hostileJson }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replaceAll' as const), at: node, value: hostileJson }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      at: node,
      key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString')),
      value: hostileJson,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('nest' as const),
      at: node,
      depth: fc.oneof(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 200, max: 8_000 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('grow' as const), at: node, length: fc.integer({ min: 2, max: 2_000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deepen' as const),
      at: node,
      depth: fc.oneof(fc.integer({ min: 2, max: 20 }), fc.integer({ min: 500, max: 20_000 })),
      asObject: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('lengthen' as const),
      at: node,
      length: fc.integer({ min: 0, max: 20_000 }),
      char: fc.constantFrom('x', ' ', '9', 'é', '😀', '\u0000'),
    }),
  },
);

/** Invalid UTF-8 (lone continuation, overlong, encoded surrogate, 0xFF) and a few structural characters. */
const nastyBytes: fc.Arbitrary<number[]> = fc.oneof(
  fc.constantFrom<number[]>(
    [0x80],
    [0xc0, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xff],
    [0xc3, 0x28],
    [0x00],
    [0x22],
    [0x7b],
    [0x5d],
    [0x2c],
  ),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
);

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: node }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('overwrite' as const), at: node, bytes: nastyBytes }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: node, bytes: nastyBytes }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
);

/**
 * Plans that mostly keep the body JSON (so it gets past the JSON checks and
 * reaches the provider's reader) and sometimes break the bytes or replace them.
 */
export const bodyPlan: fc.Arbitrary<BodyPlan> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('mutated' as const),
      json: fc.array(jsonMutation, { minLength: 1, maxLength: 4 }),
      bytes: fc.constant<ByteMutation[]>([]),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('mutated' as const),
      json: fc.array(jsonMutation, { maxLength: 2 }),
      bytes: fc.array(byteMutation, { minLength: 1, maxLength: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('random' as const),
      bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 300 }),
    }),
  },
);

type Container = Json[] | { [key: string]: Json };

/** A node of the document and where it hangs (no parent for the root). */
type Located = { value: Json; parent: Container | null; key: string | number | null };

function isContainer(value: Json): value is Container {
  return value !== null && typeof value === 'object';
}

/** Pre-order walk without recursion: documents may be thousands of levels deep. */
function* nodesOf(root: Json): Generator<Located> {
  const stack: Located[] = [{ value: root, parent: null, key: null }];
  while (stack.length > 0) {
    const current = stack.pop()!;
    yield current;
    const { value } = current;
    if (!isContainer(value)) continue;
    const entries: [string | number, Json][] = Array.isArray(value)
      ? value.map((child, index) => [index, child])
      : Object.entries(value);
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, child] = entries[index]!;
      stack.push({ value: child, parent: value, key });
    }
  }
}

/**
 * Fewest nodes a plan step looks at: grown arrays share their elements, so a
 * document can have millions of nodes; a step picks among the first ones.
 */
const MAX_NODES_WALKED = 50_000;

/** The document's first MAX_NODES_WALKED nodes, pre-order. */
function walkedNodes(root: Json): Located[] {
  const nodes: Located[] = [];
  for (const located of nodesOf(root)) if (nodes.push(located) === MAX_NODES_WALKED) break;
  return nodes;
}

/** The node `at` picks: its index modulo the number of nodes walked. */
function nodeAt(root: Json, at: number): Located {
  const nodes = walkedNodes(root);
  return nodes[at % nodes.length]!;
}

function setChild(parent: Container, key: string | number, value: Json): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  // defineProperty: a key such as "__proto__" becomes an own field, as JSON.parse would make it.
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

function replaced(root: Json, parent: Container | null, key: string | number | null, value: Json): Json {
  if (parent === null || key === null) return value;
  setChild(parent, key, value);
  return root;
}

/** Applies one mutation in place; returns the (possibly new) root. */
function mutate(root: Json, mutation: JsonMutation): Json {
  const { value: target, parent, key } = nodeAt(root, mutation.at);

  switch (mutation.kind) {
    case 'drop':
      if (parent === null || key === null) return root;
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return root;
    case 'replace':
      return replaced(root, parent, key, mutation.value);
    case 'replaceAll': {
      if (isContainer(target)) return replaced(root, parent, key, mutation.value);
      const same = walkedNodes(root).filter((located) => located.parent !== null && located.value === target);
      for (const located of same) setChild(located.parent!, located.key!, mutation.value);
      return parent === null ? mutation.value : root;
    }
    case 'deepen': {
      let value: Json = 1;
      for (let level = 0; level < mutation.depth; level += 1) value = mutation.asObject ? { a: value } : [value];
      return replaced(root, parent, key, value);
    }
    case 'lengthen':
      return replaced(root, parent, key, mutation.char.repeat(mutation.length));
    case 'add':
      if (isContainer(target)) setChild(target, Array.isArray(target) ? target.length : mutation.key, mutation.value);
      return root;
    case 'nest': {
      const first = Array.isArray(target) ? target[0] : undefined;
      if (!Array.isArray(target) || first === undefined || !isContainer(first) || Array.isArray(first)) return root;
      // Recurse through the element's own array field when it has one (modifiers, children), else the array's own key.
      const own = Object.keys(first).find((field) => Array.isArray(first[field]));
      const field = own ?? (typeof key === 'string' ? key : 'items');
      let nested: Json = first;
      for (let level = 0; level < mutation.depth; level += 1) nested = { ...first, [field]: [nested] };
      target[0] = nested;
      return root;
    }
    case 'grow': {
      if (!Array.isArray(target) || target.length === 0) return root;
      const original = [...target];
      while (target.length < mutation.length) target.push(original[target.length % original.length]!);
      return root;
    }
  }
}

function mutateBytes(bytes: Buffer, mutation: ByteMutation): Buffer {
  const at = bytes.length === 0 ? 0 : (mutation.kind === 'bom' ? 0 : mutation.at) % bytes.length;
  switch (mutation.kind) {
    case 'truncate':
      return bytes.subarray(0, at);
    case 'overwrite': {
      const copy = Buffer.from(bytes);
      Buffer.from(mutation.bytes).copy(copy, at);
      return copy;
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(mutation.bytes), bytes.subarray(at)]);
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  }
}

/** Longest text a plan renders (grown arrays of deep elements would make gigabytes); the rest is cut off. */
const MAX_TEXT_LENGTH = 2 * 1024 * 1024;

/**
 * JSON text of any depth (JSON.stringify recurses and gives up a few
 * thousand levels down, while JSON.parse reads far deeper): an explicit
 * stack, fields in JSON.stringify's order. Cut at MAX_TEXT_LENGTH.
 */
function toJsonText(root: Json): string {
  type Frame = { container: Container; keys: (string | number)[]; next: number };
  const out: string[] = [];
  let length = 0;
  const write = (text: string): void => {
    out.push(text);
    length += text.length;
  };
  const stack: Frame[] = [];
  const open = (value: Json): void => {
    if (!isContainer(value)) return write(JSON.stringify(value));
    write(Array.isArray(value) ? '[' : '{');
    stack.push({
      container: value,
      keys: Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value),
      next: 0,
    });
  };
  open(root);
  while (stack.length > 0 && length < MAX_TEXT_LENGTH) {
    const frame = stack.at(-1)!;
    const isArray = Array.isArray(frame.container);
    if (frame.next === frame.keys.length) {
      write(isArray ? ']' : '}');
      stack.pop();
      continue;
    }
    const key = frame.keys[frame.next]!;
    if (frame.next > 0) write(',');
    frame.next += 1;
    if (!isArray) write(`${JSON.stringify(key)}:`);
    open((frame.container as Record<string | number, Json>)[key]!);
  }
  return out.join('').slice(0, MAX_TEXT_LENGTH);
}

/** The fuzzed body a plan makes of a valid JSON payload (given as its text). */
export function applyBodyPlan(validBody: string, plan: BodyPlan): Buffer {
  if (plan.kind === 'random') return Buffer.from(plan.bytes);
  let document = JSON.parse(validBody) as Json;
  for (const mutation of plan.json) document = mutate(document, mutation);
  let bytes: Buffer = Buffer.from(toJsonText(document), 'utf8');
  for (const mutation of plan.bytes) bytes = mutateBytes(bytes, mutation);
  return bytes;
}

/** One change to a header set (names as sent). */
export type HeaderMutation =
  | { kind: 'remove'; at: number }
  | { kind: 'set'; at: number; value: string }
  /** A second value for the header: HTTP servers join repeated headers as "first, second". */
  | { kind: 'repeat'; at: number; value: string }
  | { kind: 'case'; at: number; upper: boolean; inName: boolean }
  | { kind: 'add'; name: string; value: string };

/**
 * Header values a verifier must refuse without throwing: garbage hex,
 * numbers that are not Unix times, bearer tokens that are not JWTs (or
 * `alg: none` ones), very long values. Printable ASCII only, so any HTTP
 * client can send them.
 */
export const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    'null',
    'Bearer',
    'Bearer ',
    'bearer x',
    'Basic dXNlcjpwYXNz',
    'Bearer a.b.c',
    'Bearer ...',
    'Bearer eyJhbGciOiJub25lIn0.eyJzZXJ2aWNlIjoibWlkZGxld2FyZSJ9.',
    'Bearer eyJhbGciOiJIUzUxMiJ9.eyJzZXJ2aWNlIjoibWlkZGxld2FyZSIsImV4cCI6MX0.AAAA',
    '0',
    '-1',
    '1e10',
    '99999999999999999999',
    '1700000000.5',
    'NaN',
    '0x10',
    'sha256=00',
  ),
  fc.stringMatching(/^[0-9a-fA-F]{1,130}$/),
  fc.stringMatching(/^\d{1,20}$/),
  fc
    .string({ unit: fc.constantFrom(...'abcXYZ019-_.=+/ :'.split('')), maxLength: 60 })
    .map((text) => text.trim() || 'x'),
  fc.integer({ min: 200, max: 6_000 }).map((length) => 'A'.repeat(length)),
);

/** The headers some provider's authentication or parsing reads (its definition's credential and kept headers). */
const PROVIDER_HEADERS = [
  ...new Set([
    'authorization',
    ...PROVIDER_DEFINITIONS.flatMap((definition) => [...definition.credential.headers, ...definition.keptHeaders]),
    'x-request-id',
    'x-forwarded-for',
  ]),
];

const headerName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROVIDER_HEADERS),
  fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
);

export const headerMutation: fc.Arbitrary<HeaderMutation> = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), at: node }),
  fc.record({ kind: fc.constant('set' as const), at: node, value: hostileHeaderValue }),
  fc.record({ kind: fc.constant('repeat' as const), at: node, value: hostileHeaderValue }),
  fc.record({ kind: fc.constant('case' as const), at: node, upper: fc.boolean(), inName: fc.boolean() }),
  fc.record({ kind: fc.constant('add' as const), name: headerName, value: hostileHeaderValue }),
);

/** The headers after the mutations; names keep whatever case a mutation gave them, repeats are joined. */
export function applyHeaderMutations(
  headers: Record<string, string>,
  mutations: readonly HeaderMutation[],
): Record<string, string> {
  const result = { ...headers };
  for (const mutation of mutations) {
    if (mutation.kind === 'add') {
      result[mutation.name] = mutation.value;
      continue;
    }
    const names = Object.keys(result);
    if (names.length === 0) continue;
    const name = names[mutation.at % names.length]!;
    const value = result[name]!;
    switch (mutation.kind) {
      case 'remove':
        delete result[name];
        break;
      case 'set':
        result[name] = mutation.value;
        break;
      case 'repeat':
        result[name] = `${value}, ${mutation.value}`;
        break;
      case 'case': {
        const change = (text: string): string => (mutation.upper ? text.toUpperCase() : text.toLowerCase());
        delete result[name];
        result[mutation.inName ? change(name) : name] = mutation.inName ? value : change(value);
        break;
      }
    }
  }
  return result;
}
