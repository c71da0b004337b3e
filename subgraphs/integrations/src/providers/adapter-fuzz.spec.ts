import {
  applyBodyPlan,
  applyHeaderMutations,
  bodyPlan,
  fuzzParameters,
  headerMutation,
} from '@nexara/simulator/testing';
import fc from 'fast-check';
import {
  asReceived,
  authenticationRejectionProblems,
  canonicalEventProblems,
  credentialOf,
  FIXTURE_CASES,
  FUZZ_NOW,
  idempotencyKeyProblems,
  isStorableText,
  signedRequest,
  type FixtureCase,
} from '../testing/adapter-fuzz';
import {
  PayloadError,
  PROVIDERS,
  providerDefinition,
  type Provider,
  type CallbackAction,
  type CanonicalOrderEvent,
  type ConnectionContext,
  type InboundWebhook,
  type OutboundCall,
  type ProviderAdapter,
} from '@nexara/providers';

/**
 * Property-based tests of every registered adapter: correctly signed payloads
 * mutated every way a provider (or an attacker) could send them, and
 * hostile header sets. Whatever arrives, an adapter answers with a
 * documented rejection, a usable key and valid canonical events, or a
 * PayloadError with a reason: never anything else. `FUZZ_RUNS=5000` fuzzes
 * longer; a failure prints its seed and path (replay with FUZZ_SEED and
 * FUZZ_PATH) and the shrunk plan.
 */
const FUZZ = fuzzParameters(100);
// Room for FUZZ_RUNS in the thousands (the default runs take a few seconds).
jest.setTimeout(Math.max(60_000, FUZZ.numRuns * 250));
const EVENT_ID = '0f8e2d4c-6b1a-4e3f-9d7c-5a2b8e4f1c60';

type ParseOutcome = { events: CanonicalOrderEvent[] } | { payloadError: string } | { crash: unknown };

function parseOutcome(adapter: ProviderAdapter, request: InboundWebhook, connection: ConnectionContext): ParseOutcome {
  try {
    return { events: adapter.parse(request, connection) };
  } catch (error) {
    return error instanceof PayloadError ? { payloadError: error.reason } : { crash: error };
  }
}

function fixtureNamed(provider: Provider, name: string): FixtureCase {
  return FIXTURE_CASES[provider].find((fixture) => fixture.fixture === name)!;
}

