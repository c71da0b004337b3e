import type { CanonicalOrderEvent } from '../adapter';
import { PayloadError } from '../common/errors';
import { aConnection, aWebhook, at, editedFixture, fixtureBytes } from '../common/test-support';
import { deliverooAdapter } from './deliveroo.adapter';

const GUID = '5d1b3e2a-9c47-4f8e-b6a0-3e7d2c1f9a85';
const kuwait = aConnection('DELIVEROO', { currency: 'KWD', externalStoreId: 'kw-salmiya-042' });
const dubai = aConnection('DELIVEROO', { currency: 'AED', externalStoreId: 'dxb-jbr-007' });
const receivedAt = new Date('2025-03-14T17:03:00.000Z');

function parse(rawBody: Buffer, connection = kuwait): CanonicalOrderEvent[] {
  return deliverooAdapter.parse(
    aWebhook('DELIVEROO', { rawBody, receivedAt, headers: { 'x-deliveroo-sequence-guid': GUID } }),
    connection,
  );
}

const edited = (name: string, edit: (body: Record<string, unknown>) => void): Buffer =>
  editedFixture(__dirname, name, edit);
const orderOf = (body: Record<string, unknown>): Record<string, unknown> => at(body, 'body', 'order');

describe('Deliveroo parsing', () => {
  it('turns a restaurant-delivered KWD order into the canonical order, every field in minor units', () => {
    expect(parse(fixtureBytes(__dirname, 'order-new-kwd-delivery.json'))).toEqual([
      {
        eventKey: GUID,
        kind: 'ORDER_PLACED',
        externalId: 'kw:7c1e9d52-3b8a-4f60-a2d4-91e5b7c03f18',
        orderId: null,
        occurredAt: '2025-03-14T17:02:11.000Z',
        status: null,
        note: null,
        order: {
          displayCode: '4F2K',
          placedAt: '2025-03-14T17:02:11.000Z',
          acceptBy: '2025-03-14T17:12:11.000Z',
          currency: 'KWD',
          customer: { name: 'Fatima', phone: '+965 5000 1234' },
          delivery: {
            address: 'Block 10, Street 5, House 12, Apartment 3, Salmiya, 22001',
            notes: 'Estimated delivery at 2025-03-14T17:40:00.000Z.',
            lat: 29.3375,
            lng: 48.0758,
          },
          items: [
            {
              externalId: 'SHW-CHK',
              name: 'Chicken Shawarma Wrap | شاورما دجاج',
              quantity: 2,
              unitPrice: 1250,
              total: 4800,
              notes: null,
              modifiers: [
                { name: 'Extra garlic sauce | ثومية إضافية', quantity: 1, unitPrice: 150, modifiers: [] },
                {
                  name: 'Make it a meal',
                  quantity: 1,
                  unitPrice: 750,
                  modifiers: [
                    { name: 'Large fries', quantity: 1, unitPrice: 250, modifiers: [] },
                    { name: 'Laban | لبن', quantity: 1, unitPrice: 0, modifiers: [] },
                  ],
                },
              ],
            },
            {
              externalId: 'SLD-FAT',
              name: 'Fattoush Salad',
              quantity: 1,
              unitPrice: 1500,
              total: 1500,
              notes: null,
              modifiers: [{ name: 'No onions', quantity: 1, unitPrice: 0, modifiers: [] }],
            },
            {
              externalId: 'DST-KNF',
              name: 'Kunafa | كنافة',
              quantity: 1,
              unitPrice: 1750,
              total: 1750,
              notes: null,
              modifiers: [],
            },
          ],
          subtotal: 8050,
          deliveryFee: 500,
          discount: 805,
          tax: 0,
          tip: 0,
          total: 7745,
          payment: { method: 'ONLINE', paid: true },
          notes: "Please don't ring the bell, the baby is sleeping\nCutlery requested.",
          warnings: [],
        },
      },
    ]);
  });

  it('splits a new order already accepted on the tablet into the order and its status, for a scheduled cash pick-up', () => {
    const events = parse(fixtureBytes(__dirname, 'order-new-aed-pickup-accepted.json'), dubai);
    expect(events).toHaveLength(2);
    const [placed, accepted] = events;
    expect(placed).toMatchObject({
      eventKey: GUID,
      kind: 'ORDER_PLACED',
      externalId: 'ae:0b5f2e81-6d3c-47a9-b1e0-c8a4d2f97e63',
      occurredAt: '2025-03-14T12:00:00.000Z',
    });
    expect(placed!.order).toEqual({
      displayCode: '9QZT',
      placedAt: '2025-03-14T12:00:00.000Z',
      acceptBy: '2025-03-14T12:10:00.000Z',
      currency: 'AED',
      customer: { name: 'Rashid', phone: '+971 50 555 0199' },
      delivery: null,
      items: [
        {
          externalId: 'MCH-CHK',
          name: 'Chicken Machboos | مجبوس دجاج',
          quantity: 1,
          unitPrice: 3800,
          total: 4300,
          notes: null,
          modifiers: [
            {
              name: 'Rice',
              quantity: 1,
              unitPrice: 0,
              modifiers: [{ name: 'Extra rice', quantity: 1, unitPrice: 500, modifiers: [] }],
            },
          ],
        },
        {
          externalId: 'KRK',
          name: 'Karak Chai | شاي كرك',
          quantity: 2,
          unitPrice: 600,
          total: 1200,
          notes: null,
          modifiers: [],
        },
      ],
      subtotal: 5500,
      deliveryFee: 0,
      discount: 0,
      tax: 0,
      tip: 0,
      total: 5500,
      payment: { method: 'CASH', paid: false },
      notes: 'Scheduled order, start preparing at 2025-03-14T13:10:00.000Z, ready for 2025-03-14T13:30:00.000Z.',
      warnings: [],
    });
    expect(accepted).toEqual({
      eventKey: `${GUID}:status`,
      kind: 'STATUS_CHANGED',
      externalId: 'ae:0b5f2e81-6d3c-47a9-b1e0-c8a4d2f97e63',
      orderId: null,
      occurredAt: '2025-03-14T12:01:30.000Z',
      status: 'ACCEPTED',
      note: null,
      order: null,
    });
  });

  it('reads a status update as a status change at the time Deliveroo logged it', () => {
    expect(parse(fixtureBytes(__dirname, 'order-status-update-canceled.json'))).toEqual([
      {
        eventKey: GUID,
        kind: 'STATUS_CHANGED',
        externalId: 'kw:7c1e9d52-3b8a-4f60-a2d4-91e5b7c03f18',
        orderId: null,
        occurredAt: '2025-03-14T17:06:45.000Z',
        status: 'CANCELLED',
        note: null,
        order: null,
      },
    ]);
  });

  it.each([
    ['placed', 'RECEIVED'],
    ['accepted', 'ACCEPTED'],
    ['rejected', 'REJECTED'],
    ['confirmed', 'PREPARING'],
    ['canceled', 'CANCELLED'],
  ])('maps status %s to %s', (status, expected) => {
    const [event] = parse(
      edited('order-status-update-canceled.json', (body) => {
        orderOf(body)['status'] = status;
        orderOf(body)['status_log'] = [];
      }),
    );
    expect(event).toMatchObject({ kind: 'STATUS_CHANGED', status: expected, occurredAt: receivedAt.toISOString() });
  });

  it('gives a Deliveroo-rider delivery a delivery without address, and table service no delivery', () => {
    const rider = parse(
      edited('order-new-kwd-delivery.json', (body) => {
        orderOf(body)['fulfillment_type'] = 'deliveroo';
        orderOf(body)['total_price'] = { fractional: 7245, currency_code: 'KWD' };
      }),
    )[0]!;
    expect(rider.order).toMatchObject({
      delivery: { address: null, notes: null, lat: null, lng: null },
      deliveryFee: 0,
      warnings: [],
    });

    const table = parse(
      edited('order-new-kwd-delivery.json', (body) => {
        orderOf(body)['fulfillment_type'] = 'table_service';
        orderOf(body)['cutlery'] = false;
        orderOf(body)['total_price'] = { fractional: 7245, currency_code: 'KWD' };
      }),
    )[0]!;
    expect(table.order).toMatchObject({
      delivery: null,
      notes: "Please don't ring the bell, the baby is sleeping\nTable service.",
    });
  });

  it('keeps an order whose figures do not add up, with warnings', () => {
    const [event] = parse(
      edited('order-new-kwd-delivery.json', (body) => {
        at(orderOf(body), 'items', 2)['total_price'] = { fractional: 1800, currency_code: 'KWD' };
        orderOf(body)['total_price'] = { fractional: 8000, currency_code: 'KWD' };
      }),
    );
    // Deliveroo sends no subtotal, so the lines are the subtotal and only the total can disagree.
    expect(event!.order!.subtotal).toBe(8100);
    expect(event!.order!.warnings).toEqual([
      'Subtotal + delivery fee + tax + tip - discount = 7.795 KWD but the total is 8.000 KWD.',
    ]);
  });

  it('warns when a restaurant-delivered order comes without delivery details', () => {
    const [event] = parse(
      edited('order-new-kwd-delivery.json', (body) => {
        delete orderOf(body)['delivery'];
        orderOf(body)['total_price'] = { fractional: 7245, currency_code: 'KWD' };
      }),
    );
    expect(event!.order).toMatchObject({
      delivery: { address: null, notes: null, lat: null, lng: null },
      warnings: ['Deliveroo sent no delivery details for an order the restaurant delivers.'],
    });
  });

  it.each<[string, Buffer, RegExp]>([
    ['garbage instead of JSON', Buffer.from('<html>502</html>'), /must be a JSON object/],
    [
      'an unknown event',
      edited('order-new-kwd-delivery.json', (body) => void (body['event'] = 'menu.updated')),
      /body\.event "menu\.updated" is not one of order\.new, order\.status_update/,
    ],
    [
      'no order',
      edited('order-new-kwd-delivery.json', (body) => void (body['body'] = {})),
      /body\.body\.order must be an object/,
    ],
    [
      'another location',
      edited('order-new-kwd-delivery.json', (body) => void (orderOf(body)['location_id'] = 'kw-hawally-001')),
      /location_id "kw-hawally-001" is not this connection's Deliveroo location_id "kw-salmiya-042"/,
    ],
    [
      'an unknown status',
      edited('order-new-kwd-delivery.json', (body) => void (orderOf(body)['status'] = 'lost')),
      /body\.body\.order\.status "lost" is not one of placed, accepted/,
    ],
    [
      'another currency',
      edited(
        'order-new-kwd-delivery.json',
        (body) => void (orderOf(body)['total_price'] = { fractional: 7745, currency_code: 'GBP' }),
      ),
      /total_price\.currency_code "GBP" is not this connection's currency KWD/,
    ],
    [
      'a fractional amount that is not whole',
      edited(
        'order-new-kwd-delivery.json',
        (body) => void (at(orderOf(body), 'items', 0)['unit_price'] = { fractional: 12.5, currency_code: 'KWD' }),
      ),
      /items\[0\]\.unit_price\.fractional must be a whole number of minor units/,
    ],
    [
      'a negative price',
      edited(
        'order-new-kwd-delivery.json',
        (body) => void (at(orderOf(body), 'items', 1)['total_price'] = { fractional: -1500, currency_code: 'KWD' }),
      ),
      /items\[1\]\.total_price\.fractional must not be negative/,
    ],
    [
      'no items',
      edited('order-new-kwd-delivery.json', (body) => void (orderOf(body)['items'] = [])),
      /items must not be empty/,
    ],
    [
      'a zero quantity',
      edited('order-new-kwd-delivery.json', (body) => void (at(orderOf(body), 'items', 0)['quantity'] = 0)),
      /items\[0\]\.quantity must be a whole number of at least 1/,
    ],
    [
      'an unknown fulfillment type',
      edited('order-new-kwd-delivery.json', (body) => void (orderOf(body)['fulfillment_type'] = 'drone')),
      /fulfillment_type "drone"/,
    ],
    [
      'a status log time without zone',
      edited(
        'order-new-kwd-delivery.json',
        (body) => void (orderOf(body)['status_log'] = [{ at: '2025-03-14 17:02', status: 'placed' }]),
      ),
      /status_log\[0\]\.at "2025-03-14 17:02" must be an ISO 8601 date-time with a time zone/,
    ],
    // Found by fuzzing: read recursively, thousands of levels overflowed the stack.
    [
      'modifiers nested 1,000 deep',
      edited('order-new-kwd-delivery.json', (body) => {
        const item = at(orderOf(body), 'items', 0);
        const first = (item['modifiers'] as Record<string, unknown>[])[0]!;
        let nested = first;
        for (let level = 0; level < 1_000; level += 1) nested = { ...first, modifiers: [nested] };
        item['modifiers'] = [nested];
      }),
      /items\[0\](\.modifiers\[0\]){5}\.modifiers nests modifiers deeper than 5 levels/,
    ],
    [
      'a NUL in a name',
      edited('order-new-kwd-delivery.json', (body) => void (at(orderOf(body), 'items', 0)['name'] = 'Burger\u0000')),
      /items\[0\]\.name holds a character no order can store/,
    ],
  ])('fails for good (PayloadError) on %s', (_case, rawBody, reason) => {
    const run = (): unknown => parse(rawBody);
    expect(run).toThrow(PayloadError);
    expect(run).toThrow(reason);
  });
});
