import type { CanonicalOrderEvent } from '../adapter';
import { PayloadError } from '../common/errors';
import { aConnection, aWebhook, at, editedFixture, fixtureBytes } from '../common/test-support';
import { careemAdapter } from './careem.adapter';
import { taxOf } from './parse';

const dubai = aConnection('CAREEM', { currency: 'AED', externalStoreId: 'brn-dxb-marina-01' });
const riyadh = aConnection('CAREEM', { currency: 'SAR', externalStoreId: 'brn-ruh-olaya-03' });
const receivedAt = new Date('2025-03-14T15:20:00.000Z');

function parse(rawBody: Buffer, connection = dubai): CanonicalOrderEvent[] {
  return careemAdapter.parse(aWebhook('CAREEM', { rawBody, receivedAt }), connection);
}

const edited = (name: string, edit: (body: Record<string, unknown>) => void): Buffer =>
  editedFixture(__dirname, name, edit);

describe('Careem parsing', () => {
  it('turns a captain-delivered AED order into the canonical order, computing VAT and the total', () => {
    expect(parse(fixtureBytes(__dirname, 'order-created-aed-delivery.json'))).toEqual([
      {
        eventKey: 'c2f4a6e8-1b3d-4f5a-9c7e-0d2b4f6a8c1e',
        kind: 'ORDER_PLACED',
        externalId: '40938211',
        orderId: null,
        occurredAt: '2025-03-14T15:15:42.000Z',
        status: null,
        note: null,
        order: {
          displayCode: '40938211',
          placedAt: '2025-03-14T15:15:42.000Z',
          acceptBy: '2025-03-14T15:23:42.000Z',
          currency: 'AED',
          customer: { name: 'Omar Khalid', phone: '+971501234567' },
          delivery: { address: null, notes: null, lat: null, lng: null },
          items: [
            {
              externalId: 'itm-77',
              name: 'Falafel Plate | صحن فلافل',
              quantity: 2,
              unitPrice: 2450,
              total: 7000,
              notes: null,
              modifiers: [
                { name: 'Extra tahini | طحينة إضافية', quantity: 1, unitPrice: 200, modifiers: [] },
                { name: 'Add halloumi', quantity: 2, unitPrice: 425, modifiers: [] },
              ],
            },
            {
              externalId: 'itm-12',
              name: 'Mint Lemonade',
              quantity: 1,
              unitPrice: 1200,
              total: 1200,
              notes: null,
              modifiers: [],
            },
          ],
          subtotal: 8200,
          deliveryFee: 700,
          discount: 820,
          // 73.80 x 5 % = 3.69
          tax: 369,
          tip: 0,
          total: 8449,
          payment: { method: 'CARD', paid: true },
          notes: 'Extra napkins please',
          warnings: [],
        },
      },
    ]);
  });

  it('splits an already-accepted SAR pick-up into the order and its status, rounding VAT half-up', () => {
    const [placed, accepted, ...rest] = parse(
      fixtureBytes(__dirname, 'order-created-sar-pickup-accepted.json'),
      riyadh,
    );
    expect(rest).toEqual([]);
    expect(placed).toEqual({
      eventKey: '7a9c1e3f-5b7d-4a2c-8e0f-3b5d7f9a1c2e',
      kind: 'ORDER_PLACED',
      externalId: 'RUH-5520914',
      orderId: null,
      occurredAt: '2025-03-14T20:30:00.000Z',
      status: null,
      note: null,
      order: {
        displayCode: 'RUH-5520914',
        placedAt: '2025-03-14T20:30:00.000Z',
        acceptBy: '2025-03-14T20:38:00.000Z',
        currency: 'SAR',
        customer: { name: 'نورة العتيبي', phone: '+966551234567' },
        delivery: null,
        items: [
          {
            externalId: 'kbs-01',
            name: 'Chicken Kabsa | كبسة دجاج',
            quantity: 1,
            unitPrice: 4500,
            total: 4750,
            notes: null,
            modifiers: [{ name: 'Extra daqoos | دقوس إضافي', quantity: 1, unitPrice: 250, modifiers: [] }],
          },
          {
            externalId: 'lbn-02',
            name: 'Laban Up',
            quantity: 1,
            unitPrice: 1000,
            total: 1000,
            notes: null,
            modifiers: [],
          },
        ],
        subtotal: 5750,
        deliveryFee: 0,
        discount: 0,
        // 57.50 x 15 % = 8.625 -> 8.63
        tax: 863,
        tip: 0,
        total: 6613,
        payment: { method: 'CASH', paid: false },
        notes: null,
        warnings: [],
      },
    });
    expect(accepted).toEqual({
      eventKey: '7a9c1e3f-5b7d-4a2c-8e0f-3b5d7f9a1c2e:status',
      kind: 'STATUS_CHANGED',
      externalId: 'RUH-5520914',
      orderId: null,
      occurredAt: '2025-03-14T20:30:00.000Z',
      status: 'ACCEPTED',
      note: null,
      order: null,
    });
  });

  it('reads a status update as a status change at the time it arrived', () => {
    expect(parse(fixtureBytes(__dirname, 'order-status-updated.json'))).toEqual([
      {
        eventKey: 'e1d3c5b7-9a2f-4e6d-b8c0-4f2e6a8d0b13',
        kind: 'STATUS_CHANGED',
        externalId: '40938211',
        orderId: null,
        occurredAt: '2025-03-14T15:20:00.000Z',
        status: 'READY',
        note: null,
        order: null,
      },
    ]);
  });

  it.each([
    ['pending', 'RECEIVED'],
    ['accepted', 'ACCEPTED'],
    ['ready', 'READY'],
    ['driver_coming', 'READY'],
    ['driver_here', 'READY'],
    ['trip_started', 'PICKED_UP'],
    ['trip_ended', 'DELIVERED'],
    ['cancelled', 'CANCELLED'],
  ])('maps status %s to %s', (status, expected) => {
    const [event] = parse(edited('order-status-updated.json', (body) => void (at(body, 'details')['status'] = status)));
    expect(event).toMatchObject({ kind: 'STATUS_CHANGED', status: expected });
  });

  describe('in a zero-decimal currency (JPY)', () => {
    const tokyo = aConnection('CAREEM', { currency: 'JPY', externalStoreId: 'brn-dxb-marina-01' });
    const yenOrder = (deliveryFee: number | string): Buffer =>
      edited('order-created-aed-delivery.json', (body) => {
        const details = at(body, 'details');
        details['items'] = [
          {
            id: 'rmn',
            name: 'Tonkotsu Ramen',
            quantity: 2,
            price: 1200,
            options: [{ id: 'egg', name: 'Ajitama', quantity: 1, price: '150' }],
          },
        ];
        details['price'] = {
          original_total_price: 2700,
          total_taxable_price: 2700,
          tax_percentage: 10,
          delivery_fee: deliveryFee,
          discount: 0,
        };
      });

    it('reads whole amounts as they are', () => {
      const [event] = parse(yenOrder(300), tokyo);
      expect(event!.order).toMatchObject({
        currency: 'JPY',
        items: [
          {
            unitPrice: 1200,
            total: 2700,
            modifiers: [{ name: 'Ajitama', quantity: 1, unitPrice: 150, modifiers: [] }],
          },
        ],
        subtotal: 2700,
        deliveryFee: 300,
        tax: 270,
        total: 3270,
        warnings: [],
      });
    });

    it('fails for good on a fractional yen amount', () => {
      const run = (): unknown => parse(yenOrder('12.5'), tokyo);
      expect(run).toThrow(PayloadError);
      expect(run).toThrow(/body\.details\.price\.delivery_fee: 12\.5 has more decimals than JPY allows \(0\)/);
    });
  });

  it('keeps an order whose lines do not add up to its subtotal, with a warning', () => {
    const [event] = parse(
      edited('order-created-aed-delivery.json', (body) => void (at(body, 'details', 'items', 1)['price'] = 13.5)),
    );
    expect(event!.order!.warnings).toEqual(['Line items add up to 83.50 AED but the subtotal is 82.00 AED.']);
    expect(event!.order!.total).toBe(8449);
  });

  it.each<[string, Buffer, RegExp]>([
    ['garbage instead of JSON', Buffer.from('\u0000\u0001binary'), /JSON object/],
    [
      'an unknown event type',
      edited('order-created-aed-delivery.json', (body) => void (body['event_type'] = 'MENU_UPDATED')),
      /body\.event_type "MENU_UPDATED" is not one of ORDER_CREATED, ORDER_STATUS_UPDATED/,
    ],
    [
      'another branch',
      edited('order-created-aed-delivery.json', (body) => void (at(body, 'details', 'branch')['id'] = 'brn-auh-01')),
      /body\.details\.branch\.id "brn-auh-01" is not this connection's Careem branch id/,
    ],
    [
      'another branch on a status update',
      edited('order-status-updated.json', (body) => void (at(body, 'details', 'branch')['id'] = 'brn-auh-01')),
      /Careem branch id/,
    ],
    [
      'an unknown status',
      edited('order-status-updated.json', (body) => void (at(body, 'details')['status'] = 'teleported')),
      /body\.details\.status "teleported"/,
    ],
    [
      'a price with more decimals than AED has',
      edited('order-created-aed-delivery.json', (body) => void (at(body, 'details', 'items', 0)['price'] = 24.555)),
      /items\[0\]\.price: 24\.555 has more decimals than AED allows \(2\)/,
    ],
    [
      'a price that is text',
      edited('order-created-aed-delivery.json', (body) => void (at(body, 'details', 'items', 0)['price'] = 'twenty')),
      /items\[0\]\.price: "twenty" is not a decimal amount/,
    ],
    [
      'a price that is null',
      edited('order-created-aed-delivery.json', (body) => void (at(body, 'details', 'items', 0)['price'] = null)),
      /items\[0\]\.price must be a decimal amount/,
    ],
    [
      'an impossible tax percentage',
      edited('order-created-aed-delivery.json', (body) => void (at(body, 'details', 'price')['tax_percentage'] = 150)),
      /tax_percentage must not exceed 100/,
    ],
    [
      'a tax percentage that is text',
      edited(
        'order-created-aed-delivery.json',
        (body) => void (at(body, 'details', 'price')['tax_percentage'] = 'five'),
      ),
      /tax_percentage "five" must be a percentage/,
    ],
    [
      'a discount larger than the order',
      edited('order-created-aed-delivery.json', (body) => void (at(body, 'details', 'price')['discount'] = 500)),
      /discount is larger than the order/,
    ],
    [
      'no created_at',
      edited('order-created-aed-delivery.json', (body) => void delete at(body, 'details')['created_at']),
      /body\.details\.created_at is required/,
    ],
    [
      'a created_at without zone',
      edited(
        'order-created-aed-delivery.json',
        (body) => void (at(body, 'details')['created_at'] = '2025-03-14 19:15:42'),
      ),
      /created_at "2025-03-14 19:15:42" must be an ISO 8601 date-time with a time zone/,
    ],
    [
      'a missing delivery type',
      edited('order-created-aed-delivery.json', (body) => void delete at(body, 'details')['delivery_type']),
      /delivery_type/,
    ],
    [
      'items that are not a list',
      edited('order-created-aed-delivery.json', (body) => void (at(body, 'details')['items'] = { id: 1 })),
      /body\.details\.items must be an array/,
    ],
  ])('fails for good (PayloadError) on %s', (_case, rawBody, reason) => {
    const run = (): unknown => parse(rawBody);
    expect(run).toThrow(PayloadError);
    expect(run).toThrow(reason);
  });

  it.each([
    [7380, 5, 369],
    [5750, 15, 863],
    [5750, '15', 863],
    [1000, 2.5, 25],
    [999, 2.5, 25],
    [1, 49.9, 0],
    [1, 50, 1],
    [12345, 0, 0],
    [57500, 100, 57500],
  ])('tax of %i minor units at %s %% is %i (half-up, exact)', (amount, percentage, expected) => {
    expect(taxOf(amount, percentage, 'tax_percentage')).toBe(expected);
  });

  // Found by fuzzing: quoting a deeply nested array in the reason overflowed the stack (String() recurses).
  it('refuses a percentage that is not a number without quoting it', () => {
    let nested: unknown = 5;
    for (let level = 0; level < 20_000; level += 1) nested = [nested];
    const run = (): unknown => taxOf(7380, nested, 'tax_percentage');
    expect(run).toThrow(new PayloadError('tax_percentage must be a percentage such as 5 or 2.5'));
  });
});
