import type { ProviderIdentity } from '../identity';

export const careemIdentity = {
  code: 'CAREEM',
  name: 'Careem',
  color: '#1a7f4b',
  ink: '#fff',
  pathSegment: 'careem',
  answerStatuses: {},
  // Careem publishes no acceptance deadline; see careem.md.
  acceptMinutes: 8,
  demo: { weight: 3, deliveryFees: ['0', '1'], controlIds: { brandId: 'demo-brand' } },
} as const satisfies ProviderIdentity;
