import { useCallback, useMemo, useRef, useState } from 'react';

/** A page of a GraphQL connection, newest first, as the log queries answer it. */
export type RowPage<TRow> = {
  edges: readonly { node: TRow }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
};

type Later<TRow> = { key: string; rows: TRow[]; cursor: string | null; hasNext: boolean };

/**
 * The rows of a log page (docs/dashboard.md, "Log pages"): the first page
 * from the page's own query, then what "Load more" read after it.
 *
 * Once more than the first page is shown, the list is kept whole here, the
 * first page included: a live re-read (`refresh`) reads the first page and
 * then rows after it, chained by cursor, until as many rows as were shown,
 * and shows them in one step. Re-reading only the first page would skip the rows that
 * new ones pushed past its end (they are in neither the first page nor the
 * pages read before). Rows of the first page show the query's fresher copy.
 * `loadMore`, `refresh` and `reset` run one at a time, each on what the one
 * before left.
 */
export function usePagedRows<TRow extends { id: string }>(options: {
  /** What the rows are read for (the filter): rows read for another key are not shown. */
  key: string;
  firstPage: RowPage<TRow> | undefined;
  /** Reads the first page again through the page's query (its refetch). */
  readFirstPage: () => Promise<RowPage<TRow> | undefined>;
  /** How many rows "Load more" reads. */
  pageSize: number;
  /** Reads `first` rows after a cursor (the page's fetchMore). */
  readPage: (after: string | null, first: number) => Promise<RowPage<TRow> | undefined>;
}): {
  rows: TRow[];
  hasNext: boolean;
  loadMore: () => Promise<void>;
  refresh: () => Promise<void>;
  /** Back to the first page alone, read again (after a change that moves rows, such as a replay). */
  reset: () => Promise<void>;
} {
  const { key, firstPage } = options;
  const [later, setLater] = useState<Later<TRow> | null>(null);
  const current = later?.key === key ? later : null;

  const latest = useRef({ options, current });
  latest.current = { options, current };
  const queue = useRef<Promise<void>>(Promise.resolve());
  const oneAtATime = useCallback((step: () => Promise<void>): Promise<void> => {
    // The caller sees a failed step (an error from the server); the next step still runs.
    const run = queue.current.then(step);
    queue.current = run.catch(() => undefined);
    return run;
  }, []);

  const rows = useMemo(() => {
    const first = firstPage?.edges.map((edge) => edge.node) ?? [];
    if (!current) return first;
    const fresher = new Map(first.map((row) => [row.id, row]));
    return current.rows.map((row) => fresher.get(row.id) ?? row);
  }, [firstPage, current]);

  const loadMore = useCallback(
    () =>
      oneAtATime(async () => {
        const { options: now, current: shown } = latest.current;
        const start = shown ?? {
          key: now.key,
          rows: now.firstPage?.edges.map((edge) => edge.node) ?? [],
          cursor: now.firstPage?.pageInfo.endCursor ?? null,
          hasNext: Boolean(now.firstPage?.pageInfo.hasNextPage),
        };
        if (!start.hasNext) return;
        const page = await now.readPage(start.cursor, now.pageSize);
        if (page) setLater(appended(start, page));
      }),
    [oneAtATime],
  );

  const refresh = useCallback(
    () =>
      oneAtATime(async () => {
        const { options: now, current: shown } = latest.current;
        const first = await now.readFirstPage();
        if (!shown || !first) return;
        let next: Later<TRow> = { key: shown.key, rows: [], cursor: null, hasNext: true };
        next = appended(next, first);
        while (next.hasNext && next.rows.length < shown.rows.length) {
          const page = await now.readPage(next.cursor, Math.min(now.pageSize, shown.rows.length - next.rows.length));
          if (!page) return;
          next = appended(next, page);
        }
        setLater(next);
      }),
    [oneAtATime],
  );

  const reset = useCallback(
    () =>
      oneAtATime(async () => {
        setLater(null);
        await latest.current.options.readFirstPage();
      }),
    [oneAtATime],
  );

  return {
    rows,
    hasNext: current ? current.hasNext : Boolean(firstPage?.pageInfo.hasNextPage),
    loadMore,
    refresh,
    reset,
  };
}

/** `page` after `list`; a row already in the list is not shown twice. */
function appended<TRow extends { id: string }>(list: Later<TRow>, page: RowPage<TRow>): Later<TRow> {
  const known = new Set(list.rows.map((row) => row.id));
  return {
    key: list.key,
    rows: [...list.rows, ...page.edges.map((edge) => edge.node).filter((row) => !known.has(row.id))],
    cursor: page.pageInfo.endCursor ?? null,
    hasNext: page.pageInfo.hasNextPage,
  };
}
