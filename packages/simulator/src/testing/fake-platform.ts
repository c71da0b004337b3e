import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { SimulatedConnection, SimulatedProvider } from '../connections';
import { verifyCareem, verifyDeliveroo, verifyJahez, verifyTalabat } from './independent-checks';

/**
 * A tiny stand-in for Nexara's webhook shim, for the simulator's own tests: it
 * checks authentication independently, dedupes by each provider's idempotency
 * key and answers as docs/providers/ says.
 */
export type FakePlatformDelivery = {
  provider: SimulatedProvider;
  method: string;
  path: string;
  key: string | null;
  status: number;
  firstTime: boolean;
  body: unknown;
};

export type FakePlatform = {
  url: string;
  connections: SimulatedConnection[];
  deliveries: FakePlatformDelivery[];
  /** How many times each idempotency key was processed (must end at 1 for every key). */
  processed: Map<string, number>;
  /** Answer this status to every new order of a provider (to exercise failures). */
  failNewOrders: Map<SimulatedProvider, number>;
  close(): Promise<void>;
};

type Params = { provider: string; key: string; remoteId?: string; remoteOrderId?: string };

export async function startFakePlatform(
  currencies: Partial<Record<SimulatedProvider, string>> = {},
): Promise<FakePlatform> {
  const app: FastifyInstance = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const deliveries: FakePlatformDelivery[] = [];
  const processed = new Map<string, number>();
  const failNewOrders = new Map<SimulatedProvider, number>();
  // The four providers whose schemes independent-checks.ts reads; a new provider's part is checked by its folder's specs.
  const secrets = {
    CAREEM: 'careem-secret-1',
    TALABAT: 'talabat-secret-that-is-long-enough-for-hs512-0123456789abcdef0123456789',
    DELIVEROO: 'deliveroo-secret-1',
    JAHEZ: 'jahez-token-1',
  } as const satisfies Partial<Record<SimulatedProvider, string>>;
  type FakeProvider = keyof typeof secrets;

  const handle = async (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    kind: 'order' | 'update',
  ): Promise<unknown> => {
    const provider = request.params.provider.toUpperCase() as FakeProvider;
    const raw = typeof request.body === 'string' ? request.body : '';
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    const nowSeconds = Math.floor(Date.now() / 1000);
    const body = JSON.parse(raw) as Record<string, unknown>;
    const authentic =
      provider === 'DELIVEROO'
        ? verifyDeliveroo(secrets.DELIVEROO, headers, raw)
        : provider === 'CAREEM'
          ? verifyCareem(secrets.CAREEM, headers, raw, nowSeconds)
          : provider === 'TALABAT'
            ? await verifyTalabat(secrets.TALABAT, headers, nowSeconds)
            : verifyJahez(secrets.JAHEZ, headers);
    const key =
      provider === 'DELIVEROO'
        ? (headers['x-deliveroo-sequence-guid'] ?? null)
        : provider === 'CAREEM'
          ? String(body['event_id'])
          : provider === 'TALABAT'
            ? kind === 'order'
              ? String(body['token'])
              : `${request.params.remoteOrderId ?? ''}:${String(body['status'])}`
            : (headers['x-request-id'] ?? null);
    const answer = (status: number, firstTime: boolean, payload: unknown): FastifyReply => {
      deliveries.push({ provider, method: request.method, path: request.url, key, status, firstTime, body });
      return reply.code(status).send(payload);
    };
    if (!authentic) return answer(401, false, { error: { code: 'UNAUTHENTICATED', message: 'bad signature' } });
    const failure = kind === 'order' ? failNewOrders.get(provider) : undefined;
    if (failure !== undefined) return answer(failure, false, { error: { code: 'UNAVAILABLE', message: 'injected' } });
    if (key === null) return answer(400, false, { error: { code: 'BAD_REQUEST', message: 'no idempotency key' } });
    const seen = processed.has(key);
    if (!seen) processed.set(key, 1);
    const eventId = `evt-${key}`;
    if (provider === 'TALABAT') {
      return answer(
        200,
        !seen,
        kind === 'order' ? { remoteResponse: { remoteOrderId: `nx-${String(body['token'])}` } } : {},
      );
    }
    if (provider === 'DELIVEROO') return answer(200, !seen, { eventId, duplicate: seen });
    return answer(seen ? 200 : 202, !seen, { eventId, duplicate: seen });
  };

  app.post<{ Params: Params }>('/webhooks/:provider/:key', (request, reply) => handle(request, reply, 'order'));
  app.post<{ Params: Params }>('/webhooks/:provider/:key/order/:remoteId', (request, reply) =>
    handle(request, reply, 'order'),
  );
  app.put<{ Params: Params }>(
    '/webhooks/:provider/:key/remoteId/:remoteId/remoteOrder/:remoteOrderId/posOrderStatus',
    (request, reply) => handle(request, reply, 'update'),
  );
  app.post<{ Params: Params }>('/webhooks/:provider/:key/order-update', (request, reply) =>
    handle(request, reply, 'update'),
  );

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}`;
  const connection = (provider: FakeProvider, currency: string, store: string): SimulatedConnection => ({
    provider,
    webhookUrl: `${url}/webhooks/${provider.toLowerCase()}/key-${provider.toLowerCase()}`,
    secret: secrets[provider],
    externalStoreId: store,
    currency: currencies[provider] ?? currency,
  });
  return {
    url,
    connections: [
      connection('CAREEM', 'AED', 'careem-branch-17'),
      connection('TALABAT', 'KWD', 'talabat-remote-42'),
      connection('DELIVEROO', 'AED', 'deliveroo-location-9'),
      connection('JAHEZ', 'SAR', 'jahez-branch-3'),
    ],
    deliveries,
    processed,
    failNewOrders,
    close: () => app.close(),
  };
}
