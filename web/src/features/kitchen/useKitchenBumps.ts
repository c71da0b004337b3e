import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { fill } from '../../ui/fill';
import { ACCEPT_ORDER, MARK_PICKED_UP, MARK_PREPARING, MARK_READY } from '../orders/order.operations';
import type { KitchenBoard } from './kitchen-board';
import { BumpQueue, UNDO_WINDOW_MS, type PendingBump } from './kitchen-bump';
import { kitchenText } from './kitchen-text';
import type { KitchenOrder } from './useKitchenBoard';

export type BumpFailure = { id: string; message: string };

const statusText = (status: string) =>
  kitchenText().status[status as keyof ReturnType<typeof kitchenText>['status']] ?? status;

/** Failures shown at once (newest first); older ones give way. */
const FAILURES_SHOWN = 3;

/** The part of a mutation's answer that changes a ticket. */
type Answer = Pick<KitchenOrder, 'status' | 'updatedAt' | 'acceptBy' | 'acceptanceAtRisk'> &
  Partial<Pick<KitchenOrder, 'acceptedAt' | 'prepMinutes'>>;

/**
 * Taps on tickets, sent through the order mutations the drawer uses once
 * their undo window has passed. Every request is sent with `keepalive`, so a
 * tap made just before the tablet reloads or navigates away still arrives.
 * Sends for one order go one after the other, and each checks that the
 * order is still where the tap found it: if another screen or the provider
 * moved it meanwhile, the bump is dropped and the cook is told.
 */
export function useKitchenBumps(boardRef: RefObject<KitchenBoard<KitchenOrder>>, apply: (order: KitchenOrder) => void) {
  const client = useApolloClient();
  const [pending, setPending] = useState<readonly PendingBump[]>([]);
  const [sending, setSending] = useState<ReadonlyMap<string, string>>(new Map());
  const [failures, setFailures] = useState<readonly BumpFailure[]>([]);
  const chains = useRef(new Map<string, Promise<void>>());

  const fail = useCallback((id: string, message: string) => {
    setFailures((shown) => [{ id, message }, ...shown.filter((f) => f.id !== id)].slice(0, FAILURES_SHOWN));
  }, []);

  const mutate = useCallback(
    async (bump: PendingBump): Promise<Answer | undefined> => {
      const options = { fetchPolicy: 'no-cache', context: { fetchOptions: { keepalive: true } } } as const;
      const variables = { id: bump.id };
      switch (bump.action) {
        case 'ACCEPT': {
          const prepMinutes = bump.prepMinutes;
          const answer = await client.mutate({
            mutation: ACCEPT_ORDER,
            variables: { ...variables, prepMinutes },
            ...options,
          });
          return answer.data?.acceptOrder;
        }
        case 'MARK_PREPARING':
          return (await client.mutate({ mutation: MARK_PREPARING, variables, ...options })).data?.markPreparing;
        case 'MARK_READY':
          return (await client.mutate({ mutation: MARK_READY, variables, ...options })).data?.markReady;
        case 'MARK_PICKED_UP':
          return (await client.mutate({ mutation: MARK_PICKED_UP, variables, ...options })).data?.markPickedUp;
      }
    },
    [client],
  );

  const sendRef = useRef<(bump: PendingBump) => void>(() => undefined);
  sendRef.current = (bump: PendingBump) => {
    const run = (chains.current.get(bump.id) ?? Promise.resolve()).then(async () => {
      const held = boardRef.current.tickets.get(bump.id);
      if (!held || held.cancelledAt !== null || held.order.status !== bump.from) {
        fail(
          bump.id,
          held
            ? fill(kitchenText().movedOn, { code: bump.displayCode, status: statusText(held.order.status) })
            : fill(kitchenText().leftBoard, { code: bump.displayCode }),
        );
        return;
      }
      setSending((map) => new Map(map).set(bump.id, bump.to));
      try {
        const answer = await mutate(bump);
        if (answer) {
          const { status, updatedAt, acceptBy, acceptanceAtRisk } = answer;
          const accepted =
            answer.acceptedAt !== undefined
              ? { acceptedAt: answer.acceptedAt, prepMinutes: answer.prepMinutes ?? null }
              : {};
          apply({ ...held.order, status, updatedAt, acceptBy, acceptanceAtRisk, ...accepted });
        }
      } catch (error) {
        fail(
          bump.id,
          fill(kitchenText().bumpFailed, {
            code: bump.displayCode,
            step: kitchenText().step[bump.to],
            message: (error as Error).message,
          }),
        );
      } finally {
        setSending((map) => {
          const next = new Map(map);
          next.delete(bump.id);
          return next;
        });
      }
    });
    chains.current.set(bump.id, run);
    void run.finally(() => {
      if (chains.current.get(bump.id) === run) chains.current.delete(bump.id);
    });
  };

  const [queue] = useState(
    () => new BumpQueue({ windowMs: UNDO_WINDOW_MS, send: (bump) => sendRef.current(bump), onChange: setPending }),
  );

  // Leaving the page (or the kitchen screen) sends what is still waiting: a tap is never lost.
  useEffect(() => {
    const flush = () => queue.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      queue.flush();
    };
  }, [queue]);

  /** Where each moving ticket is going: bumps in their undo window and bumps on their way to the API. */
  const moving = useMemo(() => {
    const map = new Map(sending);
    for (const bump of pending) map.set(bump.id, bump.to);
    return map;
  }, [pending, sending]);

  const dismissFailure = useCallback((id: string) => setFailures((shown) => shown.filter((f) => f.id !== id)), []);

  return {
    pending,
    moving,
    failures,
    bump: useCallback((bump: Omit<PendingBump, 'sendsAt'>) => queue.bump(bump), [queue]),
    undo: useCallback((id: string) => queue.undo(id), [queue]),
    dismissFailure,
  };
}
