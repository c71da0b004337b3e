import type { StaffCallbackAction } from '@nexara/contracts';
import { providerCallbackJob } from './provider-callback.job';

describe(providerCallbackJob.name, () => {
  const order = {
    tenantId: '0b8a4a3e-5a7e-4f43-9b47-3f1f7c0f3a11',
    id: '5d2d8f1e-2c3b-5a4d-8e6f-7a8b9c0d1e2f',
    connectionId: '9c1f2e3d-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
    provider: 'TALABAT' as const,
    externalId: 'TLB-88120',
    placedAt: new Date('2026-11-28T18:30:00.123Z'),
  };

  it.each<StaffCallbackAction>([
    { kind: 'ACCEPTED', prepMinutes: 15 },
    { kind: 'ACCEPTED' },
    { kind: 'REJECTED', reason: 'Out of stock' },
    { kind: 'PREPARING' },
    { kind: 'READY' },
    { kind: 'PICKED_UP' },
    { kind: 'CANCELLED', reason: 'Customer called' },
  ])('carries the order and the action %j as the contract says', (action) => {
    const job = providerCallbackJob(order, action);
    // Through JSON, as the worker receives it.
    expect(JSON.parse(JSON.stringify(job))).toEqual({
      tenantId: order.tenantId,
      orderId: order.id,
      connectionId: order.connectionId,
      provider: 'TALABAT',
      externalId: 'TLB-88120',
      placedAt: '2026-11-28T18:30:00.123Z',
      action,
    });
  });
});
