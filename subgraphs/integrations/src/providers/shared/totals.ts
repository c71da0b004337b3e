import { orderTotalsWarnings, showMoney, type OrderAmounts as CheckedAmounts } from '@nexara/kit';
import type { CanonicalItem } from '../adapter';
import { PayloadError } from './errors';

export { showMoney };

/** An order's amounts; the line items come separately, as canonical items. */
export type OrderAmounts = Omit<CheckedAmounts, 'itemTotals'>;

/** The provider's figures checked against each other (see `orderTotalsWarnings`): warnings, never errors. */
export function totalsWarnings(items: readonly CanonicalItem[], amounts: OrderAmounts): string[] {
  return orderTotalsWarnings({ ...amounts, itemTotals: items.map((item) => item.total) });
}

/** Sum of whole minor-unit amounts that refuses to leave the safe-integer range. */
export function sumAmounts(amounts: readonly number[], what: string): number {
  const sum = amounts.reduce((total, amount) => total + amount, 0);
  if (!Number.isSafeInteger(sum)) throw new PayloadError(`${what} is too large`);
  return sum;
}
