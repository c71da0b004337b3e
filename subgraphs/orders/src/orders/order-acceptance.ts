import type { OrderStatus } from '@nexara/kit';

/**
 * How long before the provider's `acceptBy` deadline an unanswered order is
 * flagged: two minutes leaves staff time to see the flag and accept before
 * the provider gives up on the order (and usually cancels it).
 */
export const ACCEPTANCE_AT_RISK_MARGIN_MS = 2 * 60 * 1000;

/** The deadlines that are at risk at `now`: every `acceptBy` at or before this instant, passed ones included. */
export function acceptanceRiskHorizon(now: Date): Date {
  return new Date(now.getTime() + ACCEPTANCE_AT_RISK_MARGIN_MS);
}

/** Still RECEIVED, with a deadline that is near or already passed. */
export function isAcceptanceAtRisk(order: { status: OrderStatus; acceptBy: Date | null }, now: Date): boolean {
  return (
    order.status === 'RECEIVED' &&
    order.acceptBy !== null &&
    order.acceptBy.getTime() <= acceptanceRiskHorizon(now).getTime()
  );
}
