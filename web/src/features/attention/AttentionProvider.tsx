import { useQuery, useSubscription } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { formatMoney } from '../../ui/money';
import { providerStyle } from '../../ui/providers';
import { OrderDrawer } from '../orders/OrderDrawer';
import { ATTENTION_ORDER_CHANGED, WAITING_ORDERS } from './attention.operations';
import { useChime, type ChimeState } from './useChime';
import { applyOrderChange, initialWaiting, titleWithCount, type WaitingOrders } from './waiting-orders';

/** How often a new order rings again while nobody has accepted or rejected it. */
export const RING_REPEAT_MS = 8000;

export type NotificationState = 'unsupported' | 'default' | 'granted' | 'denied';

type Attention = {
  sound: ChimeState;
  toggleMuted: () => void;
  notifications: NotificationState;
  /** Asks for permission; call it from a click (browsers ignore requests without a user gesture). */
  enableNotifications: () => void;
  /** Orders still RECEIVED, in the tab title too. */
  waitingCount: number;
  /** Of those, the ones that arrived while this dashboard was open: they ring until answered. */
  ringingCount: number;
};

const AttentionContext = createContext<Attention | null>(null);

export function useAttention(): Attention {
  const attention = useContext(AttentionContext);
  if (!attention) throw new Error('useAttention outside <AttentionProvider>');
  return attention;
}

function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Getting an operator's attention on any page: a chime for each new order
 * that repeats until every new order is accepted or rejected (the sound
 * button mutes it; browsers hold sound until the page gets a click), a
 * browser notification per new order whose click opens that order, and
 * the number of waiting orders in the tab title.
 */
export function AttentionProvider({ children }: { children: ReactNode }) {
  const { state: sound, toggleMuted, chime } = useChime();
  const [notifications, setNotifications] = useState<NotificationState>(notificationState);
  const [orders, setOrders] = useState<WaitingOrders | null>(null);
  const ordersRef = useRef<WaitingOrders | null>(null);
  const [openOrderId, setOpenOrderId] = useState<string | null>(null);
  const chimeRef = useRef(chime);
  chimeRef.current = chime;

  const { data } = useQuery(WAITING_ORDERS, { fetchPolicy: 'network-only' });
  // Waiting orders beyond the first page: counted, not followed (a change to one of them is not seen here).
  const unfollowed = data ? data.orders.totalCount - data.orders.edges.length : 0;
  useEffect(() => {
    if (!data || ordersRef.current) return;
    ordersRef.current = initialWaiting(data.orders.edges.map((edge) => edge.node.id));
    setOrders(ordersRef.current);
  }, [data]);

  useSubscription(ATTENTION_ORDER_CHANGED, {
    skip: !orders,
    onData: ({ data: event }) => {
      const order = event.data?.orderChanged;
      if (!order || !ordersRef.current) return;
      const change = applyOrderChange(ordersRef.current, order);
      ordersRef.current = change.state;
      setOrders(change.state);
      if (!change.isNew) return;
      chimeRef.current();
      if (notificationState() !== 'granted') return;
      const amount = formatMoney(order.total.amount, order.total.currency);
      const note = new Notification(`New order #${order.displayCode}${order.test ? ' (test)' : ''}`, {
        body: [providerStyle(order.provider).label, amount, order.customer?.name].filter(Boolean).join(' · '),
        // One per order, even with the dashboard open in several tabs.
        tag: `order-${order.id}`,
      });
      note.onclick = () => {
        window.focus();
        setOpenOrderId(order.id);
        note.close();
      };
    },
  });

  const ringingCount = orders?.ringing.size ?? 0;
  useEffect(() => {
    if (ringingCount === 0) return;
    const timer = window.setInterval(() => chimeRef.current(), RING_REPEAT_MS);
    return () => window.clearInterval(timer);
  }, [ringingCount]);

  const waitingCount = orders ? orders.waiting.size + unfollowed : 0;
  const baseTitle = useRef(document.title);
  useEffect(() => {
    document.title = titleWithCount(baseTitle.current, waitingCount);
  }, [waitingCount]);
  useEffect(() => {
    const title = baseTitle.current;
    return () => {
      document.title = title;
    };
  }, []);

  const enableNotifications = useCallback(() => {
    if (typeof Notification === 'undefined') return;
    void Notification.requestPermission().then(setNotifications, () => setNotifications(notificationState()));
  }, []);
  const close = useCallback(() => setOpenOrderId(null), []);

  return (
    <AttentionContext.Provider
      value={{ sound, toggleMuted, notifications, enableNotifications, waitingCount, ringingCount }}
    >
      {children}
      {openOrderId && <OrderDrawer orderId={openOrderId} onClose={close} />}
    </AttentionContext.Provider>
  );
}
