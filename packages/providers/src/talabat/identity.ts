import type { ProviderIdentity } from '../identity';

export const talabatIdentity = {
  code: 'TALABAT',
  name: 'Talabat',
  color: '#d94a00',
  ink: '#fff',
  pathSegment: 'talabat',
  /**
   * Talabat's middleware understands only 200, 201, 202, 400, 401, 429, 500
   * and 502 (talabat.md) and treats anything else as a broken plugin. Every
   * other status either side can send is mapped onto that list keeping its
   * meaning: "this request will not be taken as it is" (404, 409, 413, 415) ->
   * 400, "try again later" (503) -> 500.
   */
  answerStatuses: { 404: 400, 409: 400, 413: 400, 415: 400, 503: 500 },
  // The order carries its own `expiryDate`; this is the demo's.
  acceptMinutes: 8,
  demo: { weight: 4, deliveryFees: ['0', '0.500', '1'] },
} as const satisfies ProviderIdentity;
