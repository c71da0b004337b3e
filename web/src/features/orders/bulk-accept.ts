import { translator } from '../../i18n/translate';
import { formatCount } from '../../ui/money';

/**
 * Accepting several orders at once: the API has no bulk mutation, so each
 * order gets its own `acceptOrder`, a few at a time. One failing (already
 * rejected by the provider, the deadline passed) stops nothing else; each
 * outcome is reported against its order.
 */
export type BulkTarget = { id: string; displayCode: string };
export type BulkOutcome = { order: BulkTarget; error: string | null };

/** How many accepts are in flight at once: quick for a handful, gentle on the API for many. */
export const BULK_CONCURRENCY = 4;

export async function acceptEach(
  orders: readonly BulkTarget[],
  accept: (id: string) => Promise<void>,
  concurrency = BULK_CONCURRENCY,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = new Array(orders.length);
  let next = 0;
  const lane = async () => {
    while (next < orders.length) {
      const index = next++;
      const order = orders[index]!;
      try {
        await accept(order.id);
        outcomes[index] = { order, error: null };
      } catch (error) {
        outcomes[index] = { order, error: error instanceof Error ? error.message : String(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, orders.length) }, lane));
  return outcomes;
}

/** "Accepted 3 orders." / "Accepted 2 of 3 orders; 1 could not be accepted:" */
export function bulkSummary(outcomes: readonly BulkOutcome[]): string {
  const failed = outcomes.filter((o) => o.error !== null).length;
  const accepted = outcomes.length - failed;
  if (failed === 0) return translator.t('orders:grid.acceptedAll', { count: accepted, n: formatCount(accepted) });
  return translator.t('orders:grid.acceptedSome', {
    accepted: formatCount(accepted),
    n: formatCount(outcomes.length),
    failed: formatCount(failed),
  });
}
