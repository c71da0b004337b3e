import { DELIVERY_HERO_ANSWER_STATUSES } from '../common/delivery-hero/answer-statuses';
import type { ProviderIdentity } from '../identity';

export const hungerstationIdentity = {
  code: 'HUNGERSTATION',
  name: 'HungerStation',
  color: '#ffc600',
  ink: '#1c1c1c',
  pathSegment: 'hungerstation',
  answerStatuses: DELIVERY_HERO_ANSWER_STATUSES,
  // The order carries its own `expiryDate`; this is the demo's.
  acceptMinutes: 8,
  demo: {
    weight: 2,
    deliveryFees: ['0', '1'],
    controlIds: { username: 'demo-plugin', globalEntityId: 'HS_SA', platformKey: 'HS', platformRestaurantId: '200001' },
  },
} as const satisfies ProviderIdentity;
