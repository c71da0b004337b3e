import { useApolloClient } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import type { OrderFilterInput, OrderRowFragment, OrderSortInput, OrdersPageQuery } from '../../gql/graphql';
import { zonedDate } from '../../ui/time';
import { acceptEach, type BulkOutcome, type BulkTarget } from './bulk-accept';
import { ordersCsv } from './orders-csv';
import { ACCEPT_ORDER, ORDERS_PAGE } from './order.operations';
import { ORDERS_PAGE_SIZE } from './useOrderRows';

export type ExportProgress = { fetched: number; total: number | null };

/** Bulk accept of selected orders, and the CSV export of every order under the grid's filter and sort. */
export function useOrderBulkActions(filter: OrderFilterInput, sort: OrderSortInput, timeZone: string) {
  const client = useApolloClient();
  const [accepting, setAccepting] = useState(false);
  const [outcomes, setOutcomes] = useState<BulkOutcome[] | null>(null);
  const [exporting, setExporting] = useState<ExportProgress | null>(null);
  const [exportError, setExportError] = useState<Error | null>(null);

  const acceptSelected = useCallback(
    async (orders: readonly BulkTarget[], prepMinutes: number) => {
      setAccepting(true);
      setOutcomes(null);
      const result = await acceptEach(orders, async (id) => {
        await client.mutate({ mutation: ACCEPT_ORDER, variables: { id, prepMinutes } });
      });
      setOutcomes(result);
      setAccepting(false);
    },
    [client],
  );

  /** Every page through the API (not just the loaded rows), then one file download. */
  const exportCsv = useCallback(async () => {
    setExportError(null);
    setExporting({ fetched: 0, total: null });
    try {
      const rows: OrderRowFragment[] = [];
      let after: string | null = null;
      for (;;) {
        const { data }: { data?: OrdersPageQuery | undefined } = await client.query({
          query: ORDERS_PAGE,
          variables: { filter, first: ORDERS_PAGE_SIZE, after, orderBy: sort },
          fetchPolicy: 'no-cache',
        });
        if (!data) throw new Error('The orders could not be read.');
        rows.push(...data.orders.edges.map((edge) => edge.node));
        setExporting({ fetched: rows.length, total: data.orders.totalCount });
        if (!data.orders.pageInfo.hasNextPage || !data.orders.pageInfo.endCursor) break;
        after = data.orders.pageInfo.endCursor;
      }
      // A byte order mark, so spreadsheet programs read UTF-8 (Arabic names) as such.
      const blob = new Blob(['\ufeff', ordersCsv(rows, timeZone)], { type: 'text/csv;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `orders-${zonedDate(new Date(), timeZone)}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setExportError(error as Error);
    } finally {
      setExporting(null);
    }
  }, [client, filter, sort, timeZone]);

  return {
    acceptSelected,
    accepting,
    outcomes,
    dismissOutcomes: () => setOutcomes(null),
    exportCsv,
    exporting,
    exportError,
  };
}
