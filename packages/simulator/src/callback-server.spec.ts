import { startProviderApi, type ProviderApi, type RecordedCallback } from './callback-server';
import { SIMULATED_PROVIDERS, providerSlug } from './connections';

describe('startProviderApi', () => {
  let api: ProviderApi;

  beforeEach(async () => {
    api = await startProviderApi({ port: 0 });
  });

  afterEach(async () => {
    await api.close();
  });

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${api.url}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('listens on loopback and gives each provider its apiBase', () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const provider of SIMULATED_PROVIDERS)
      expect(api.baseUrl(provider)).toBe(`${api.url}/${providerSlug(provider)}`);
  });

  it.each([
    [
      'DELIVEROO',
      'deliveroo.update_order_status',
      'PATCH',
      '/deliveroo/order/v1/orders/ae:123',
      { status: 'accepted' },
      { id: 'ae:123' },
    ],
    [
      'DELIVEROO',
      'deliveroo.sync_status',
      'POST',
      '/deliveroo/order/v1/orders/ae:123/sync_status',
      { status: 'succeeded', occurred_at: '2026-03-01T18:31:00Z' },
      { id: 'ae:123' },
    ],
    [
      'TALABAT',
      'talabat.update_order_status',
      'POST',
      '/talabat/v2/chains/chain-7/orders/tok-1/status',
      { status: 'order_accepted', acceptanceTime: '2026-03-01T18:50:00Z' },
      { chainCode: 'chain-7', token: 'tok-1' },
    ],
    ['CAREEM', 'careem.update_order', 'PUT', '/careem/orders/66079676', { state: 'accepted' }, { id: '66079676' }],
    ['JAHEZ', 'jahez.status_update', 'POST', '/jahez/webhooks/status_update', { jahezOrderId: 7701, status: 'A' }, {}],
  ] as const)('records a %s callback (%s) over real HTTP', async (provider, route, method, path, body, params) => {
    const response = await call(method, path, body, { authorization: 'Bearer partner-token', 'brand-id': 'b1' });
    expect(response.status).toBe(200);
    const [entry] = api.recorded(provider);
    expect(entry).toMatchObject<Partial<RecordedCallback>>({
      provider,
      route,
      method,
      path,
      params: { ...params },
      body,
      rawBody: JSON.stringify(body),
      answeredStatus: 200,
    });
    expect(entry?.headers['authorization']).toBe('Bearer partner-token');
    expect(entry?.headers['brand-id']).toBe('b1');
    expect(Date.parse(entry?.receivedAt ?? '')).not.toBeNaN();
  });

  it('serves, filters and clears the record over HTTP', async () => {
    await call('PUT', '/careem/orders/1', { state: 'ready' });
    await call('POST', '/jahez/webhooks/status_update', { jahezOrderId: 1, status: 'R', reason: 'busy' });
    const careem = (await (await call('GET', '/_recorded?provider=careem')).json()) as RecordedCallback[];
    expect(careem.map((entry) => entry.body)).toEqual([{ state: 'ready' }]);
    const all = (await (await call('GET', '/_recorded')).json()) as RecordedCallback[];
    expect(all.map((entry) => entry.provider)).toEqual(['CAREEM', 'JAHEZ']);
    expect((await call('GET', '/_recorded?provider=ubereats')).status).toBe(400);
    expect((await call('DELETE', '/_recorded')).status).toBe(204);
    expect(await (await call('GET', '/_recorded')).json()).toEqual([]);
  });

  it('answers N injected failures, then succeeds again, recording every attempt', async () => {
    const injected = await call('POST', '/_fail', { provider: 'talabat', times: 2, status: 500 });
    expect(await injected.json()).toEqual({ provider: 'TALABAT', times: 2, status: 500 });
    const path = '/talabat/v2/chains/c/orders/t/status';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      statuses.push((await call('POST', path, { status: 'order_accepted' })).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(api.recorded('TALABAT').map((entry) => entry.answeredStatus)).toEqual([500, 500, 200]);
    // Other providers are not affected.
    expect((await call('PUT', '/careem/orders/1', { state: 'accepted' })).status).toBe(200);
  });

  it('defaults an injected failure to 500 and can be set in process too', async () => {
    await call('POST', '/_fail', { provider: 'JAHEZ', times: 1 });
    expect((await call('POST', '/jahez/webhooks/status_update', { jahezOrderId: 1, status: 'A' })).status).toBe(500);
    api.failNext('CAREEM', 1, 503);
    expect((await call('PUT', '/careem/orders/1', { state: 'accepted' })).status).toBe(503);
    expect((await call('PUT', '/careem/orders/1', { state: 'accepted' })).status).toBe(200);
  });

  it('rejects a malformed failure request', async () => {
    expect((await call('POST', '/_fail', { provider: 'CAREEM', times: 0 })).status).toBe(400);
    expect((await call('POST', '/_fail', { provider: 'NOON', times: 1 })).status).toBe(400);
    expect((await call('POST', '/_fail', { provider: 'CAREEM', times: 1, status: 200 })).status).toBe(400);
  });

  it('records calls to paths no provider serves, so a wrong path shows up', async () => {
    const response = await call('POST', '/careem/v1/orders/1/accept', { state: 'accepted' });
    expect(response.status).toBe(404);
    expect(api.recorded('CAREEM')).toEqual([
      expect.objectContaining({ route: null, method: 'POST', path: '/careem/v1/orders/1/accept', answeredStatus: 404 }),
    ]);
  });

  it('keeps a non-JSON body as text', async () => {
    await fetch(`${api.url}/deliveroo/order/v1/orders/x`, {
      method: 'PATCH',
      headers: { 'content-type': 'text/plain' },
      body: 'status=accepted',
    });
    expect(api.recorded('DELIVEROO')[0]).toMatchObject({ rawBody: 'status=accepted', body: null });
  });

  it('refuses to listen beyond loopback', async () => {
    await expect(startProviderApi({ port: 0, host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(/loopback/);
  });
});
