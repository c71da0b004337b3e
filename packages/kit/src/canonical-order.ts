import { createHash } from 'node:crypto';

/** Canonical order life cycle (GraphQL enum `OrderStatus`); see the orders subgraph's state machine. */
export const ORDER_STATUSES = [
  'RECEIVED',
  'ACCEPTED',
  'PREPARING',
  'READY',
  'PICKED_UP',
  'DELIVERED',
  'REJECTED',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * How deep an order line's modifiers may nest (a size, then its extras, ...).
 * Deeper is a parsing bug or a hostile payload, not a menu: adapters refuse it
 * while reading (recursion that deep would exhaust the stack) and the orders
 * subgraph refuses it again.
 */
export const MAX_MODIFIER_DEPTH = 5;

const ORDER_ID_NAMESPACE = '6f1d8c3a-2b7e-4c1a-9e55-0b3f3c9d7a10';

/**
 * The id of the order a provider's order becomes, fixed at ingest and derived
 * from (connection, provider order id) as a UUID v5. The webhook answer can
 * name it (Delivery Hero's `remoteOrderId`) before the worker has created the row,
 * and the same provider order always maps to the same id.
 */
export function orderIdFor(connectionId: string, externalId: string): string {
  const namespace = Buffer.from(ORDER_ID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(`${connectionId}:${externalId}`, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
