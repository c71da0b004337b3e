import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { runLoad } from './http-load';

describe('runLoad', () => {
  let server: http.Server;
  let origin: string;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(202, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('counts every answer, by status', async () => {
    const run = await runLoad({
      origin,
      connections: 4,
      amount: 40,
      request: { method: 'POST', path: '/', headers: {} },
    });
    expect(run).toMatchObject({ connections: 4, responses: 40, statuses: { 202: 40 }, errors: 0 });
    expect(run.latency.samples).toBe(40);
  });

  it("times a run to its last answer, not to autocannon's next one-second tick", async () => {
    let lastAnswerSeen = 0;
    const started = performance.now();
    const run = await runLoad({
      origin,
      connections: 2,
      amount: 20,
      request: { method: 'GET', path: '/', headers: {} },
      onResponse: () => {
        lastAnswerSeen = performance.now();
      },
    });
    const resolvedAt = performance.now();
    // autocannon resolves only at its next sample tick, a second after it started...
    expect(resolvedAt - started).toBeGreaterThanOrEqual(1_000 - 1);
    // ...but the run took as long as its answers did (read in the same callback as this test's).
    expect(run.seconds).toBeCloseTo((lastAnswerSeen - started) / 1000, 1);
  });
});
