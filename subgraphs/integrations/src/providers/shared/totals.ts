import { toDecimalString } from '@nexara/kit';
import type { CanonicalItem } from '../adapter';
import { PayloadError } from './errors';

export type OrderAmounts = {
  currency: string;
  subtotal: number;
  deliveryFee: number;
  discount: number;
  tax: number;
  tip: number;
  total: number;
};

/**
 * Checks the provider's figures against each other: the line items against
 * the subtotal, and subtotal + delivery fee + tax + tip - discount against
 * the total. A mismatch is a warning for staff, never an error: the
 * provider's total is what the customer paid, and refusing the order would
 * lose it. The wording matches the orders subgraph's own check
 * (orders/order-totals.ts) so the same problem is not listed twice.
 */
/** "1.250 KWD": how a warning shows an amount. */
export function showMoney(amount: number, currency: string): string {
  return `${toDecimalString(amount, currency)} ${currency}`;
}

export function totalsWarnings(items: readonly CanonicalItem[], amounts: OrderAmounts): string[] {
  const { currency } = amounts;
  const show = (amount: number): string => showMoney(amount, currency);
  const warnings: string[] = [];

  // Summed exactly: amounts near the safe-integer limit would otherwise add up to a figure no reader can show.
  const itemsSum = sumAmounts(
    items.map((item) => item.total),
    'The sum of the line items',
  );
  if (itemsSum !== amounts.subtotal) {
    warnings.push(`Line items add up to ${show(itemsSum)} but the subtotal is ${show(amounts.subtotal)}.`);
  }

  const expectedTotal = sumAmounts(
    [amounts.subtotal, amounts.deliveryFee, amounts.tax, amounts.tip, -amounts.discount],
    'Subtotal + delivery fee + tax + tip - discount',
  );
  if (expectedTotal !== amounts.total) {
    warnings.push(
      `Subtotal + delivery fee + tax + tip - discount = ${show(expectedTotal)} but the total is ${show(amounts.total)}.`,
    );
  }
  return warnings;
}

const MAX_AMOUNT = BigInt(Number.MAX_SAFE_INTEGER);

/** Exact sum of whole minor-unit amounts that refuses to leave the safe-integer range. */
export function sumAmounts(amounts: readonly number[], what: string): number {
  let sum = 0n;
  for (const amount of amounts) {
    if (!Number.isSafeInteger(amount)) throw new PayloadError(`${what} is too large`);
    sum += BigInt(amount);
  }
  if (sum > MAX_AMOUNT || sum < -MAX_AMOUNT) throw new PayloadError(`${what} is too large`);
  return Number(sum);
}
