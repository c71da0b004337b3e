import type { OrderRowFragment } from '../../gql/graphql';

/** A grid row for unit tests: a received Careem order, with the given changes. */
export function anOrderRow(changes: Partial<OrderRowFragment> = {}): OrderRowFragment {
  return {
    id: 'o-1',
    displayCode: 'AB12',
    externalId: 'CA-998877',
    provider: 'CAREEM',
    status: 'RECEIVED',
    placedAt: '2026-03-12T10:00:00.000Z',
    acceptBy: null,
    acceptanceAtRisk: false,
    test: false,
    menuWarnings: [],
    updatedAt: '2026-03-12T10:00:00.000Z',
    total: { amount: 1000, currency: 'SAR' },
    customer: { name: 'Lina Mansour', phone: '+966500000001' },
    connection: { id: 'c-1', name: 'Olaya on Careem' },
    ...changes,
  };
}
