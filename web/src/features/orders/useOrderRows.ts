import { useApolloClient, useSubscription } from '@apollo/client/react';
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrderFilterInput, OrderRowFragment, OrderSortInput } from '../../gql/graphql';
import { orderMatchesFilter } from './order-filter';
import { compareOrderRows } from './order-sort';
import { ORDER_ROW_CHANGED, ORDERS_PAGE } from './order.operations';

/** Rows fetched per request (the API's maximum). */
export const ORDERS_PAGE_SIZE = 200;
/** Fetch the next page when the viewport is this close to the last loaded row. */
const PREFETCH_ROWS = 60;
/** How long a new order's row stays highlighted. */
const FRESH_MS = 4000;

export type OrderRowsState = {
  totalCount: number | null;
  loaded: number;
  loading: boolean;
  error: Error | null;
};

/**
 * Feeds the grid from the `orders` connection, one cursor page at a time as
 * the user scrolls, and keeps it live: each `orderChanged` event becomes an
 * add, update or remove in an async (batched) grid transaction. The server
 * filters and sorts the pages; live orders pass the same filter client-side.
 */
/**
 * Loaded rows are a prefix of the server's order; an order sorting after the
 * last loaded row arrives with a later page instead (an update of an old
 * order must not jump into view among the loaded ones).
 */
function withinLoadedWindow(order: OrderRowFragment, page: PagingState, sort: OrderSortInput): boolean {
  return !page.hasNextPage || !page.last || compareOrderRows(order, page.last, sort) <= 0;
}

type PagingState = {
  generation: number;
  cursor: string | null;
  hasNextPage: boolean;
  loading: boolean;
  /** The last row of the last page as it was served: the row the cursor points at. */
  last: OrderRowFragment | null;
};

const firstPage = (generation: number): PagingState => ({
  generation,
  cursor: null,
  hasNextPage: true,
  loading: false,
  last: null,
});

export function useOrderRows(api: GridApi<OrderRowFragment> | null, filter: OrderFilterInput, sort: OrderSortInput) {
  const client = useApolloClient();
  const [state, setState] = useState<OrderRowsState>({ totalCount: null, loaded: 0, loading: false, error: null });
  const paging = useRef(firstPage(0));
  const ids = useRef(new Set<string>());
  const fresh = useRef(new Set<string>());
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const sortRef = useRef(sort);
  sortRef.current = sort;

  const loadNextPage = useCallback(async () => {
    const page = paging.current;
    if (!api || page.loading || !page.hasNextPage) return;
    const generation = page.generation;
    page.loading = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const { data } = await client.query({
        query: ORDERS_PAGE,
        variables: { filter: filterRef.current, first: ORDERS_PAGE_SIZE, after: page.cursor, orderBy: sortRef.current },
        fetchPolicy: 'no-cache',
      });
      if (generation !== page.generation || !data) return;
      const rows = data.orders.edges.map((edge) => edge.node).filter((row) => !ids.current.has(row.id));
      rows.forEach((row) => ids.current.add(row.id));
      api.applyTransaction({ add: rows });
      page.cursor = data.orders.pageInfo.endCursor ?? page.cursor;
      page.hasNextPage = data.orders.pageInfo.hasNextPage;
      page.last = data.orders.edges.at(-1)?.node ?? page.last;
      setState({ totalCount: data.orders.totalCount, loaded: ids.current.size, loading: false, error: null });
    } catch (error) {
      if (generation === page.generation) setState((s) => ({ ...s, loading: false, error: error as Error }));
    } finally {
      if (generation === page.generation) page.loading = false;
    }
  }, [api, client]);

  // A new filter or sort starts over from the first page (a cursor only fits its own sort).
  const filterKey = JSON.stringify([filter, sort]);
  useEffect(() => {
    if (!api) return;
    paging.current = firstPage(paging.current.generation + 1);
    ids.current = new Set();
    api.setGridOption('rowData', []);
    setState({ totalCount: null, loaded: 0, loading: true, error: null });
    void loadNextPage();
  }, [api, filterKey, loadNextPage]);

  const onViewportChanged = useCallback(() => {
    if (!api) return;
    if (api.getLastDisplayedRowIndex() >= ids.current.size - PREFETCH_ROWS) void loadNextPage();
  }, [api, loadNextPage]);

  const applyLiveOrder = useCallback(
    (order: OrderRowFragment) => {
      if (!api) return;
      const known = ids.current.has(order.id);
      const matches =
        orderMatchesFilter(order, filterRef.current) && withinLoadedWindow(order, paging.current, sortRef.current);
      if (known && matches) {
        api.applyTransactionAsync({ update: [order] });
      } else if (known) {
        ids.current.delete(order.id);
        api.applyTransactionAsync({ remove: [{ id: order.id } as OrderRowFragment] });
        setState((s) => ({
          ...s,
          loaded: ids.current.size,
          totalCount: s.totalCount === null ? null : s.totalCount - 1,
        }));
      } else if (matches) {
        ids.current.add(order.id);
        fresh.current.add(order.id);
        window.setTimeout(() => fresh.current.delete(order.id), FRESH_MS);
        api.applyTransactionAsync({ add: [order] });
        setState((s) => ({
          ...s,
          loaded: ids.current.size,
          totalCount: s.totalCount === null ? null : s.totalCount + 1,
        }));
      }
    },
    [api],
  );

  useSubscription(ORDER_ROW_CHANGED, {
    skip: !api,
    onData: ({ data }) => {
      if (data.data) applyLiveOrder(data.data.orderChanged);
    },
  });

  const isFresh = useCallback((id: string) => fresh.current.has(id), []);
  const retry = useCallback(() => void loadNextPage(), [loadNextPage]);
  return { state, onViewportChanged, isFresh, retry };
}
