import { MAX_MODIFIER_DEPTH } from '@nexara/kit';
import { GraphQLError } from 'graphql';
import type { ProviderOrderEventInput, ProviderOrderInput } from './order.inputs';
import { validateProviderOrderEvent } from './provider-order-event.validation';

const CONNECTION = '3f0c1a52-7d55-4c5e-9f3c-2a1b0c9d8e7f';

function anOrder(overrides: Partial<ProviderOrderInput> = {}): ProviderOrderInput {
  return {
    displayCode: ' A-17 ',
    placedAt: new Date('2026-11-28T10:00:00Z'),
    acceptBy: null,
    currency: 'BHD',
    customer: { name: 'Noor', phone: null },
    delivery: { address: 'Road 1, Manama', notes: null, lat: 26.2, lng: 50.58 },
    items: [
      { externalId: null, name: 'Machboos', quantity: 1, unitPrice: 3500, total: 3500, modifiers: null, notes: null },
    ],
    subtotal: 3500,
    deliveryFee: 500,
    discount: 0,
    tax: 0,
    tip: 0,
    total: 4000,
    payment: null,
    notes: null,
    warnings: null,
    ...overrides,
  };
}

function placed(order: ProviderOrderInput | null = anOrder()): ProviderOrderEventInput {
  return {
    connectionId: CONNECTION,
    provider: 'JAHEZ',
    eventKey: 'k1',
    kind: 'ORDER_PLACED',
    externalId: 'J-1',
    occurredAt: new Date('2026-11-28T10:00:01Z'),
    order,
  };
}

function problemsOf(input: ProviderOrderEventInput): string[] {
  try {
    validateProviderOrderEvent(input);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions['code'] === 'BAD_USER_INPUT')
      return error.extensions['problems'] as string[];
    throw error;
  }
  return [];
}

