import { parseProviderCallbackJob, providerCallbackJobKey } from './provider-callback-job';

const valid = {
  tenantId: '6c1f8f4e-2b7d-4f3e-9a51-0c8e2d1b7a44',
  orderId: '0b8a3c0e-5f1d-5a2b-8c3d-9e4f5a6b7c8d',
  connectionId: 'f2d4c6b8-a0e2-4c46-8e0a-2c4e6a8c0e2a',
  provider: 'TALABAT',
  externalId: 'tok-123',
  placedAt: '2026-11-29T10:15:30.123Z',
  action: { kind: 'ACCEPTED', prepMinutes: 15 },
};

describe('provider callback job payload', () => {
  it('accepts the payload the orders subgraph enqueues', () => {
    expect(parseProviderCallbackJob(valid)).toEqual({ job: valid });
  });

  it.each([
    ['RECEIVED', { kind: 'RECEIVED' }],
    ['REJECTED with a reason', { kind: 'REJECTED', reason: 'Kitchen is full' }],
    ['CANCELLED with a reason', { kind: 'CANCELLED', reason: 'Out of stock' }],
    ['ACCEPTED without prep time', { kind: 'ACCEPTED' }],
    ['READY', { kind: 'READY' }],
  ])('accepts the action %s', (_case, action) => {
    expect('job' in parseProviderCallbackJob({ ...valid, action })).toBe(true);
  });

  it('keeps the attempt and pending report this worker adds when it re-enqueues', () => {
    const again = {
      ...valid,
      attempt: 2,
      report: { outcome: 'DELIVERED', attempt: 3, httpStatus: 200, detail: null, tries: 1 },
    };
    expect(parseProviderCallbackJob(again)).toEqual({ job: again });
  });

  it.each([
    ['no tenant', { ...valid, tenantId: undefined }],
    ['an unknown provider', { ...valid, provider: 'UBER_EATS' }],
    ['an unknown action', { ...valid, action: { kind: 'DELIVERED' } }],
    ['a rejection without its reason', { ...valid, action: { kind: 'REJECTED' } }],
    ['a bad date', { ...valid, placedAt: 'yesterday' }],
    ['a prep time out of range', { ...valid, action: { kind: 'ACCEPTED', prepMinutes: 0 } }],
    ['not an object', 'callback'],
  ])('refuses %s, saying what is wrong', (_case, payload) => {
    const parsed = parseProviderCallbackJob(payload);
    expect('problem' in parsed && parsed.problem.length > 0).toBe(true);
  });

  it('keys jobs by order and action like the orders subgraph does', () => {
    expect(providerCallbackJobKey(valid.orderId, 'ACCEPTED')).toBe(`callback:${valid.orderId}:ACCEPTED`);
  });
});
