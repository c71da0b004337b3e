import { useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { useWorkspace } from '../../app/workspace';
import type { OrderDetailQuery } from '../../gql/graphql';
import { Countdown } from '../../ui/Countdown';
import { Drawer } from '../../ui/Drawer';
import { formatMoney, type MoneyValue } from '../../ui/money';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { providerStyle } from '../../ui/providers';
import { ErrorState, Loading } from '../../ui/states';
import { TestBadge } from '../../ui/TestBadge';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatDateTime, formatTime } from '../../ui/time';
import { PrintTicketButton } from '../printing/PrintTicketButton';
import { OrderActions } from './OrderActions';
import { ORDER_DETAIL } from './order.operations';

type Order = OrderDetailQuery['order'];
type Modifier = { name: string; quantity: number; unitPrice: MoneyValue; modifiers?: readonly Modifier[] };

const money = (value: MoneyValue) => formatMoney(value.amount, value.currency);

function Modifiers({ modifiers }: { modifiers: readonly Modifier[] }) {
  if (modifiers.length === 0) return null;
  return (
    <ul className="modifiers">
      {modifiers.map((modifier, index) => (
        <li key={index}>
          {modifier.quantity > 1 && `${modifier.quantity} × `}
          {modifier.name}
          {modifier.unitPrice.amount > 0 && <span className="muted"> +{money(modifier.unitPrice)}</span>}
          <Modifiers modifiers={modifier.modifiers ?? []} />
        </li>
      ))}
    </ul>
  );
}