describe.each(PROVIDERS)('%s adapter under fuzzing', (provider) => {
  const definition = providerDefinition(provider);
  const adapter = definition.adapter;
  const fixtureName = fc.constantFrom(...FIXTURE_CASES[provider].map((fixture) => fixture.fixture));

  it('answers a correctly signed, mutated payload with a documented 400, valid canonical events, or a PayloadError', async () => {
    await fc.assert(
      fc.asyncProperty(fixtureName, bodyPlan, async (name, plan) => {
        const fixture = fixtureNamed(provider, name);
        const { connection } = fixture;
        const request = await signedRequest(provider, fixture, applyBodyPlan(fixture.body, plan));
        expect(adapter.matchRoute(request.method, request.subPath)).toBeNull();
        expect(adapter.authenticate(request, connection, FUZZ_NOW)).toBeNull();

        const key = adapter.idempotencyKey(request);
        expect(idempotencyKeyProblems(key)).toEqual([]);
        const outcome = parseOutcome(adapter, request, connection);
        if ('crash' in outcome) throw outcome.crash;
        if (typeof key !== 'string') {
          // A delivery the shim refused is never stored; parse must still only ever fail the documented way.
          expect(outcome).toHaveProperty('payloadError');
          return;
        }
        const answer = adapter.answer(request, connection, { eventId: EVENT_ID, duplicate: false });
        expect([200, 202]).toContain(answer.status);
        expect(typeof JSON.stringify(answer.body)).toBe('string');
        if ('events' in outcome) expect(canonicalEventProblems(outcome.events, connection, key)).toEqual([]);
        else {
          // The reason is kept on the FAILED event: it must be something the database takes.
          expect(outcome.payloadError).toMatch(/\S/);
          expect(isStorableText(outcome.payloadError)).toBe(true);
        }
      }),
      FUZZ,
    );
  });

  it('refuses a request whose credential was changed', async () => {
    const change = fc.record({
      header: fc.constantFrom(...definition.credential.headers),
      at: fc.nat(),
      kind: fc.constantFrom('replace', 'drop', 'insert'),
      char: fc.constantFrom(...'0179afAFgzGZ_-.='.split('')),
    });
    await fc.assert(
      fc.asyncProperty(fixtureName, change, async (name, { header, at, kind, char }) => {
        const fixture = fixtureNamed(provider, name);
        const signed = await signedRequest(provider, fixture, Buffer.from(fixture.body));
        const value = signed.headers[header]!;
        const position = at % value.length;
        const changed =
          kind === 'replace'
            ? `${value.slice(0, position)}${char}${value.slice(position + 1)}`
            : kind === 'drop'
              ? `${value.slice(0, position)}${value.slice(position + 1)}`
              : `${value.slice(0, position)}${char}${value.slice(position)}`;
        const headers = { ...signed.headers, [header]: changed };
        fc.pre(credentialOf(provider, headers) !== credentialOf(provider, signed.headers));

        const rejection = adapter.authenticate({ ...signed, headers }, fixture.connection, FUZZ_NOW);
        expect(rejection).not.toBeNull();
        expect(authenticationRejectionProblems(rejection!)).toEqual([]);
      }),
      FUZZ,
    );
  });

  if (definition.credential.signsBody) {
    it('refuses signed bytes once they are changed', async () => {
      await fc.assert(
        fc.asyncProperty(fixtureName, bodyPlan, async (name, plan) => {
          const fixture = fixtureNamed(provider, name);
          const signed = await signedRequest(provider, fixture, Buffer.from(fixture.body));
          const tampered = applyBodyPlan(fixture.body, plan);
          fc.pre(!tampered.equals(signed.rawBody));
          expect(adapter.authenticate({ ...signed, rawBody: tampered }, fixture.connection, FUZZ_NOW)).toMatchObject({
            status: 401,
            code: 'BAD_SIGNATURE',
          });
        }),
        FUZZ,
      );
    });
  }

  it('answers random header sets with a documented rejection, and authenticates only the original credential', async () => {
    await fc.assert(
      fc.asyncProperty(
        fixtureName,
        fc.array(headerMutation, { minLength: 1, maxLength: 5 }),
        async (name, mutations) => {
          const fixture = fixtureNamed(provider, name);
          const signed = await signedRequest(provider, fixture, Buffer.from(fixture.body));
          const headers = asReceived(applyHeaderMutations(signed.headers, mutations));
          const request = { ...signed, headers };

          const rejection = adapter.authenticate(request, fixture.connection, FUZZ_NOW);
          if (rejection === null) expect(credentialOf(provider, headers)).toBe(credentialOf(provider, signed.headers));
          else expect(authenticationRejectionProblems(rejection)).toEqual([]);
          expect(idempotencyKeyProblems(adapter.idempotencyKey(request))).toEqual([]);
        },
      ),
      FUZZ,
    );
  });

  it('answers any method and sub-path with null or a 404 UNKNOWN_ROUTE', () => {
    const segment = fc.oneof(
      fc.constantFrom(
        'order',
        'order-update',
        'remoteId',
        'remoteOrder',
        'posOrderStatus',
        'kw-burger-lab-12',
        '',
        '..',
        '%2F',
      ),
      fc.string({ maxLength: 20 }),
    );
    const subPath = fc.oneof(
      fc.array(segment, { maxLength: 7 }).map((parts) => parts.join('/')),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(fc.constantFrom('POST', 'PUT', 'GET', 'DELETE', 'PATCH', 'post', 'put'), subPath, (method, path) => {
        const problem = adapter.matchRoute(method, path);
        if (problem !== null) {
          expect(problem).toMatchObject({ status: 404, code: 'UNKNOWN_ROUTE' });
          expect(problem.message.length).toBeLessThan(300);
        }
      }),
      FUZZ,
    );
  });

  it('builds callbacks that stay under the provider API base, with a JSON body and single-line headers', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.constantFrom('..', '.', '../admin', 'a/b', '?x=1', '#top', '%2e%2e', ' '),
    );
    // Some providers' order ids are whole numbers by the time a callback is built (parse made them so).
    const externalId = definition.numericOrderIds
      ? fc.integer({ min: 1, max: 2 ** 40 }).map(String)
      : text.filter((id) => id.trim() !== '');
    const action: fc.Arbitrary<CallbackAction> = fc.oneof(
      fc.constantFrom<CallbackAction>(
        { kind: 'RECEIVED' },
        { kind: 'PREPARING' },
        { kind: 'READY' },
        { kind: 'PICKED_UP' },
      ),
      fc.record({ kind: fc.constant('ACCEPTED' as const), prepMinutes: fc.integer({ min: 1, max: 180 }) }),
      fc.record({
        kind: fc.constantFrom('REJECTED' as const, 'CANCELLED' as const, 'RECEIVE_FAILED' as const),
        reason: text,
      }),
    );
    const apiBaseUrl = fc.constantFrom(
      'http://127.0.0.1:4900/provider-api/',
      'https://api.example.test',
      'https://api.example.test/v1//',
    );
    fc.assert(
      fc.property(action, externalId, apiBaseUrl, (callbackAction, id, base) => {
        const connection = { ...FIXTURE_CASES[provider][0]!.connection, apiBaseUrl: base };
        const order = { id: EVENT_ID, externalId: id, placedAt: FUZZ_NOW };
        let call: OutboundCall | null;
        try {
          call = adapter.buildCallback(callbackAction, order, connection, FUZZ_NOW);
        } catch {
          // Refused to build (the callback then FAILS for good): only for ids that would leave their path segment.
          expect(['.', '..']).toContain(id);
          return;
        }
        if (call === null) return;
        const root = base.replace(/\/+$/, '');
        expect(call.url.startsWith(`${root}/`)).toBe(true);
        const path = call.url.slice(root.length);
        expect(path).not.toMatch(/[?#\s]/);
        expect(path.split('/').every((part) => part !== '..' && part !== '.')).toBe(true);
        expect(() => JSON.parse(call.body) as unknown).not.toThrow();
        for (const value of Object.values(call.headers)) expect(value).not.toMatch(/[\r\n]/);
      }),
      FUZZ,
    );
  });
});
