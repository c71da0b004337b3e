import { toDecimalString } from '@nexara/kit';
import type { CanonicalOrder } from './canonical-order';

/** The amounts of an order, each an integer count of `currency` minor units; `itemTotals` are its lines' totals. */
export type OrderAmounts = Pick<
  CanonicalOrder,
  'currency' | 'subtotal' | 'deliveryFee' | 'discount' | 'tax' | 'tip' | 'total'
> & {
  itemTotals: readonly number[];
};

/** "1.250 KWD": how a warning shows an amount. */
export function showMoney(amount: number, currency: string): string {
  return `${toDecimalString(amount, currency)} ${currency}`;
}

/**
 * Checks that the provider's figures add up: the line items against the
 * subtotal, and subtotal + delivery fee + tax + tip - discount against the
 * total. A mismatch is kept on the order as a warning for staff, never an
 * error: the provider's total is what the customer paid, and refusing the
 * order would lose it. One function for the adapters (integrations) and the
 * orders subgraph, so the same problem reads the same and is listed once.
 */
export function orderTotalsWarnings(amounts: OrderAmounts): string[] {
  const show = (amount: number): string => showMoney(amount, amounts.currency);
  const warnings: string[] = [];

  const itemsSum = amounts.itemTotals.reduce((sum, amount) => sum + amount, 0);
  if (itemsSum !== amounts.subtotal) {
    warnings.push(`Line items add up to ${show(itemsSum)} but the subtotal is ${show(amounts.subtotal)}.`);
  }

  const expectedTotal = amounts.subtotal + amounts.deliveryFee + amounts.tax + amounts.tip - amounts.discount;
  if (expectedTotal !== amounts.total) {
    warnings.push(
      `Subtotal + delivery fee + tax + tip - discount = ${show(expectedTotal)} but the total is ${show(amounts.total)}.`,
    );
  }
  return warnings;
}

const MAX_AMOUNT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Do the figures add up past the safe-integer range (each is within it)?
 * Such sums cannot be shown or stored, so the event is refused rather than
 * failing, as if temporarily, on every attempt.
 */
export function totalsOverflow(amounts: OrderAmounts): boolean {
  const sum = (values: readonly number[]): bigint => values.reduce((total, value) => total + BigInt(value), 0n);
  const outside = (value: bigint): boolean => value > MAX_AMOUNT || value < -MAX_AMOUNT;
  return (
    outside(sum(amounts.itemTotals)) ||
    outside(sum([amounts.subtotal, amounts.deliveryFee, amounts.tax, amounts.tip, -amounts.discount]))
  );
}
