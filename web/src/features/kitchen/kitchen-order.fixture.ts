import type { KitchenTicketFragment } from '../../gql/graphql';

let next = 0;

/** A kitchen ticket as KitchenTickets and KitchenTicketChanged answer it. */
export function aKitchenOrder(overrides: Partial<KitchenTicketFragment> = {}): KitchenTicketFragment {
  next += 1;
  const placedAt = overrides.placedAt ?? new Date(Date.now() - 60_000).toISOString();
  return {
    id: `order-${next}`,
    displayCode: `A-${100 + next}`,
    provider: 'CAREEM',
    status: 'RECEIVED',
    placedAt,
    acceptBy: new Date(Date.parse(placedAt) + 8 * 60_000).toISOString(),
    acceptanceAtRisk: false,
    acceptedAt: null,
    prepMinutes: null,
    updatedAt: placedAt,
    notes: null,
    customer: { name: 'Omar Haddad' },
    delivery: { address: 'King Fahd Road' },
    items: [
      {
        name: 'Falafel Wrap',
        quantity: 2,
        notes: null,
        modifiers: [{ name: 'Extra tahini', quantity: 1, modifiers: [] }],
      },
    ],
    ...overrides,
  };
}

/** The same order a step on, as a later event carries it. */
export function movedOn(
  order: KitchenTicketFragment,
  status: KitchenTicketFragment['status'],
  at = Date.now(),
): KitchenTicketFragment {
  return { ...order, status, updatedAt: new Date(Math.max(at, Date.parse(order.updatedAt) + 1)).toISOString() };
}
