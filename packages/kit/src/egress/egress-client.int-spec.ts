import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEgress, type Egress, type EgressRequest } from './egress-client';

/** A loopback HTTP server that counts every connection and request it gets. */
async function target(answer: (request: http.IncomingMessage, response: http.ServerResponse) => void) {
  const seen = { connections: 0, requests: [] as { url: string; authorization?: string }[] };
  const server = http.createServer((request, response) => {
    seen.requests.push({ url: request.url ?? '', authorization: request.headers.authorization });
    answer(request, response);
  });
  server.on('connection', () => (seen.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const call = (url: string, timeoutMs = 5_000): EgressRequest => ({
  method: 'POST',
  url,
  headers: { authorization: 'Bearer provider-secret', 'content-type': 'application/json' },
  body: '{"status":"ACCEPTED"}',
  timeoutMs,
});

describe('createEgress', () => {
  let server: Awaited<ReturnType<typeof target>>;
  const egresses: Egress[] = [];
  const egress = (settings: Parameters<typeof createEgress>[0]): Egress => {
    const made = createEgress(settings);
    egresses.push(made);
    return made;
  };

  beforeEach(async () => {
    server = await target((request, response) => {
      if (request.url === '/moved') {
        response.writeHead(302, { location: '/elsewhere' }).end();
        return;
      }
      if (request.url === '/slow') return; // never answers
      if (request.url === '/throttled') {
        response.writeHead(429, { 'retry-after': '7' }).end('{"error":{"code":"TOO_MANY"}}');
        return;
      }
      response.writeHead(500, { 'content-type': 'text/plain' }).end('postgres password is hunter2');
    });
  });
  afterEach(async () => {
    await Promise.all(egresses.splice(0).map((made) => made.close()));
    await server.close();
  });

  it('reaches an allow-listed loopback target and returns only the status', async () => {
    const outcome = await egress({ allow: `127.0.0.1:${server.port}`, production: false }).send(
      call(`http://127.0.0.1:${server.port}/orders`),
    );
    expect(outcome).toEqual({ kind: 'answered', status: 500 });
    expect(server.seen.requests).toEqual([{ url: '/orders', authorization: 'Bearer provider-secret' }]);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['localhost', 'loopback'],
    ['[::ffff:127.0.0.1]', 'IPv4-mapped IPv6'],
  ])('refuses %s before any connection is made', async (host, rule) => {
    const outcome = await egress({ production: false }).send(call(`http://${host}:${server.port}/orders`));
    expect(outcome).toMatchObject({ kind: 'refused', refusal: { rule } });
    expect(server.seen.connections).toBe(0);
  });

  it('refuses a name that resolves to loopback when connecting (the URL alone looks public)', async () => {
    const outcome = await egress({
      production: false,
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    }).send(call(`http://callbacks.provider.example:${server.port}/orders`));
    expect(outcome).toMatchObject({ kind: 'refused', refusal: { rule: 'loopback' } });
    expect(server.seen.connections).toBe(0);
  });

  it('checks the name again on every call, so a name that changes its answer (DNS rebinding) is caught', async () => {
    const answers = [[{ address: '127.0.0.1', family: 4 }], [{ address: '::ffff:127.0.0.1', family: 6 }]];
    const made = egress({ production: false, resolve: async () => answers.shift() ?? [] });
    const url = `http://rebind.provider.example:${server.port}/orders`;
    expect(await made.send(call(url))).toMatchObject({ kind: 'refused', refusal: { rule: 'loopback' } });
    expect(await made.send(call(url))).toMatchObject({ kind: 'refused', refusal: { rule: 'IPv4-mapped IPv6' } });
    expect(await made.send(call(url))).toEqual({ kind: 'failed', reason: 'host not found' });
    expect(server.seen.connections).toBe(0);
  });

  it('reads the answer, cut at the limit, only when the caller asks (provider control calls)', async () => {
    const made = egress({ allow: `127.0.0.1:${server.port}`, production: false });
    const url = `http://127.0.0.1:${server.port}/throttled`;
    expect(await made.send({ ...call(url), readAnswerBytes: 1024 })).toEqual({
      kind: 'answered',
      status: 429,
      answer: { body: '{"error":{"code":"TOO_MANY"}}', truncated: false, retryAfter: '7' },
    });
    expect(await made.send({ ...call(url), readAnswerBytes: 9 })).toEqual({
      kind: 'answered',
      status: 429,
      answer: { body: '{"error":', truncated: true, retryAfter: '7' },
    });
    expect(await made.send(call(url))).toEqual({ kind: 'answered', status: 429 });
  });

  it('does not follow redirects', async () => {
    const outcome = await egress({ allow: `127.0.0.1:${server.port}`, production: false }).send(
      call(`http://127.0.0.1:${server.port}/moved`),
    );
    expect(outcome).toEqual({ kind: 'answered', status: 302 });
    expect(server.seen.requests.map((request) => request.url)).toEqual(['/moved']);
  });

  it('says in its own words what went wrong, never the network error', async () => {
    const made = egress({ allow: `127.0.0.1:${server.port},127.0.0.1:9`, production: false });
    expect(await made.send(call(`http://127.0.0.1:${server.port}/slow`, 200))).toEqual({
      kind: 'failed',
      reason: 'no answer in time',
    });
    expect(await made.send(call('http://127.0.0.1:9/closed'))).toEqual({
      kind: 'failed',
      reason: 'connection refused',
    });
  });

  it('calls only https in production unless allow-listed', async () => {
    const outcome = await egress({ production: true }).send(call('http://api.provider.example/orders'));
    expect(outcome).toMatchObject({ kind: 'refused', refusal: { rule: 'https-only' } });
  });
});
