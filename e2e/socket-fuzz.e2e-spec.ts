import { fuzzParameters } from '@nexara/simulator/testing';
import { eventually } from '@nexara/test-support';
import fc from 'fast-check';
import { signIn, startTestPlatform, subscribersListening, type TestPlatform } from './support/platform';
import { wsClient } from './support/ws-client';

/**
 * Property-based test of the graphql-ws side of the gateway: fuzzed
 * operations (garbage, over-aliased, over-deep, huge) sent by a signed-in
 * client each get an answer (data, errors with a message, or for an accepted
 * subscription: listening), never a hang or a crash; no subscription outlives its client; the gateway stays ready.
 * `FUZZ_RUNS=1000` fuzzes longer; a failure prints its seed and path.
 */
const FUZZ = fuzzParameters(40);
jest.setTimeout(Math.max(60_000, FUZZ.numRuns * 500));

let platform: TestPlatform;
let token: string;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 1 });
  token = (await signIn(platform, 'owner@demo-bistro.test')).token;
});

afterAll(async () => {
  await platform?.stop();
});

const field = fc.constantFrom('id', 'status', 'displayCode', '__typename', 'total { amount }', 'items { name }');
const selection = fc.array(fc.tuple(fc.option(fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/)), field), {
  minLength: 1,
  maxLength: 80,
});
const hostileOperation = fc.oneof(
  fc.string({ maxLength: 300 }),
  selection.map((fields) => {
    const body = fields.map(([alias, name]) => (alias ? `${alias}: ${name}` : name)).join(' ');
    return `subscription { orderChanged { ${body} } }`;
  }),
  fc
    .integer({ min: 1, max: 30 })
    .map(
      (depth) =>
        `{ orders(first: 0) { edges { node { items { ${'modifiers { '.repeat(depth)}name${' }'.repeat(depth)} } } } } }`,
    ),
  fc
    .integer({ min: 1, max: 3000 })
    .map((count) => `subscription { orderChanged { id ${'__typename '.repeat(count)} } }`),
  fc.constantFrom('subscription { nothing }', 'subscription { orderChanged { id } metricsChanged { openOrders } }', ''),
);

type Answer = { kind: 'data' | 'errors' | 'listening'; messages: string[] };

describe('graphql-ws fuzz', () => {
  it('answers every fuzzed operation once, keeps no subscription after its client, and stays ready', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(hostileOperation, fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()))), {
          minLength: 1,
          maxLength: 5,
        }),
        async (operations) => {
          const socket = wsClient(platform.graphqlUrl, token);
          try {
            for (const [query, variables] of operations) {
              let answer: Answer | undefined;
              const dispose = socket.client.subscribe(
                { query, variables: variables ?? {} },
                {
                  next: (result) => {
                    answer ??= result.errors?.length
                      ? { kind: 'errors', messages: result.errors.map((e) => e.message) }
                      : { kind: 'data', messages: [] };
                  },
                  error: (error) => {
                    const errors = Array.isArray(error) ? (error as { message: string }[]) : [error as Error];
                    answer ??= { kind: 'errors', messages: errors.map((e) => String(e.message)) };
                  },
                  complete: () => {
                    answer ??= { kind: 'data', messages: [] };
                  },
                },
              );
              // An accepted subscription says nothing until an event: listening on the gateway is its answer.
              const outcome = await eventually(
                async () =>
                  answer ?? (platform.activeSubscriptions() > 0 ? { kind: 'listening', messages: [] } : undefined),
                10_000,
                `an answer to ${JSON.stringify(query).slice(0, 200)}`,
              );
              dispose();
              // One operation at a time: the next starts once this one no longer listens.
              await subscribersListening(platform.activeSubscriptions, 0);
              if (outcome.kind === 'errors') expect(outcome.messages.every((m) => m.length > 0)).toBe(true);
            }
          } finally {
            await socket.client.dispose();
          }
          await subscribersListening(platform.activeSubscriptions, 0);
          const ready = await fetch(`${platform.urls.gateway}/healthz`);
          expect(ready.status).toBe(200);
        },
      ),
      FUZZ,
    );
  });
});
