import type { CanonicalOrderEvent, InboundWebhook } from '../adapter';
import { PayloadError } from '../common/errors';
import { aConnection, aWebhook, at, editedFixture, fixtureBytes } from '../common/test-support';
import { talabatAdapter } from './definition';

const kuwait = aConnection('TALABAT', { currency: 'KWD', externalStoreId: 'kw-burger-lab-12' });
const dubai = aConnection('TALABAT', { currency: 'AED', externalStoreId: 'ae-pizza-dxb-3' });
const receivedAt = new Date('2025-03-14T18:21:00.000Z');
const REMOTE_ORDER_ID = '6e0c9a54-1f3b-5d7e-8a2c-4b6d8f0a2c4e';

function newOrder(rawBody: Buffer, connection = kuwait): CanonicalOrderEvent[] {
  return talabatAdapter.parse(
    aWebhook('TALABAT', { subPath: `order/${connection.externalStoreId}`, rawBody, receivedAt }),
    connection,
  );
}

function statusCall(rawBody: Buffer, overrides: Partial<InboundWebhook> = {}): CanonicalOrderEvent[] {
  return talabatAdapter.parse(
    aWebhook('TALABAT', {
      method: 'PUT',
      subPath: `remoteId/kw-burger-lab-12/remoteOrder/${REMOTE_ORDER_ID}/posOrderStatus`,
      rawBody,
      receivedAt,
      ...overrides,
    }),
    kuwait,
  );
}

const edited = (name: string, edit: (body: Record<string, unknown>) => void): Buffer =>
  editedFixture(__dirname, name, edit);

