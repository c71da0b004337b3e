import { DELIVERY_HERO_ANSWER_STATUSES } from '../common/delivery-hero/answer-statuses';
import type { ProviderIdentity } from '../identity';

export const talabatIdentity = {
  code: 'TALABAT',
  name: 'Talabat',
  color: '#d94a00',
  ink: '#fff',
  pathSegment: 'talabat',
  answerStatuses: DELIVERY_HERO_ANSWER_STATUSES,
  // The order carries its own `expiryDate`; this is the demo's.
  acceptMinutes: 8,
  demo: {
    weight: 4,
    deliveryFees: ['0', '0.500', '1'],
    controlIds: { username: 'demo-plugin', globalEntityId: 'TB_KW', platformKey: 'TB', platformRestaurantId: '100001' },
  },
} as const satisfies ProviderIdentity;
