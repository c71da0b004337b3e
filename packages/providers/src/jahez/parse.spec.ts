import type { CanonicalOrderEvent } from '../adapter';
import { PayloadError } from '../common/errors';
import { aConnection, aWebhook, at, editedFixture, fixtureBytes } from '../common/test-support';
import { jahezAdapter } from './jahez.adapter';

const riyadh = aConnection('JAHEZ', { currency: 'SAR', externalStoreId: 'JZ-RUH-118' });
const receivedAt = new Date('2025-03-14T10:11:00.000Z');
const REQUEST_ID = '1c9e7a5b-3d2f-4b8a-9e6c-0a2d4f6b8c13';

function parse(rawBody: Buffer, subPath = '', connection = riyadh): CanonicalOrderEvent[] {
  return jahezAdapter.parse(
    aWebhook('JAHEZ', { rawBody, subPath, receivedAt, headers: { 'x-request-id': REQUEST_ID } }),
    connection,
  );
}

const edited = (name: string, edit: (body: Record<string, unknown>) => void): Buffer =>
  editedFixture(__dirname, name, edit);

describe('Jahez parsing', () => {
  it('turns a SAR order into the canonical order: number decimals, modifier groups with their options', () => {
    expect(parse(fixtureBytes(__dirname, 'order-new-sar.json'))).toEqual([
      {
        eventKey: REQUEST_ID,
        kind: 'ORDER_PLACED',
        externalId: '7781234',
        orderId: null,
        occurredAt: '2025-03-14T10:05:10.000Z',
        status: null,
        note: null,
        order: {
          displayCode: '7781234',
          placedAt: '2025-03-14T10:05:10.000Z',
          acceptBy: '2025-03-14T10:10:10.000Z',
          currency: 'SAR',
          customer: null,
          delivery: { address: null, notes: null, lat: null, lng: null },
          items: [
            {
              externalId: '5521',
              name: 'Lamb Mandi | مندي لحم',
              quantity: 1,
              unitPrice: 6500,
              total: 7250,
              notes: 'Less spicy please',
              modifiers: [
                {
                  name: 'Rice type | نوع الرز',
                  quantity: 1,
                  unitPrice: 0,
                  modifiers: [{ name: 'Basmati', quantity: 1, unitPrice: 0, modifiers: [] }],
                },
                {
                  name: 'Extras | إضافات',
                  quantity: 1,
                  unitPrice: 0,
                  modifiers: [{ name: 'Hummus | حمص', quantity: 1, unitPrice: 750, modifiers: [] }],
                },
              ],
            },
            { externalId: '6610', name: 'Pepsi', quantity: 2, unitPrice: 350, total: 700, notes: null, modifiers: [] },
          ],
          subtotal: 7950,
          deliveryFee: 950,
          discount: 1000,
          tax: 0,
          tip: 0,
          total: 7900,
          payment: { method: 'APPLE-PAY-MADA', paid: true },
          notes: 'الرجاء عدم الاتصال، أرسل رسالة فقط',
          warnings: [],
        },
      },
    ]);
  });

  it.each([
    ['CASH', false],
    ['POS-MADA', false],
    ['CREDITCARD', true],
    ['APPLE-PAY-MADA', true],
    ['stc-pay', true],
  ])('reads payment method %s as paid: %s', (method, paid) => {
    const [event] = parse(edited('order-new-sar.json', (body) => void (body['payment_method'] = method)));
    expect(event!.order!.payment).toEqual({ method: method.toUpperCase(), paid });
  });

  it('reads a status update, noting why a timed-out order was cancelled', () => {
    expect(parse(fixtureBytes(__dirname, 'order-update-timed-out.json'), 'order-update')).toEqual([
      {
        eventKey: REQUEST_ID,
        kind: 'STATUS_CHANGED',
        externalId: '7781234',
        orderId: null,
        occurredAt: '2025-03-14T10:11:00.000Z',
        status: 'CANCELLED',
        note: 'Timed out: Jahez cancelled the order because it was not answered in time.',
        order: null,
      },
    ]);
    expect(parse(fixtureBytes(__dirname, 'order-update-cancelled.json'), 'order-update')[0]).toMatchObject({
      status: 'CANCELLED',
      note: 'Customer unreachable',
    });
  });

  it.each([
    ['N', 'RECEIVED'],
    ['A', 'ACCEPTED'],
    ['R', 'REJECTED'],
    ['O', 'PICKED_UP'],
    ['D', 'DELIVERED'],
    ['C', 'CANCELLED'],
    ['T', 'CANCELLED'],
  ])('maps status %s to %s', (status, expected) => {
    const [event] = parse(Buffer.from(JSON.stringify({ jahezOrderId: 7781234, status })), 'order-update');
    expect(event).toMatchObject({ kind: 'STATUS_CHANGED', externalId: '7781234', status: expected });
  });

  it('keeps an order whose lines do not add up, with warnings', () => {
    const [event] = parse(edited('order-new-sar.json', (body) => void (at(body, 'products', 1)['final_price'] = 10.5)));
    expect(event!.order!.warnings).toEqual([
      'Subtotal + delivery fee + tax + tip - discount = 82.50 SAR but the total is 79.00 SAR.',
    ]);
  });

  it.each<[string, Buffer, string, RegExp]>([
    ['garbage instead of JSON', Buffer.from('null'), '', /JSON object/],
    [
      'another branch',
      edited('order-new-sar.json', (body) => void (body['branch_id'] = 'JZ-JED-001')),
      '',
      /body\.branch_id "JZ-JED-001" is not this connection's Jahez branch_id "JZ-RUH-118"/,
    ],
    [
      'a jahez_id that is not a whole number',
      edited('order-new-sar.json', (body) => void (body['jahez_id'] = 'abc')),
      '',
      /body\.jahez_id must be a whole number/,
    ],
    [
      'a price with three decimals in SAR',
      edited('order-new-sar.json', (body) => void (body['delivery_fee'] = 9.505)),
      '',
      /body\.delivery_fee: 9\.505 has more decimals than SAR allows \(2\)/,
    ],
    [
      'no products',
      edited('order-new-sar.json', (body) => void delete body['products']),
      '',
      /body\.products must be an array/,
    ],
    [
      'options that are not a list',
      edited('order-new-sar.json', (body) => void (at(body, 'products', 0, 'modifiers', 0)['options'] = 'Basmati')),
      '',
      /modifiers\[0\]\.options must be an array/,
    ],
    [
      'no payment method',
      edited('order-new-sar.json', (body) => void delete body['payment_method']),
      '',
      /body\.payment_method is required/,
    ],
    [
      'an unknown status',
      Buffer.from('{"jahezOrderId": 1, "status": "X"}'),
      'order-update',
      /body\.status "X" is not one of N, A, R, O, D, C, T/,
    ],
    [
      'an update without order id',
      Buffer.from('{"status": "A"}'),
      'order-update',
      /body\.jahezOrderId must be a whole number/,
    ],
    ['an unknown path', fixtureBytes(__dirname, 'order-new-sar.json'), 'orders', /Jahez does not call POST \/orders/],
  ])('fails for good (PayloadError) on %s', (_case, rawBody, subPath, reason) => {
    const run = (): unknown => parse(rawBody, subPath);
    expect(run).toThrow(PayloadError);
    expect(run).toThrow(reason);
  });
});
