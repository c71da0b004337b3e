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

  it('says when it is idle: its last batch ended and no job waits', async () => {
    let idle = 0;
    const releases: (() => void)[] = [];
    const batcher = createBatcher(
      async (payloads: number[]) => {
        await new Promise<void>((resolve) => releases.push(resolve));
        return payloads;
      },
      { maxBatch: 1, maxInFlight: 1, onIdle: () => (idle += 1) },
    );
    const started = async (batches: number): Promise<void> => {
      while (releases.length < batches) await new Promise((resolve) => setImmediate(resolve));
    };
    const both = Promise.all([batcher.take(1), batcher.take(2)]);
    await started(1);
    releases.shift()!();
    await started(1); // the second job's batch, which waited while the first ran
    expect(idle).toBe(0);
    releases.shift()!();
    await expect(both).resolves.toEqual([1, 2]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(1);
  });
});
