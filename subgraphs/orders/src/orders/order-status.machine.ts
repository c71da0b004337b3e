import type { OrderStatus } from '@nexara/kit';

/**
 * The canonical order life cycle (docs/architecture.md, "The canonical order"), as pure functions so every
 * pair of states can be checked in a table-driven test.
 *
 *   RECEIVED -> ACCEPTED -> PREPARING -> READY -> PICKED_UP -> DELIVERED
 *   RECEIVED -> REJECTED;  any non-final -> CANCELLED
 */
export const MAIN_PATH: readonly OrderStatus[] = [
  'RECEIVED',
  'ACCEPTED',
  'PREPARING',
  'READY',
  'PICKED_UP',
  'DELIVERED',
];

export const FINAL_STATUSES: readonly OrderStatus[] = ['DELIVERED', 'REJECTED', 'CANCELLED'];

export function isFinalStatus(status: OrderStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Staff follow the arrows one at a time: no skipping, no going back, nothing after a final state. */
export function staffTransitionAllowed(from: OrderStatus, to: OrderStatus): boolean {
  if (from === to || isFinalStatus(from)) return false;
  if (to === 'CANCELLED') return true;
  if (to === 'REJECTED') return from === 'RECEIVED';
  const fromIndex = MAIN_PATH.indexOf(from);
  return fromIndex >= 0 && MAIN_PATH[fromIndex + 1] === to;
}

export type ProviderTransition =
  { kind: 'advance'; path: OrderStatus[] } | { kind: 'unchanged' } | { kind: 'ignored'; reason: 'FINAL' | 'BACKWARD' };

/**
 * What a status reported by the provider does to an order. Providers may skip
 * steps (a webhook for READY can be the first we hear after RECEIVED), so a
 * forward move returns every status passed, each becoming a timeline entry.
 * Events arrive out of order, so anything that is not forward is treated as
 * stale and ignored rather than rewinding the order. A REJECTED after the
 * order left RECEIVED counts as stale too: to stop an accepted order the
 * provider sends CANCELLED.
 */
export function providerTransition(from: OrderStatus, to: OrderStatus): ProviderTransition {
  if (from === to) return { kind: 'unchanged' };
  if (isFinalStatus(from)) return { kind: 'ignored', reason: 'FINAL' };
  if (to === 'CANCELLED') return { kind: 'advance', path: ['CANCELLED'] };
  if (to === 'REJECTED')
    return from === 'RECEIVED' ? { kind: 'advance', path: ['REJECTED'] } : { kind: 'ignored', reason: 'BACKWARD' };
  const fromIndex = MAIN_PATH.indexOf(from);
  const toIndex = MAIN_PATH.indexOf(to);
  if (toIndex < fromIndex) return { kind: 'ignored', reason: 'BACKWARD' };
  return { kind: 'advance', path: MAIN_PATH.slice(fromIndex + 1, toIndex + 1) };
}
