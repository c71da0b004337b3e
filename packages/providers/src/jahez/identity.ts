import type { ProviderIdentity } from '../identity';

export const jahezIdentity = {
  code: 'JAHEZ',
  name: 'Jahez',
  color: '#b50e29',
  ink: '#fff',
  pathSegment: 'jahez',
  answerStatuses: {},
  // Jahez cancels an order nobody answered after 5 minutes.
  acceptMinutes: 5,
  demo: { weight: 3, deliveryFees: ['0', '1'], controlIds: {} },
} as const satisfies ProviderIdentity;
