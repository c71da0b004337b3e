import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { keptAlivePoster } from './kept-alive-post';
import { CONTEXT_TOKEN_HEADER } from './identity';
import { serviceGraphQL } from './service-graphql';

/** A real HTTP server on a free loopback port that counts the connections it was opened. */
async function startServer(
  handler: http.RequestListener,
): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function echo(request: http.IncomingMessage, response: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({
        data: { method: request.method, headers: request.headers, body: Buffer.concat(chunks).toString() },
      }),
    );
  });
}

describe(keptAlivePoster.name, () => {
  it('posts the body and headers and answers status, headers and body, reusing one connection', async () => {
    const server = await startServer(echo);
    try {
      const post = keptAlivePoster();
      const first = await post(server.url, { headers: { 'x-probe': 'one' }, body: '{"a":"é"}', timeoutMs: 5_000 });
      const second = await post(server.url, { headers: { 'x-probe': 'two' }, body: '{}', timeoutMs: 5_000 });
      expect(first.status).toBe(200);
      const echoed = JSON.parse(first.body) as {
        data: { method: string; headers: Record<string, string>; body: string };
      };
      expect(echoed.data).toMatchObject({ method: 'POST', body: '{"a":"é"}' });
      expect(echoed.data.headers).toMatchObject({
        'x-probe': 'one',
        'content-length': String(Buffer.byteLength('{"a":"é"}')),
      });
      expect(second.headers['content-type']).toBe('application/json');
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('fails with a TimeoutError when no answer comes in time', async () => {
    const server = await startServer(() => undefined); // never answers
    try {
      const post = keptAlivePoster();
      await expect(post(server.url, { headers: {}, body: '{}', timeoutMs: 100 })).rejects.toMatchObject({
        name: 'TimeoutError',
      });
    } finally {
      await server.close();
    }
  });

  it('fails when nothing listens', async () => {
    const server = await startServer(echo);
    const url = server.url;
    await server.close();
    await expect(keptAlivePoster()(url, { headers: {}, body: '{}', timeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});

describe(serviceGraphQL.name, () => {
  it('sends the operation with a context token over one kept-alive connection and answers status, text and body', async () => {
    const server = await startServer(echo);
    try {
      const service = serviceGraphQL({ url: server.url, internalTokenSecret: 'x'.repeat(32), service: 'probe' });
      const answer = await service.post<{ body: string; headers: Record<string, string> }>(
        '00000000-0000-4000-8000-000000000001',
        'query Probe { probe }',
        { n: 1 },
      );
      await service.data('00000000-0000-4000-8000-000000000001', 'query Probe { probe }');
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body!.data!.body)).toEqual({ query: 'query Probe { probe }', variables: { n: 1 } });
      expect(answer.body!.data!.headers[CONTEXT_TOKEN_HEADER]).toEqual(expect.any(String));
      expect(answer.text).toContain('"data"');
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('answers a non-JSON reply with its status and text and a null body', async () => {
    const server = await startServer((_request, response) => {
      response.statusCode = 502;
      response.end('bad gateway');
    });
    try {
      const service = serviceGraphQL({ url: server.url, internalTokenSecret: 'x'.repeat(32), service: 'probe' });
      expect(await service.post(null, '{ probe }')).toEqual({ status: 502, text: 'bad gateway', body: null });
      await expect(service.data(null, '{ probe }')).rejects.toThrow(/answered HTTP 502/);
    } finally {
      await server.close();
    }
  });
});