describe('Talabat parsing', () => {
  it('turns a KWD delivery order into the canonical order: 3-decimal strings, nested toppings, summed fees, tip', () => {
    expect(newOrder(fixtureBytes(__dirname, 'order-new-kwd-delivery.json'))).toEqual([
      {
        eventKey: 'b0a7c3e2-5d19-4e8f-a6b2-7c4d1e9f3a58',
        kind: 'ORDER_PLACED',
        externalId: 'b0a7c3e2-5d19-4e8f-a6b2-7c4d1e9f3a58',
        orderId: null,
        occurredAt: '2025-03-14T18:20:05.000Z',
        status: null,
        note: null,
        order: {
          displayCode: '482',
          placedAt: '2025-03-14T18:20:05.000Z',
          acceptBy: '2025-03-14T18:28:05.000Z',
          currency: 'KWD',
          customer: { name: 'Yousef Al-Mutairi', phone: '+96550001234' },
          delivery: {
            address: 'Salem Al Mubarak St 34, Building Al Fanar Tower, Floor 3, Flat 7, Salmiya, 22001',
            notes: 'Call on arrival, gate code 4512',
            lat: 29.3361,
            lng: 48.0764,
          },
          items: [
            {
              externalId: 'BRG-DBL',
              name: 'Double Smash Burger | برجر سماش دبل',
              quantity: 2,
              unitPrice: 2750,
              total: 7000,
              notes: 'Well done please',
              modifiers: [
                { name: 'Extra cheese | جبن إضافي', quantity: 1, unitPrice: 250, modifiers: [] },
                {
                  name: 'Make it a combo',
                  quantity: 1,
                  unitPrice: 500,
                  modifiers: [
                    { name: 'Curly fries', quantity: 1, unitPrice: 0, modifiers: [] },
                    { name: 'Pepsi Diet', quantity: 1, unitPrice: 0, modifiers: [] },
                  ],
                },
              ],
            },
            {
              externalId: 'SLD-CSR',
              name: 'Caesar Salad',
              quantity: 1,
              unitPrice: 1900,
              total: 1900,
              notes: null,
              modifiers: [],
            },
            {
              externalId: 'p-3003',
              name: 'Mango Lassi | لاسي مانجو',
              quantity: 3,
              unitPrice: 800,
              total: 2400,
              notes: null,
              modifiers: [],
            },
          ],
          subtotal: 11300,
          deliveryFee: 600,
          discount: 1130,
          tax: 0,
          tip: 250,
          total: 11020,
          payment: { method: 'KNET', paid: true },
          notes: 'No onions on anything please\nRider pickup at 2025-03-14T18:42:00.000Z.',
          warnings: [],
        },
      },
    ]);
  });

  it('turns an AED pick-up pre-order into the canonical order, VAT on top, "12.5"-style strings', () => {
    const [event, ...rest] = newOrder(fixtureBytes(__dirname, 'order-new-aed-pickup-preorder.json'), dubai);
    expect(rest).toEqual([]);
    expect(event).toEqual({
      eventKey: 'e4d2b0a8-9f7e-4c6d-b5a4-3e2d1c0b9a87',
      kind: 'ORDER_PLACED',
      externalId: 'e4d2b0a8-9f7e-4c6d-b5a4-3e2d1c0b9a87',
      orderId: null,
      occurredAt: '2025-03-14T05:10:00.000Z',
      status: null,
      note: null,
      order: {
        displayCode: '117',
        placedAt: '2025-03-14T05:10:00.000Z',
        acceptBy: '2025-03-14T05:20:00.000Z',
        currency: 'AED',
        customer: { name: 'Layla', phone: '+971555550123' },
        delivery: null,
        items: [
          {
            externalId: 'PZ-MRG',
            name: 'Margherita Pizza | بيتزا مارغريتا',
            quantity: 1,
            unitPrice: 3200,
            total: 3850,
            notes: 'Cut in 8 slices',
            modifiers: [{ name: 'Extra mozzarella', quantity: 1, unitPrice: 650, modifiers: [] }],
          },
          {
            externalId: 'GRL-BRD',
            name: 'Garlic Bread',
            quantity: 2,
            unitPrice: 1250,
            total: 2500,
            notes: null,
            modifiers: [],
          },
        ],
        subtotal: 6350,
        deliveryFee: 0,
        discount: 0,
        tax: 318,
        tip: 0,
        total: 6668,
        payment: { method: 'cash', paid: false },
        notes: 'Pre-order: expected at 2025-03-14T08:30:00.000Z.',
        warnings: [],
      },
    });
  });

  it('names the order of a status call by the remoteOrderId we answered with, as externalId is unknown', () => {
    expect(statusCall(fixtureBytes(__dirname, 'order-status-cancelled.json'))).toEqual([
      {
        eventKey: `posOrderStatus:${REMOTE_ORDER_ID}:ORDER_CANCELLED`,
        kind: 'STATUS_CHANGED',
        externalId: null,
        orderId: REMOTE_ORDER_ID,
        occurredAt: '2025-03-14T18:21:00.000Z',
        status: 'CANCELLED',
        note: 'Customer cancelled: ordered by mistake',
        order: null,
      },
    ]);
  });

  it.each([
    ['ORDER_CANCELLED', 'CANCELLED'],
    ['ORDER_PICKED_UP', 'PICKED_UP'],
  ])('maps posOrderStatus %s to %s', (status, expected) => {
    const [event] = statusCall(Buffer.from(JSON.stringify({ status })));
    expect(event).toMatchObject({
      status: expected,
      note: null,
      eventKey: `posOrderStatus:${REMOTE_ORDER_ID}:${status}`,
    });
  });

  it('flags a test order for staff', () => {
    const [event] = newOrder(edited('order-new-kwd-delivery.json', (body) => void (body['test'] = true)));
    expect(event!.order!.warnings).toEqual(['Talabat marked this as a test order: do not prepare or dispatch it.']);
  });

  it('keeps an order whose figures do not add up, with warnings', () => {
    const [event] = newOrder(
      edited('order-new-kwd-delivery.json', (body) => {
        at(body, 'price')['grandTotal'] = '12.000';
      }),
    );
    expect(event!.order!.total).toBe(12000);
    expect(event!.order!.warnings).toEqual([
      "Talabat's net total 11.020 KWD plus VAT 0.000 KWD is not its grand total 12.000 KWD.",
      'Subtotal + delivery fee + tax + tip - discount = 11.020 KWD but the total is 12.000 KWD.',
    ]);
  });

  it('reads a delivery order without address parts as a delivery with no details', () => {
    const [event] = newOrder(edited('order-new-kwd-delivery.json', (body) => void (body['delivery'] = null)));
    expect(event!.order!.delivery).toEqual({ address: null, notes: null, lat: null, lng: null });
  });

  it.each<[string, Buffer, RegExp]>([
    ['garbage instead of JSON', Buffer.from('{"token": '), /JSON object/],
    [
      'no products',
      edited('order-new-kwd-delivery.json', (body) => void (body['products'] = [])),
      /body\.products must not be empty/,
    ],
    [
      'a price with four decimals in KWD',
      edited('order-new-kwd-delivery.json', (body) => void (at(body, 'products', 1)['paidPrice'] = '1.9005')),
      /products\[1\]\.paidPrice: 1\.9005 has more decimals than KWD allows \(3\)/,
    ],
    [
      'a price that is not a number',
      edited('order-new-kwd-delivery.json', (body) => void (at(body, 'price')['grandTotal'] = '11,020')),
      /body\.price\.grandTotal: "11,020" is not a decimal amount/,
    ],
    [
      'a negative fee',
      edited('order-new-kwd-delivery.json', (body) => void (at(body, 'price', 'deliveryFees', 0)['value'] = '-0.500')),
      /deliveryFees\[0\]\.value must not be negative/,
    ],
    [
      'a topping without a name',
      edited(
        'order-new-kwd-delivery.json',
        (body) => void delete at(body, 'products', 0, 'selectedToppings', 1, 'children', 0)['name'],
      ),
      /products\[0\]\.selectedToppings\[1\]\.children\[0\]\.name is required/,
    ],
    [
      'an unknown expedition type',
      edited('order-new-kwd-delivery.json', (body) => void (body['expeditionType'] = 'drone')),
      /body\.expeditionType "drone" is not one of pickup, delivery/,
    ],
    [
      'no createdAt',
      edited('order-new-kwd-delivery.json', (body) => void delete body['createdAt']),
      /body\.createdAt is required/,
    ],
    [
      'a latitude out of range',
      edited('order-new-kwd-delivery.json', (body) => void (at(body, 'delivery', 'address')['latitude'] = 129.3)),
      /latitude must be a number between -90 and 90/,
    ],
    // Found by fuzzing: read recursively, thousands of levels overflowed the stack.
    [
      'toppings nested 1,000 deep',
      edited('order-new-kwd-delivery.json', (body) => {
        const product = at(body, 'products', 0);
        const first = (product['selectedToppings'] as Record<string, unknown>[])[0]!;
        let nested = first;
        for (let level = 0; level < 1_000; level += 1) nested = { ...first, children: [nested] };
        product['selectedToppings'] = [nested];
      }),
      /products\[0\]\.selectedToppings\[0\](\.children\[0\]){4}\.children nests modifiers deeper than 5 levels/,
    ],
  ])('fails for good (PayloadError) on a new order with %s', (_case, rawBody, reason) => {
    const run = (): unknown => newOrder(rawBody);
    expect(run).toThrow(PayloadError);
    expect(run).toThrow(reason);
  });

  it('fails for good on a new order for another remoteId', () => {
    const run = (): unknown =>
      talabatAdapter.parse(
        aWebhook('TALABAT', {
          subPath: 'order/kw-other-vendor',
          rawBody: fixtureBytes(__dirname, 'order-new-kwd-delivery.json'),
        }),
        kuwait,
      );
    expect(run).toThrow(PayloadError);
    expect(run).toThrow(/remoteId "kw-other-vendor" is not this connection's Talabat remoteId "kw-burger-lab-12"/);
  });

  it.each<[string, Buffer, Partial<InboundWebhook>, RegExp]>([
    [
      'an unknown status',
      Buffer.from('{"status":"ORDER_LOST"}'),
      {},
      /body\.status "ORDER_LOST" is not one of ORDER_CANCELLED, ORDER_PICKED_UP/,
    ],
    [
      'a remoteOrderId we never issued',
      Buffer.from('{"status":"ORDER_CANCELLED"}'),
      { subPath: 'remoteId/kw-burger-lab-12/remoteOrder/12345/posOrderStatus' },
      /remoteOrderId "12345" is not an order id Nexara issued/,
    ],
    ['a status that is a number', Buffer.from('{"status":3}'), {}, /body\.status must be a string/],
  ])('fails for good (PayloadError) on a status call with %s', (_case, rawBody, overrides, reason) => {
    const run = (): unknown => statusCall(rawBody, overrides);
    expect(run).toThrow(PayloadError);
    expect(run).toThrow(reason);
  });
});
