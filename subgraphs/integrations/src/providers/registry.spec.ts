import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDERS, type Provider } from '@nexara/kit';
import type { CanonicalModifier, CanonicalOrderEvent, ConnectionContext, InboundWebhook } from './adapter';
import { ADAPTERS, adapterFor, providerFromPath } from './registry';
import { aConnection, aWebhook, fixtureBytes } from './shared/test-support';

/** How each provider's fixtures are delivered (sub-path and method) and to which connection. */
const deliveries: Record<
  Provider,
  { connection: ConnectionContext; request: (fixture: string, storeId: string) => Partial<InboundWebhook> }
> = {
  DELIVEROO: {
    connection: aConnection('DELIVEROO', { currency: 'KWD', externalStoreId: 'kw-salmiya-042' }),
    request: () => ({ headers: { 'x-deliveroo-sequence-guid': 'guid-1' } }),
  },
  CAREEM: {
    connection: aConnection('CAREEM', { currency: 'AED', externalStoreId: 'brn-dxb-marina-01' }),
    request: () => ({}),
  },
  TALABAT: {
    connection: aConnection('TALABAT', { currency: 'KWD', externalStoreId: 'kw-burger-lab-12' }),
    request: (fixture, storeId) =>
      fixture.startsWith('order-status')
        ? {
            method: 'PUT',
            subPath: `remoteId/${storeId}/remoteOrder/6e0c9a54-1f3b-5d7e-8a2c-4b6d8f0a2c4e/posOrderStatus`,
          }
        : { subPath: `order/${storeId}` },
  },
  JAHEZ: {
    connection: aConnection('JAHEZ', { currency: 'SAR', externalStoreId: 'JZ-RUH-118' }),
    request: (fixture) => ({
      headers: { 'x-request-id': 'req-1' },
      subPath: fixture.startsWith('order-update') ? 'order-update' : '',
    }),
  },
};

/** Fixtures meant for another store or currency of the same provider, and the connection they need. */
const overrides: Record<string, Partial<ConnectionContext>> = {
  'order-new-aed-pickup-accepted.json': { currency: 'AED', externalStoreId: 'dxb-jbr-007' },
  'order-created-sar-pickup-accepted.json': { currency: 'SAR', externalStoreId: 'brn-ruh-olaya-03' },
  'order-new-aed-pickup-preorder.json': { currency: 'AED', externalStoreId: 'ae-pizza-dxb-3' },
};

const EVENT_KEYS = ['eventKey', 'externalId', 'kind', 'note', 'occurredAt', 'order', 'orderId', 'status'];
const ORDER_KEYS = [
  'acceptBy',
  'currency',
  'customer',
  'delivery',
  'deliveryFee',
  'discount',
  'displayCode',
  'items',
  'notes',
  'payment',
  'placedAt',
  'subtotal',
  'tax',
  'tip',
  'total',
  'warnings',
];

function expectModifierShape(modifier: CanonicalModifier): void {
  expect(Object.keys(modifier).sort()).toEqual(['modifiers', 'name', 'quantity', 'unitPrice']);
  expect(Number.isSafeInteger(modifier.unitPrice)).toBe(true);
  modifier.modifiers.forEach(expectModifierShape);
}

describe('adapter registry', () => {
  it('has one adapter per provider, each naming its own provider', () => {
    for (const provider of PROVIDERS) {
      expect(adapterFor(provider).provider).toBe(provider);
      expect(ADAPTERS[provider]).toBe(adapterFor(provider));
    }
  });

  it.each([
    ['careem', 'CAREEM'],
    ['Talabat', 'TALABAT'],
    ['deliveroo', 'DELIVEROO'],
    ['jahez', 'JAHEZ'],
    ['ubereats', null],
    ['constructor', null],
    ['', null],
  ])('reads the :provider segment "%s" as %s', (segment, expected) => {
    expect(providerFromPath(segment)).toBe(expected);
  });

  describe.each(PROVIDERS)('%s fixtures', (provider) => {
    const directory = join(__dirname, provider.toLowerCase());
    const fixtures = readdirSync(join(directory, 'fixtures')).filter((name) => name.endsWith('.json'));

    it('exist', () => {
      expect(fixtures.length).toBeGreaterThanOrEqual(3);
    });

    it.each(fixtures)('%s parses into events shaped exactly like the orders input', (fixture) => {
      const connection = { ...deliveries[provider].connection, ...overrides[fixture] };
      const events: CanonicalOrderEvent[] = adapterFor(provider).parse(
        aWebhook(provider, {
          rawBody: fixtureBytes(directory, fixture),
          ...deliveries[provider].request(fixture, connection.externalStoreId),
        }),
        connection,
      );
      expect(events.length).toBeGreaterThan(0);
      expect(new Set(events.map((event) => event.eventKey)).size).toBe(events.length);
      for (const event of events) {
        expect(Object.keys(event).sort()).toEqual(EVENT_KEYS);
        expect((event.externalId === null) !== (event.orderId === null)).toBe(true);
        expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt);
        if (event.kind === 'ORDER_PLACED') {
          expect(Object.keys(event.order).sort()).toEqual(ORDER_KEYS);
          for (const amount of ['subtotal', 'deliveryFee', 'discount', 'tax', 'tip', 'total'] as const) {
            expect(Number.isSafeInteger(event.order[amount]) && event.order[amount] >= 0).toBe(true);
          }
          for (const item of event.order.items) {
            expect(Object.keys(item).sort()).toEqual([
              'externalId',
              'modifiers',
              'name',
              'notes',
              'quantity',
              'total',
              'unitPrice',
            ]);
            item.modifiers.forEach(expectModifierShape);
          }
          // Every fixture is a consistent order: a warning here would be a parsing bug.
          expect(event.order.warnings).toEqual([]);
        } else {
          expect(event.order).toBeNull();
          expect(event.status).not.toBeNull();
        }
      }
    });
  });
});
