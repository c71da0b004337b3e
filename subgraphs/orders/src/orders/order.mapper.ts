import { isAcceptanceAtRisk } from './order-acceptance';
import { isUuid } from './order-cursor';
import type { OrderEventEntity } from './order-event.entity';
import type { OrderEntity, OrderItemModifierData } from './order.entity';
import type { MoneyType, OrderEventType, OrderItemModifierType, OrderType } from './order.types';

/** Stored rows -> GraphQL shapes: amounts gain the order's currency. */
export function toOrderType(order: OrderEntity, now: Date = new Date()): OrderType {
  const money = (amount: number): MoneyType => ({ amount, currency: order.currency });
  const modifiers = (list: readonly OrderItemModifierData[]): OrderItemModifierType[] =>
    list.map((modifier) => ({
      name: modifier.name,
      quantity: modifier.quantity,
      unitPrice: money(modifier.unitPrice),
      modifiers: modifiers(modifier.modifiers ?? []),
    }));

  return {
    id: order.id,
    tenantId: order.tenantId,
    tenant: { id: order.tenantId },
    connection: { id: order.connectionId },
    provider: order.provider,
    externalId: order.externalId,
    displayCode: order.displayCode,
    status: order.status,
    placedAt: order.placedAt,
    acceptBy: order.acceptBy,
    acceptanceAtRisk: isAcceptanceAtRisk(order, now),
    test: order.test,
    acceptedAt: order.acceptedAt,
    prepMinutes: order.prepMinutes,
    customer: order.customer ? { name: order.customer.name ?? null, phone: order.customer.phone ?? null } : null,
    delivery: order.delivery
      ? {
          address: order.delivery.address ?? null,
          notes: order.delivery.notes ?? null,
          lat: order.delivery.lat ?? null,
          lng: order.delivery.lng ?? null,
        }
      : null,
    items: order.items.map((item) => ({
      externalId: item.externalId ?? null,
      name: item.name,
      quantity: item.quantity,
      unitPrice: money(item.unitPrice),
      total: money(item.total),
      modifiers: modifiers(item.modifiers ?? []),
      notes: item.notes ?? null,
    })),
    subtotal: money(order.subtotal),
    deliveryFee: money(order.deliveryFee),
    discount: money(order.discount),
    tax: money(order.tax),
    tip: money(order.tip),
    total: money(order.total),
    payment: order.payment ? { method: order.payment.method, paid: order.payment.paid } : null,
    notes: order.notes,
    warnings: order.warnings,
    menuWarnings: (order.menuWarnings ?? []).map((warning) => ({
      ...warning,
      externalPosId: warning.externalPosId ?? null,
    })),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    version: order.version,
  };
}

export function toOrderEventType(event: OrderEventEntity): OrderEventType {
  const user = event.source === 'USER' && event.actor && isUuid(event.actor) ? { id: event.actor } : null;
  return { status: event.status, at: event.at, source: event.source, actor: event.actor, user, note: event.note };
}
