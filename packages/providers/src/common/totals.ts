import type { CanonicalItem } from '../canonical-order';
import { orderTotalsWarnings, showMoney, type OrderAmounts as CheckedAmounts } from '../order-totals';
import { PayloadError } from './errors';

export { showMoney };

/** An order's amounts; the line items come separately, as canonical items. */
export type OrderAmounts = Omit<CheckedAmounts, 'itemTotals'>;

/** The provider's figures checked against each other (see `orderTotalsWarnings`): warnings, never errors. */
export function totalsWarnings(items: readonly CanonicalItem[], amounts: OrderAmounts): string[] {
  // Summed exactly first: amounts near the safe-integer limit would add up to a figure no reader can show.
  sumAmounts(
    items.map((item) => item.total),
    'The sum of the line items',
  );
  sumAmounts(
    [amounts.subtotal, amounts.deliveryFee, amounts.tax, amounts.tip, -amounts.discount],
    'Subtotal + delivery fee + tax + tip - discount',
  );
  return orderTotalsWarnings({ ...amounts, itemTotals: items.map((item) => item.total) });
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
