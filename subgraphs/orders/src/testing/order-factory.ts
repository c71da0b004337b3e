import { randomUUID } from 'node:crypto';
import type { Identity, OrderStatus } from '@nexara/kit';
import type { Provider } from '@nexara/providers/display';
import { APPLY_PROVIDER_ORDER_EVENT, type ApplyResult, type OrderResult } from './order-operations';
import { dataOf, type OrdersTestEnv } from './orders-test-env';
import { theWorker } from './identities';

/** A provider order as GraphQL variables: consistent KWD amounts (3 decimals) unless overridden. */
export function aProviderOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    displayCode: 'K-1042',
    placedAt: '2026-11-28T18:30:00.000Z',
    acceptBy: '2026-11-28T18:38:00.000Z',
    currency: 'KWD',
    customer: { name: 'Layla Haddad', phone: '+965 5555 0101' },
    delivery: { address: 'Block 4, Street 12, Salmiya', notes: 'Ring twice', lat: 29.3375, lng: 48.0758 },
    items: [
      {
        externalId: 'item-1',
        name: 'Chicken shawarma',
        quantity: 2,
        unitPrice: 1250,
        total: 2700,
        modifiers: [
          {
            name: 'Large',
            quantity: 1,
            unitPrice: 200,
            modifiers: [{ name: 'Extra garlic', quantity: 1, unitPrice: 0, modifiers: [] }],
          },
        ],
        notes: 'No pickles',
      },
      {
        externalId: 'item-2',
        name: 'Mint lemonade',
        quantity: 1,
        unitPrice: 800,
        total: 800,
        modifiers: [],
        notes: null,
      },
    ],
    subtotal: 3500,
    deliveryFee: 500,
    discount: 300,
    tax: 0,
    tip: 100,
    total: 3800,
    payment: { method: 'CARD', paid: true },
    notes: 'Please hurry',
    warnings: [],
    ...overrides,
  };
}

export type EventOptions = {
  connectionId: string;
  externalId: string;
  provider?: Provider;
  eventKey?: string;
  occurredAt?: string;
  note?: string | null;
};

export function anOrderPlacedEvent(
  options: EventOptions & { order?: Record<string, unknown> },
): Record<string, unknown> {
  return {
    connectionId: options.connectionId,
    provider: options.provider ?? 'CAREEM',
    eventKey: options.eventKey ?? `placed-${options.externalId}`,
    kind: 'ORDER_PLACED',
    externalId: options.externalId,
    occurredAt: options.occurredAt ?? '2026-11-28T18:30:01.000Z',
    note: options.note ?? null,
    order: options.order ?? aProviderOrder(),
  };
}

export function aStatusChangedEvent(options: EventOptions & { status: OrderStatus }): Record<string, unknown> {
  return {
    connectionId: options.connectionId,
    provider: options.provider ?? 'CAREEM',
    eventKey: options.eventKey ?? `status-${options.externalId}-${options.status}-${randomUUID()}`,
    kind: 'STATUS_CHANGED',
    externalId: options.externalId,
    occurredAt: options.occurredAt ?? '2026-11-28T18:35:00.000Z',
    status: options.status,
    note: options.note ?? null,
  };
}

export async function applyEvent(env: OrdersTestEnv, identity: Identity, input: Record<string, unknown>) {
  return env.request<ApplyResult>(identity, APPLY_PROVIDER_ORDER_EVENT, { input });
}

/**
 * An order of `tenantId` in `status`, made the way real orders are: placed by
 * the provider, then moved by a provider status event.
 */
export async function anOrder(
  env: OrdersTestEnv,
  options: {
    tenantId: string;
    status?: OrderStatus;
    connectionId?: string;
    externalId?: string;
    provider?: Provider;
    order?: Record<string, unknown>;
  },
): Promise<OrderResult> {
  const worker = theWorker(options.tenantId);
  const connectionId = options.connectionId ?? randomUUID();
  const externalId = options.externalId ?? `ext-${randomUUID()}`;
  const { provider } = options;
  const placed = dataOf(
    await applyEvent(env, worker, anOrderPlacedEvent({ connectionId, externalId, provider, order: options.order })),
  );
  const order = placed.applyProviderOrderEvent.order;
  if (!order) throw new Error('ORDER_PLACED returned no order');
  if (!options.status || options.status === 'RECEIVED') return order;
  const moved = dataOf(
    await applyEvent(env, worker, aStatusChangedEvent({ connectionId, externalId, provider, status: options.status })),
  );
  if (moved.applyProviderOrderEvent.order?.status !== options.status)
    throw new Error(`could not move the order to ${options.status}`);
  return moved.applyProviderOrderEvent.order;
}