function Items({ order }: { order: Order }) {
  const lines: [string, MoneyValue][] = [
    ['Subtotal', order.subtotal],
    ['Delivery fee', order.deliveryFee],
    ['Discount', { ...order.discount, amount: -order.discount.amount }],
    ['Tax', order.tax],
    ['Tip', order.tip],
  ];
  return (
    <section aria-label="Items">
      <h3>Items</h3>
      <table className="items">
        <tbody>
          {order.items.map((item, index) => (
            <tr key={index}>
              <td className="qty">{item.quantity} ×</td>
              <td>
                {item.name}
                <Modifiers modifiers={item.modifiers} />
                {item.notes && <div className="note">“{item.notes}”</div>}
              </td>
              <td className="num">{money(item.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {lines
            .filter(([label, value]) => label === 'Subtotal' || value.amount !== 0)
            .map(([label, value]) => (
              <tr key={label}>
                <td />
                <td className="muted">{label}</td>
                <td className="num">{money(value)}</td>
              </tr>
            ))}
          <tr className="grand-total">
            <td />
            <td>Total</td>
            <td className="num">{money(order.total)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function Customer({ order }: { order: Order }) {
  return (
    <section aria-label="Customer and delivery" className="facts">
      <h3>Customer and delivery</h3>
      <dl>
        <dt>Customer</dt>
        <dd>{order.customer?.name ?? '—'}</dd>
        <dt>Phone</dt>
        <dd>{order.customer?.phone ? <a href={`tel:${order.customer.phone}`}>{order.customer.phone}</a> : '—'}</dd>
        <dt>Delivery</dt>
        <dd>{order.delivery ? (order.delivery.address ?? 'Address not given') : 'Pick-up'}</dd>
        {order.delivery?.notes && (
          <>
            <dt>Delivery notes</dt>
            <dd>{order.delivery.notes}</dd>
          </>
        )}
        <dt>Payment</dt>
        <dd>{order.payment ? `${order.payment.method}${order.payment.paid ? ' · paid' : ' · to collect'}` : '—'}</dd>
        {order.notes && (
          <>
            <dt>Notes</dt>
            <dd>{order.notes}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

type TimelineEntry = Order['timeline'][number];

/** Who moved the order: the user by name, the provider by its name, or what the system did (auto-accept). */
function timelineActor(event: TimelineEntry): string {
  if (event.source === 'USER') return `by ${event.user?.name ?? event.user?.email ?? 'a user'}`;
  if (event.source === 'PROVIDER') return `by ${event.actor ? providerStyle(event.actor).label : 'the provider'}`;
  return event.actor ? `by Nexara (${event.actor})` : 'by Nexara';
}

function Timeline({ order, timeZone }: { order: Order; timeZone: string }) {
  return (
    <section aria-label="Timeline">
      <h3>Timeline</h3>
      <ol className="timeline">
        {order.timeline.map((event, index) => (
          <li key={index}>
            <StatusBadge status={event.status} />
            <time dateTime={event.at}>{formatDateTime(event.at, timeZone)}</time>
            <span className="muted">{timelineActor(event)}</span>
            {event.note && <div className="note">{event.note}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Callbacks({ order, timeZone }: { order: Order; timeZone: string }) {
  return (
    <section aria-label="Provider callbacks">
      <h3>Provider callbacks</h3>
      {order.callbacks.length === 0 ? (
        <p className="muted">Nothing sent to the provider yet.</p>
      ) : (
        <table className="callbacks">
          <tbody>
            {order.callbacks.map((callback, index) => (
              <tr key={index}>
                <td>{callback.action}</td>
                <td>
                  <StatusBadge status={callback.outcome} />
                </td>
                <td className="muted">
                  try {callback.attempt}
                  {callback.httpStatus ? ` · HTTP ${callback.httpStatus}` : ''}
                  {callback.detail ? ` · ${callback.detail}` : ''}
                </td>
                <td className="muted">{formatTime(callback.at, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Everything about one order and the actions its state allows; follows the order live. */
export function OrderDrawer({ orderId, onClose }: { orderId: string; onClose: () => void }) {
  const { tenant, user } = useWorkspace();
  const { data, loading, error, refetch } = useQuery(ORDER_DETAIL, {
    variables: { id: orderId },
    fetchPolicy: 'cache-and-network',
  });
  const order = data?.order;

  // Live events refresh the order's row fields in the cache; the timeline and callbacks are re-read when its status moves.
  const seenStatus = useRef<string | null>(null);
  useEffect(() => {
    if (!order) return;
    if (seenStatus.current && seenStatus.current !== order.status) void refetch();
    seenStatus.current = order.status;
  }, [order, refetch]);

  const title = order ? (
    <>
      Order #{order.displayCode} <ProviderBadge provider={order.provider} /> <StatusBadge status={order.status} />
      {order.test && <TestBadge />}
    </>
  ) : (
    'Order'
  );
  return (
    <Drawer title={title} onClose={onClose} label={order ? `Order ${order.displayCode}` : 'Order'}>
      {!order && loading && <Loading label="Loading the order…" />}
      {!order && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {order && (
        <>
          <div className="drawer-summary">
            <span className="big-money">{money(order.total)}</span>
            <span className="muted">
              {order.connection.name} · placed {formatDateTime(order.placedAt, tenant.timeZone)} · provider id{' '}
              {order.externalId}
            </span>
            {order.status === 'RECEIVED' && order.acceptBy && (
              <span>
                Accept within <Countdown deadline={order.acceptBy} />
              </span>
            )}
            {order.prepMinutes && order.acceptedAt && (
              <span className="muted">
                Accepted {formatTime(order.acceptedAt, tenant.timeZone)}, ready in {order.prepMinutes} min
              </span>
            )}
            <span>
              <PrintTicketButton orderId={order.id} />
            </span>
          </div>
          {order.warnings.length > 0 && (
            <ul className="warnings" aria-label="Warnings">
              {order.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <OrderActions orderId={order.id} status={order.status} role={user.role} onDone={() => void refetch()} />
          <Items order={order} />
          <Customer order={order} />
          <Timeline order={order} timeZone={tenant.timeZone} />
          <Callbacks order={order} timeZone={tenant.timeZone} />
        </>
      )}
    </Drawer>
  );
}
