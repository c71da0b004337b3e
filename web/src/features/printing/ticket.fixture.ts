import type { OrderDetailQuery } from '../../gql/graphql';

type TicketOrder = OrderDetailQuery['order'];
const kwd = (amount: number) => ({ amount, currency: 'KWD' });

/** A Kuwaiti delivery order as the OrderDetail query answers it: bilingual names, nested options, notes. */
export function aTicketOrder(overrides: Partial<TicketOrder> = {}): TicketOrder {
  return {
    id: 'order-1',
    displayCode: 'K-417',
    externalId: 'dlv-88123',
    provider: 'DELIVEROO',
    status: 'ACCEPTED',
    placedAt: '2026-03-12T09:58:00.000Z',
    acceptBy: null,
    acceptanceAtRisk: false,
    test: false,
    updatedAt: '2026-03-12T10:00:00.000Z',
    warnings: [],
    menuWarnings: [],
    timeline: [],
    callbacks: [],
    acceptedAt: '2026-03-12T10:00:00.000Z',
    prepMinutes: 15,
    notes: 'Ring the bell twice',
    connection: { id: 'c-1', name: 'Harbor Grill on Deliveroo' },
    customer: { name: 'فاطمة الحربي', phone: '+965 5550 1234' },
    delivery: { address: 'Block 4, Salmiya', notes: null },
    payment: { method: 'CASH', paid: false },
    items: [
      {
        externalId: 'wrap-1',
        name: 'Chicken Shawarma Wrap | شاورما دجاج',
        quantity: 2,
        notes: 'No pickles',
        unitPrice: kwd(1750),
        total: kwd(3500),
        modifiers: [
          {
            name: 'Make it a meal | اجعلها وجبة',
            quantity: 1,
            unitPrice: kwd(750),
            modifiers: [{ name: 'Laban | لبن', quantity: 1, unitPrice: kwd(0) }],
          },
        ],
      },
      {
        externalId: 'kunafa',
        name: 'كنافة',
        quantity: 1,
        notes: null,
        unitPrice: kwd(1250),
        total: kwd(1250),
        modifiers: [],
      },
    ],
    subtotal: kwd(4750),
    deliveryFee: kwd(500),
    discount: kwd(250),
    tax: kwd(0),
    tip: kwd(0),
    total: kwd(5000),
    ...overrides,
  };
}