describe(validateProviderOrderEvent.name, () => {
  it('accepts a consistent order, trims text and stores absent options as empty lists', () => {
    const event = validateProviderOrderEvent(placed());
    expect(event.kind).toBe('ORDER_PLACED');
    if (event.kind !== 'ORDER_PLACED') return;
    expect(event.order.displayCode).toBe('A-17');
    expect(event.order.items[0]?.modifiers).toEqual([]);
    expect(event.order.warnings).toEqual([]);
  });

  it('keeps the adapter warnings first, adds totals warnings, and drops duplicates and blanks', () => {
    const event = validateProviderOrderEvent(
      placed(anOrder({ total: 4100, warnings: ['dropped option', ' ', 'dropped option'] })),
    );
    if (event.kind !== 'ORDER_PLACED') throw new Error('expected ORDER_PLACED');
    expect(event.order.warnings).toEqual([
      'dropped option',
      'Subtotal + delivery fee + tax + tip - discount = 4.000 BHD but the total is 4.100 BHD.',
    ]);
  });

  it('lists every problem at once, in the order the canonical order lists its fields', () => {
    const problems = problemsOf({
      ...placed(
        anOrder({
          currency: 'EURO',
          displayCode: '',
          items: [{ name: '', quantity: 0, unitPrice: -1, total: 1.5 }],
          delivery: { lat: 91, lng: -181 },
          payment: { method: ' ', paid: true },
        }),
      ),
      connectionId: 'x',
      eventKey: '',
    });
    expect(problems).toEqual([
      'connectionId must be a UUID',
      'eventKey must not be empty',
      'order.displayCode must not be empty',
      'order.currency "EURO" is not an ISO 4217 currency code',
      'order.delivery.lat must be between -90 and 90',
      'order.delivery.lng must be between -180 and 180',
      'order.items[0].name must not be empty',
      'order.items[0].quantity must be a whole number of at least 1',
      'order.items[0].unitPrice must not be negative',
      'order.items[0].total must be an integer number of minor units',
      'order.payment.method must not be empty',
    ]);
  });

  // Found by fuzzing: PostgreSQL refused these on every attempt, so the worker retried until the event was DEAD.
  it('refuses text PostgreSQL cannot store (NUL, unpaired surrogate) as a permanent input problem', () => {
    const problems = problemsOf(
      placed(
        anOrder({
          customer: { name: 'Omar\u0000', phone: null },
          items: [{ name: 'Falafel \ud800', quantity: 1, unitPrice: 4000, total: 4000 }],
          warnings: ['bad \u0000 warning'],
        }),
      ),
    );
    expect(problems).toEqual([
      'order.customer.name must not hold U+0000 or an unpaired surrogate',
      'order.items[0].name must not hold U+0000 or an unpaired surrogate',
      'order.warnings[0] must not hold U+0000 or an unpaired surrogate',
    ]);
  });

  // Found by fuzzing: formatting the totals warning for such sums threw, an INTERNAL_SERVER_ERROR the worker retried until DEAD.
  it('refuses amounts that add up past the safe-integer range', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(problemsOf(placed(anOrder({ deliveryFee: max, total: max })))).toEqual([
      'order amounts add up past the largest amount of minor units Nexara can hold',
    ]);
    expect(
      problemsOf(
        placed(
          anOrder({
            items: [
              { name: 'a', quantity: 1, unitPrice: max, total: max },
              { name: 'b', quantity: 1, unitPrice: 1, total: 1 },
            ],
          }),
        ),
      ),
    ).toEqual(['order amounts add up past the largest amount of minor units Nexara can hold']);
  });

  it('refuses an order without items', () => {
    expect(problemsOf(placed(anOrder({ items: [] })))).toEqual(['order.items must not be empty']);
  });

  it('lets a modifier take money off but not nest without end', () => {
    const nested = (depth: number): { name: string; quantity: number; unitPrice: number; modifiers: unknown[] }[] =>
      depth === 0 ? [] : [{ name: `level ${depth}`, quantity: 1, unitPrice: -100, modifiers: nested(depth - 1) }];
    const item = (depth: number) => ({
      name: 'Pizza',
      quantity: 1,
      unitPrice: 3600,
      total: 3500,
      modifiers: nested(depth) as never,
    });
    expect(problemsOf(placed(anOrder({ items: [item(MAX_MODIFIER_DEPTH)] })))).toEqual([]);
    expect(problemsOf(placed(anOrder({ items: [item(MAX_MODIFIER_DEPTH + 1)] })))).toEqual([
      `order.items[0]${'.modifiers[0]'.repeat(MAX_MODIFIER_DEPTH)}.modifiers nests deeper than ${MAX_MODIFIER_DEPTH} levels`,
    ]);
  });

  it('needs the order for ORDER_PLACED and the status for STATUS_CHANGED', () => {
    expect(problemsOf(placed(null))).toEqual(['order is required for ORDER_PLACED']);
    expect(problemsOf({ ...placed(), kind: 'STATUS_CHANGED', order: null, status: null })).toEqual([
      'status is required for STATUS_CHANGED',
    ]);
    const status = validateProviderOrderEvent({ ...placed(), kind: 'STATUS_CHANGED', order: null, status: 'READY' });
    expect(status).toMatchObject({ kind: 'STATUS_CHANGED', status: 'READY', connectionId: CONNECTION });
  });

  describe('naming the order: exactly one of externalId and orderId', () => {
    const ORDER_ID = '7E1B2C3D-4A5B-5C6D-8E7F-9A0B1C2D3E4F';
    const statusChanged = (
      names: Pick<ProviderOrderEventInput, 'externalId' | 'orderId'>,
    ): ProviderOrderEventInput => ({
      ...placed(),
      kind: 'STATUS_CHANGED',
      order: null,
      status: 'ACCEPTED',
      externalId: null,
      orderId: null,
      ...names,
    });

    it('takes a status event by our order id (lower-cased) or by the provider id (trimmed)', () => {
      expect(validateProviderOrderEvent(statusChanged({ orderId: ORDER_ID }))).toMatchObject({
        target: { by: 'orderId', orderId: ORDER_ID.toLowerCase() },
      });
      expect(validateProviderOrderEvent(statusChanged({ externalId: ' J-1 ' }))).toMatchObject({
        target: { by: 'externalId', externalId: 'J-1' },
      });
    });

    it.each<[string, Pick<ProviderOrderEventInput, 'externalId' | 'orderId'>, string]>([
      ['both', { externalId: 'J-1', orderId: ORDER_ID }, 'set either externalId or orderId, not both'],
      ['neither', {}, 'externalId or orderId is required'],
      ['blank ones', { externalId: '  ', orderId: ' ' }, 'externalId or orderId is required'],
      ['an orderId that is not a UUID', { orderId: 'TLB-1' }, 'orderId must be a UUID'],
    ])('refuses %s', (_case, names, problem) => {
      expect(problemsOf(statusChanged(names))).toEqual([problem]);
    });

    it('needs externalId for ORDER_PLACED', () => {
      expect(problemsOf({ ...placed(), externalId: null, orderId: ORDER_ID })).toEqual([
        "ORDER_PLACED names the order by externalId (the provider's order id), not orderId",
      ]);
      expect(problemsOf({ ...placed(), externalId: null })).toEqual(['externalId or orderId is required']);
    });
  });
});
