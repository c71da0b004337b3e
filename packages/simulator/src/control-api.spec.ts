import {
  capabilityFor,
  PROVIDER_DEFINITIONS,
  type ControlAnswer,
  type ControlCall,
  type ControlConnection,
  type ControlKind,
  type ControlRequest,
} from '@nexara/providers';
import { aControlConnection, aControlMenu, EVERY_CONTROL_ID } from '@nexara/providers/testing';
import { startProviderApi, type ProviderApi, type ReceivedCall } from './callback-server';

/** One request of each kind, as the catalog would ask it. */
const REQUESTS: readonly ControlRequest[] = [
  { kind: 'MENU', menu: aControlMenu() },
  {
    kind: 'AVAILABILITY',
    items: [
      { itemId: 'i1', externalPosId: 'POS-11', state: 'SOLD_OUT', until: '2030-01-01T10:00:00Z' },
      { itemId: 'o1', externalPosId: 'POS-90', state: 'AVAILABLE', until: null },
    ],
    optionItemIds: ['o1'],
  },
  { kind: 'STORE_STATUS', status: 'PAUSED', until: '2030-01-01T10:00:00Z', reason: 'busy' },
  { kind: 'BUSY_MODE', prepMinutes: 25, until: null },
  { kind: 'OPENING_HOURS', periods: [{ day: 'MONDAY', start: '10:00', end: '23:59' }] },
];

const WITH_CONTROL = PROVIDER_DEFINITIONS.filter((definition) => definition.control);

/**
 * The simulator plays each provider's control API from its page; the
 * capabilities build Nexara's calls from the same page. Sending one to the
 * other checks that both read the page alike: every call is answered as a
 * success, an upload's result can be read back, injected 429s say when to
 * come back, and `GET /records` shows what the provider received.
 */
describe('the simulated control APIs', () => {
  let api: ProviderApi;

  beforeAll(async () => {
    api = await startProviderApi({ port: 0 });
  });
  afterAll(async () => api?.close());

  const send = async (call: ControlCall): Promise<ControlAnswer> => {
    const response = await fetch(call.url, {
      method: call.method,
      headers: call.headers,
      ...(call.body === null ? {} : { body: call.body }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as unknown) : null,
      retryAfter: response.headers.get('retry-after'),
    };
  };

  const connectionOf = (definition: (typeof WITH_CONTROL)[number]): ControlConnection =>
    aControlConnection(definition.adapter.provider, {
      apiBaseUrl: api.baseUrl(definition.adapter.provider),
      // The simulated vendor is on the brand's demo platform.
      controlIds: { ...EVERY_CONTROL_ID, ...definition.identity.demo.controlIds },
    });

  const tokenFor = async (definition: (typeof WITH_CONTROL)[number], connection: ControlConnection) => {
    const grant = definition.control!.token;
    if (!grant) return null;
    const read = grant.read(await send(grant.call(connection)));
    if ('problem' in read) throw new Error(read.problem);
    return read.token;
  };

  it.each(WITH_CONTROL.map((definition) => [definition.adapter.provider, definition] as const))(
    'answers every %s control call as the provider would, and serves what it received at /records',
    async (provider, definition) => {
      const since = new Date().toISOString();
      const connection = connectionOf(definition);
      const context = { token: await tokenFor(definition, connection), jobId: `job-${provider}`, now: new Date() };
      for (const request of REQUESTS) {
        const capability = capabilityFor(definition.control, request.kind as ControlKind);
        if (!capability) continue;
        const looked = capability.lookup?.read(await send(capability.lookup.call(connection, context)));
        if (looked) expect([request.kind, looked]).toEqual([request.kind, { value: expect.anything() }]);
        const calls = capability.build(request as never, connection, {
          ...context,
          ...(looked && 'value' in looked ? { lookup: looked.value } : {}),
        });
        for (const [step, call] of calls.entries()) {
          const outcome = capability.read(await send(call), step);
          expect([request.kind, outcome.result]).toEqual([request.kind, expect.stringMatching(/^(NEXT|ACCEPTED)$/)]);
          if (outcome.result === 'ACCEPTED' && capability.confirm) {
            const result = capability.confirm.read(
              await send(capability.confirm.call(request as never, connection, context, outcome.reference)),
              outcome.reference,
            );
            expect(result).toEqual({ result: 'APPLIED' });
          }
        }
      }
      const received = (await (
        await fetch(`${api.url}/records?provider=${provider}&since=${encodeURIComponent(since)}`)
      ).json()) as ReceivedCall[];
      expect(received.length).toBeGreaterThanOrEqual(REQUESTS.length - 1);
      expect(received.every((entry) => entry.provider === provider && entry.at >= since)).toBe(true);
      expect(received.at(-1)).toEqual({
        provider,
        method: expect.any(String),
        path: expect.stringMatching(/^\//),
        headers: expect.any(Object),
        body: expect.anything(),
        at: expect.any(String),
      });
    },
  );

  it('answers injected 429s with the Retry-After they were given, then as usual', async () => {
    const definition = WITH_CONTROL.find((candidate) => capabilityFor(candidate.control, 'STORE_STATUS'))!;
    const connection = connectionOf(definition);
    const context = { token: await tokenFor(definition, connection), jobId: 'job-429', now: new Date() };
    const capability = capabilityFor(definition.control, 'STORE_STATUS')!;
    const [call] = capability.build(REQUESTS[2] as never, connection, context);
    api.failNext(definition.adapter.provider, 1, 429, 7);
    expect(capability.read(await send(call!), 0)).toEqual({
      result: 'RETRY',
      reason: 'HTTP 429: rate limited',
      afterMs: 7_000,
    });
    expect(capability.read(await send(call!), 0)).toEqual({ result: 'NEXT' });
  });

  it('refuses a bad /records query', async () => {
    expect((await fetch(`${api.url}/records?since=yesterday`)).status).toBe(400);
    expect((await fetch(`${api.url}/records?provider=nobody`)).status).toBe(400);
  });
});
