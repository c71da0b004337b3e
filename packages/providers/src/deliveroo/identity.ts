import type { ProviderIdentity } from '../identity';

export const deliverooIdentity = {
  code: 'DELIVEROO',
  name: 'Deliveroo',
  color: '#00857e',
  ink: '#fff',
  pathSegment: 'deliveroo',
  answerStatuses: {},
  // Deliveroo auto-rejects an order nobody answered after 10 minutes.
  acceptMinutes: 10,
  demo: { weight: 2, deliveryFees: ['0', '1.500'], controlIds: { brandId: 'demo-brand', clientId: 'demo-client' } },
} as const satisfies ProviderIdentity;
