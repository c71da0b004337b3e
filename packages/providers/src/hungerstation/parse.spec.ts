import type { CanonicalOrderEvent } from '../adapter';
import { aConnection, aWebhook, fixtureBytes } from '../common/test-support';
import { hungerstationAdapter } from './definition';

/**
 * Golden readings of HungerStation's fixtures: the shared Delivery Hero
 * parser under HungerStation's code, in SAR with two decimals and VAT on top.
 */
const riyadh = aConnection('HUNGERSTATION', { currency: 'SAR', externalStoreId: 'hs-ruh-olaya-7' });
const jeddah = aConnection('HUNGERSTATION', { currency: 'SAR', externalStoreId: 'hs-jed-tahlia-2' });
const receivedAt = new Date('2025-06-02T16:40:13.000Z');
const REMOTE_ORDER_ID = '2b8e4f10-6c3a-4d97-8e15-9a0c7b3d5f62';

function parsed(fixture: string, connection = riyadh, method: 'POST' | 'PUT' = 'POST', subPath?: string) {
  return hungerstationAdapter.parse(
    aWebhook('HUNGERSTATION', {
      method,
      subPath: subPath ?? `order/${connection.externalStoreId}`,
      rawBody: fixtureBytes(__dirname, fixture),
      receivedAt,
    }),
    connection,
  );
}

describe('HungerStation parsing (golden)', () => {
  it('reads a Riyadh delivery paid online into one ORDER_PLACED, every amount in halalas', () => {
    expect(parsed('order-new-sar-delivery.json')).toEqual<CanonicalOrderEvent[]>([
      {
        eventKey: '5c1d8e2a-9f47-4b36-a0e8-3d6f2b9c7e14',
        kind: 'ORDER_PLACED',
        externalId: '5c1d8e2a-9f47-4b36-a0e8-3d6f2b9c7e14',
        orderId: null,
        occurredAt: '2025-06-02T16:40:12.000Z',
        status: null,
        note: null,
        order: {
          displayCode: '317',
          placedAt: '2025-06-02T16:40:12.000Z',
          acceptBy: '2025-06-02T16:48:12.000Z',
          currency: 'SAR',
          customer: { name: 'Abdullah Al-Qahtani', phone: '+966551234567' },
          delivery: {
            address: 'Olaya St 7214, Building Al Mousa Center, Floor 2, Flat 14, Riyadh, 12213',
            notes: 'Leave with the reception',
            lat: 24.6937,
            lng: 46.6853,
          },
          items: [
            {
              externalId: 'SHW-CHK-PL',
              name: 'Chicken Shawarma Plate | صحن شاورما دجاج',
              quantity: 2,
              unitPrice: 2400,
              total: 5200,
              notes: null,
              modifiers: [{ name: 'Extra garlic sauce | ثومية إضافية', quantity: 1, unitPrice: 200, modifiers: [] }],
            },
            {
              externalId: 'MTBL',
              name: 'Mutabbal | متبل',
              quantity: 1,
              unitPrice: 1450,
              total: 1450,
              notes: 'Extra olive oil',
              modifiers: [],
            },
            {
              externalId: 'LBN',
              name: 'Laban | لبن',
              quantity: 2,
              unitPrice: 400,
              total: 800,
              notes: null,
              modifiers: [],
            },
          ],
          subtotal: 7450,
          deliveryFee: 900,
          discount: 750,
          tax: 1140,
          tip: 500,
          total: 9240,
          payment: { method: 'mada', paid: true },
          notes: 'Please include napkins\nRider pickup at 2025-06-02T17:05:00.000Z.',
          warnings: [],
        },
      },
    ]);
  });

  it('reads a Jeddah pick-up paid in cash: no delivery, no fee, VAT on top', () => {
    const [event] = parsed('order-new-sar-pickup-cash.json', jeddah);
    expect(event).toMatchObject({ kind: 'ORDER_PLACED', externalId: 'e4a90b37-2d6c-4f81-b5e2-71c8d0f3a926' });
    expect(event!.order).toMatchObject({
      displayCode: '58',
      delivery: null,
      subtotal: 6800,
      deliveryFee: 0,
      discount: 0,
      tax: 1020,
      tip: 0,
      total: 7820,
      payment: { method: 'cash', paid: false },
      notes: null,
      warnings: [],
    });
    expect(event!.order!.items.map((item) => [item.externalId, item.quantity, item.total])).toEqual([
      ['KBS-LMB', 1, 6100],
      ['PEPSI', 2, 700],
    ]);
  });

  it('reads a posOrderStatus pick-up as PICKED_UP of the order Nexara answered with', () => {
    const subPath = `remoteId/hs-ruh-olaya-7/remoteOrder/${REMOTE_ORDER_ID}/posOrderStatus`;
    expect(parsed('order-status-picked-up.json', riyadh, 'PUT', subPath)).toEqual<CanonicalOrderEvent[]>([
      {
        eventKey: `posOrderStatus:${REMOTE_ORDER_ID}:ORDER_PICKED_UP`,
        kind: 'STATUS_CHANGED',
        externalId: null,
        orderId: REMOTE_ORDER_ID,
        occurredAt: '2025-06-02T16:40:13.000Z',
        status: 'PICKED_UP',
        note: 'Rider picked up the order',
        order: null,
      },
    ]);
  });

  it("names HungerStation in what it refuses: another branch's order", () => {
    expect(() => parsed('order-new-sar-delivery.json', jeddah, 'POST', 'order/hs-ruh-olaya-7')).toThrow(
      /not this connection's HungerStation remoteId/,
    );
  });
});
