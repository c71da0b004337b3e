import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveStatus } from '../../common/live-status';
import type { KitchenTicketFragment, KitchenTicketsQuery } from '../../gql/graphql';
import {
  applyOrderChange,
  applySnapshot,
  clearCancelled,
  emptyBoard,
  KITCHEN_WINDOW_MS,
  pruneCancelled,
  type KitchenBoard,
} from './kitchen-board';
import { KITCHEN_PAGE_SIZE, KITCHEN_TICKET_CHANGED, KITCHEN_TICKETS } from './kitchen.operations';

export type KitchenOrder = KitchenTicketFragment;

/** Pages read at most (KITCHEN_PAGE_SIZE each): beyond that the screen says how many it is not showing. */
export const KITCHEN_MAX_PAGES = 40;
/** A full re-read this often, so a ticket can never stay wrong for long, whatever was missed. */
export const RESYNC_MS = 60_000;
/** After a failed read, try again this soon. */
export const RETRY_MS = 5_000;

export type KitchenReadState = {
  /** The first full read has finished. */
  loaded: boolean;
  error: Error | null;
  /** Open orders the board does not show because there were more than it reads. */
  notShown: number;
};

/**
 * The kitchen's tickets: a full read of the open orders, then every
 * `orderChanged` event applied as it comes. The full read is repeated when
 * the live connection comes back (events sent while it was down are lost,
 * so a reconnect re-reads instead of trusting the stream), every RESYNC_MS,
 * and after a failed read. Nothing goes into Apollo's cache (`no-cache`): a
 * screen that sees thousands of orders a day keeps only the open ones.
 */
export function useKitchenBoard() {
  const client = useApolloClient();
  const live = useLiveStatus();
  const [board, setBoard] = useState<KitchenBoard<KitchenOrder>>(emptyBoard);
  const [read, setRead] = useState<KitchenReadState>({ loaded: false, error: null, notShown: 0 });
  const boardRef = useRef(board);
  const alive = useRef(true);
  const reading = useRef<{ touched: Set<string>; again: boolean } | null>(null);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);

  const update = useCallback((change: (board: KitchenBoard<KitchenOrder>) => KitchenBoard<KitchenOrder>) => {
    const next = change(boardRef.current);
    if (next === boardRef.current) return;
    boardRef.current = next;
    setBoard(next);
  }, []);

  const readAll = useCallback(async (): Promise<void> => {
    if (reading.current) {
      reading.current.again = true;
      return;
    }
    const current = { touched: new Set<string>(), again: false };
    reading.current = current;
    if (retry.current) clearTimeout(retry.current);
    try {
      const from = new Date(Date.now() - KITCHEN_WINDOW_MS).toISOString();
      const orders: KitchenOrder[] = [];
      let after: string | null = null;
      let totalCount = 0;
      for (let page = 0; page < KITCHEN_MAX_PAGES; page += 1) {
        const { data }: { data?: KitchenTicketsQuery } = await client.query({
          query: KITCHEN_TICKETS,
          variables: { first: KITCHEN_PAGE_SIZE, after, from },
          fetchPolicy: 'no-cache',
        });
        if (!alive.current || !data) return;
        orders.push(...data.orders.edges.map((edge) => edge.node));
        totalCount = data.orders.totalCount;
        after = data.orders.pageInfo.endCursor ?? null;
        if (!data.orders.pageInfo.hasNextPage || !after) break;
      }
      update((held) => applySnapshot(held, orders, current.touched, Date.now()));
      setRead({ loaded: true, error: null, notShown: Math.max(0, totalCount - orders.length) });
    } catch (error) {
      if (!alive.current) return;
      setRead((state) => ({ ...state, error: error as Error }));
      retry.current = setTimeout(() => void readAll(), RETRY_MS);
    } finally {
      if (reading.current === current) reading.current = null;
      if (current.again && alive.current) void readAll();
    }
  }, [client, update]);

  // The first read, and the clock that prunes cancelled tickets and re-reads now and then.
  useEffect(() => {
    alive.current = true;
    void readAll();
    const resync = setInterval(() => {
      update((held) => pruneCancelled(held, Date.now()));
      void readAll();
    }, RESYNC_MS);
    return () => {
      alive.current = false;
      clearInterval(resync);
      if (retry.current) clearTimeout(retry.current);
    };
  }, [readAll, update]);

  // Each time the connection (re)opens, read again: events sent while it was down are never
  // replayed, and graphql-ws does not confirm a subscription, so a read made before the
  // socket was up may have missed what happened until it was.
  const lastLive = useRef(live);
  useEffect(() => {
    if (live === 'live' && lastLive.current !== 'live') void readAll();
    lastLive.current = live;
  }, [live, readAll]);

  const apply = useCallback(
    (order: KitchenOrder) => {
      reading.current?.touched.add(order.id);
      update((held) => applyOrderChange(held, order, Date.now()));
    },
    [update],
  );

  useSubscription(KITCHEN_TICKET_CHANGED, {
    fetchPolicy: 'no-cache',
    ignoreResults: true,
    onData: ({ data }) => {
      if (data.data) apply(data.data.orderChanged);
    },
  });

  const clear = useCallback((id: string) => update((held) => clearCancelled(held, id)), [update]);

  return { board, boardRef, read, apply, clear };
}
