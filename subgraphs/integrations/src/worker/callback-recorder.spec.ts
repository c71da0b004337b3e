import { OrdersCallError, type RecordProviderCallbackInput } from '../orders-client/orders-client';
import { batchedCallbackRecords, perTenantBatches } from './callback-recorder';

const report = (orderId: string): RecordProviderCallbackInput => ({
  orderId,
  action: 'RECEIVED',
  outcome: 'DELIVERED',
  attempt: 1,
  httpStatus: 200,
});

describe('batchedCallbackRecords', () => {
  it("sends one tenant's reports of one turn as one call, each caller settling with its own outcome", async () => {
    const calls: { tenantId: string; orderIds: string[] }[] = [];
    const recorder = batchedCallbackRecords({
      recordProviderCallbacks: async (tenantId, inputs) => {
        calls.push({ tenantId, orderIds: inputs.map((input) => String(input.orderId)) });
        return inputs.map((input) =>
          input.orderId === 'gone' ? new OrdersCallError('TRANSIENT', 'NOT_FOUND', 'no such order') : null,
        );
      },
    });

    const outcomes = await Promise.allSettled([
      recorder.recordProviderCallback('t1', report('a')),
      recorder.recordProviderCallback('t1', report('gone')),
      recorder.recordProviderCallback('t2', report('b')),
      recorder.recordProviderCallback('t1', report('c')),
    ]);

    expect(calls).toEqual([
      { tenantId: 't1', orderIds: ['a', 'gone', 'c'] },
      { tenantId: 't2', orderIds: ['b'] },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects every report of a call that failed, and sends later reports in a new call', async () => {
    let failing = true;
    const recorder = batchedCallbackRecords({
      recordProviderCallbacks: async (_tenantId, inputs) => {
        if (failing) throw new OrdersCallError('TRANSIENT', null, 'orders unreachable');
        return inputs.map(() => null);
      },
    });
    const first = await Promise.allSettled([
      recorder.recordProviderCallback('t1', report('a')),
      recorder.recordProviderCallback('t1', report('b')),
    ]);
    expect(first.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    failing = false;
    await expect(recorder.recordProviderCallback('t1', report('a'))).resolves.toBeUndefined();
  });

  it('keeps at most two calls of a tenant open; reports made meanwhile go together in the next', async () => {
    const sizes: number[] = [];
    const open: (() => void)[] = [];
    const recorder = batchedCallbackRecords({
      recordProviderCallbacks: (_tenantId, inputs) => {
        sizes.push(inputs.length);
        return new Promise((resolve) => open.push(() => resolve(inputs.map(() => null))));
      },
    });
    const settled: Promise<void>[] = [recorder.recordProviderCallback('t1', report('a'))];
    await new Promise((resolve) => setImmediate(resolve));
    settled.push(recorder.recordProviderCallback('t1', report('b')));
    await new Promise((resolve) => setImmediate(resolve));
    settled.push(...['c', 'd', 'e'].map((id) => recorder.recordProviderCallback('t1', report(id))));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sizes).toEqual([1, 1]);
    open.shift()!();
    await settled[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(sizes).toEqual([1, 1, 3]);
    while (open.length) open.shift()!();
    await Promise.all(settled);
  });
});

describe('perTenantBatches', () => {
  it("keeps a tenant's batcher while it has work and drops it once idle, then serves the tenant again", async () => {
    const releases: (() => void)[] = [];
    const batches = perTenantBatches(async (tenantId, items: string[]) => {
      await new Promise<void>((resolve) => releases.push(resolve));
      return items.map((item) => `${tenantId}:${item}`);
    });
    const a = batches.take('t1', 'a');
    const b = batches.take('t2', 'b');
    expect(batches.tenants()).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    releases.shift()!();
    await expect(a).resolves.toBe('t1:a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches.tenants()).toBe(1); // t2's write is still open
    releases.shift()!();
    await expect(b).resolves.toBe('t2:b');
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches.tenants()).toBe(0);

    const again = batches.take('t1', 'c');
    await new Promise((resolve) => setImmediate(resolve));
    releases.shift()!();
    await expect(again).resolves.toBe('t1:c');
  });
});
