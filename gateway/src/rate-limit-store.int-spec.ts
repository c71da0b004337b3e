import net from 'node:net';
import { createLogger } from '@nexara/kit';
import { createAddressRateLimit } from './webhooks/webhook-rate-limit';
import { redisLimiterStore } from './rate-limit-store';

/** Real Redis (127.0.0.1:6379) for the shared case; a closed loopback port for the outage. */
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const logger = createLogger('test', 'silent');

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const allowedOf = async (limit: (address: string) => Promise<{ allowed: boolean }>, address: string, times: number) => {
  let allowed = 0;
  for (let i = 0; i < times; i += 1) if ((await limit(address)).allowed) allowed += 1;
  return allowed;
};

it('two stores on one Redis spend one budget', async () => {
  const [a, b] = [
    await redisLimiterStore({ redisUrl: REDIS_URL, logger }),
    await redisLimiterStore({ redisUrl: REDIS_URL, logger }),
  ];
  try {
    const address = `spec-${process.pid}-${Date.now()}`;
    const [limitA, limitB] = [a, b].map((store) => createAddressRateLimit({ perSecond: 1, burst: 5, store }));
    const first = await allowedOf(limitA!, address, 3);
    const second = await allowedOf(limitB!, address, 10);
    // 5 at once, plus one more if a second passed meanwhile.
    expect(first).toBe(3);
    expect(first + second).toBeGreaterThanOrEqual(5);
    expect(first + second).toBeLessThanOrEqual(6);
  } finally {
    await a.close();
    await b.close();
  }
});

it('still limits, per process, while Redis cannot be reached', async () => {
  const store = await redisLimiterStore({ redisUrl: `redis://127.0.0.1:${await closedPort()}`, logger });
  try {
    const limit = createAddressRateLimit({ perSecond: 1, burst: 5, store });
    const allowed = await allowedOf(limit, 'unreachable', 10);
    expect(allowed).toBeGreaterThanOrEqual(5);
    expect(allowed).toBeLessThanOrEqual(6);
  } finally {
    await store.close();
  }
});
