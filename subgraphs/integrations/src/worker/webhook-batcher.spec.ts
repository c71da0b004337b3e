import { createBatcher } from './webhook-batcher';

describe('createBatcher', () => {
  it('runs a lone job at once, and gathers jobs arriving while batches run into the next, up to maxBatch', async () => {
    const batches: number[][] = [];
    const releases: (() => void)[] = [];
    const batcher = createBatcher(
      async (payloads: number[]) => {
        batches.push(payloads);
        await new Promise<void>((resolve) => releases.push(resolve));
        return payloads.map((p) => p * 10);
      },
      { maxBatch: 3, maxInFlight: 1 },
    );
    const first = batcher.take(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1]]);
    const later = [2, 3, 4, 5].map((p) => batcher.take(p));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toHaveLength(1); // one in flight at most
    releases.shift()!();
    await expect(first).resolves.toBe(10);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches[1]).toEqual([2, 3, 4]);
    releases.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches[2]).toEqual([5]);
    releases.shift()!();
    await expect(Promise.all(later)).resolves.toEqual([20, 30, 40, 50]);
  });

  it('fails every job of a batch whose run throws, and keeps taking jobs afterwards', async () => {
    let fail = true;
    const batcher = createBatcher(
      async (payloads: string[]) => {
        if (fail) throw new Error('database away');
        return payloads;
      },
      { maxBatch: 10, maxInFlight: 2 },
    );
    const failed = [batcher.take('a'), batcher.take('b')];
    await expect(Promise.all(failed.map((p) => p.catch((error: Error) => error.message)))).resolves.toEqual([
      'database away',
      'database away',
    ]);
    fail = false;
    await expect(batcher.take('c')).resolves.toBe('c');
    expect(batcher.inFlight()).toBe(0);
  });
});
