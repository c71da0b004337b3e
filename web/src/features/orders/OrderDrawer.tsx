import { useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { useWorkspace } from '../../common/workspace';
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
import { ORDER_DETAIL } from '../common/order-detail.operations';
import { translator, useTranslation } from '../../i18n/translate';

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
  const { t } = useTranslation('orders', { keyPrefix: 'drawer' });
  const lines: ['subtotal' | 'deliveryFee' | 'discount' | 'tax' | 'tip', MoneyValue][] = [
    ['subtotal', order.subtotal],
    ['deliveryFee', order.deliveryFee],
    ['discount', { ...order.discount, amount: -order.discount.amount }],
    ['tax', order.tax],
    ['tip', order.tip],
  ];
  return (
    <section aria-label={t('items')}>
      <h3>{t('items')}</h3>
      <table className="items">
        <tbody>
          {order.items.map((item, index) => (
            <tr key={index}>
              <td className="qty">{item.quantity} ×</td>
              <td translate="no">
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
            .filter(([label, value]) => label === 'subtotal' || value.amount !== 0)
            .map(([label, value]) => (
              <tr key={label}>
                <td />
                <td className="muted">{t(label)}</td>
                <td className="num">{money(value)}</td>
              </tr>
            ))}
          <tr className="grand-total">
            <td />
            <td>{t('total')}</td>
            <td className="num">{money(order.total)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function Customer({ order }: { order: Order }) {
  const { t } = useTranslation('orders', { keyPrefix: 'drawer' });
  return (
    <section aria-label={t('customerAndDelivery')} className="facts">
      <h3>{t('customerAndDelivery')}</h3>
      <dl>
        <dt>{t('customer')}</dt>
        <dd translate="no">{order.customer?.name ?? '—'}</dd>
        <dt>{t('phone')}</dt>
        <dd dir="ltr" translate="no">
          {order.customer?.phone ? <a href={`tel:${order.customer.phone}`}>{order.customer.phone}</a> : '—'}
        </dd>
        <dt>{t('delivery')}</dt>
        {order.delivery?.address ? (
          <dd translate="no">{order.delivery.address}</dd>
        ) : (
          <dd>{order.delivery ? t('noAddress') : t('pickUp')}</dd>
        )}
        {order.delivery?.notes && (
          <>
            <dt>{t('deliveryNotes')}</dt>
            <dd translate="no">{order.delivery.notes}</dd>
          </>
        )}
        <dt>{t('payment')}</dt>
        <dd>
          {order.payment ? (
            <>
              <span translate="no">{order.payment.method}</span>
              {order.payment.paid ? t('paid') : t('toCollect')}
            </>
          ) : (
            '—'
          )}
        </dd>
        {order.notes && (
          <>
            <dt>{t('notes')}</dt>
            <dd translate="no">{order.notes}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

type TimelineEntry = Order['timeline'][number];

/** Who moved the order: the user by name, the provider by its name, or what the system did (auto-accept). */
function timelineActor(event: TimelineEntry): string {
  const t = translator.getFixedT(null, 'orders', 'drawer');
  if (event.source === 'USER') return t('byUser', { name: event.user?.name ?? event.user?.email ?? t('aUser') });
  if (event.source === 'PROVIDER') {
    return t('byUser', { name: event.actor ? providerStyle(event.actor).label : t('theProvider') });
  }
  return event.actor ? t('byNexaraFor', { actor: event.actor }) : t('byNexara');
}

function Timeline({ order, timeZone }: { order: Order; timeZone: string }) {
  const { t } = useTranslation('orders', { keyPrefix: 'drawer' });
  return (
    <section aria-label={t('timeline')}>
      <h3>{t('timeline')}</h3>
      <ol className="timeline">
        {order.timeline.map((event, index) => (
          <li key={index}>
            <StatusBadge status={event.status} />
            <time dateTime={event.at}>{formatDateTime(event.at, timeZone)}</time>
            <span className="muted">{timelineActor(event)}</span>
            {event.note && (
              <div className="note" translate="no">
                {event.note}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Callbacks({ order, timeZone }: { order: Order; timeZone: string }) {
  const { t } = useTranslation('orders', { keyPrefix: 'drawer' });
  return (
    <section aria-label={t('callbacks')}>
      <h3>{t('callbacks')}</h3>
      {order.callbacks.length === 0 ? (
        <p className="muted">{t('noCallbacks')}</p>
      ) : (
        <table className="callbacks">
          <tbody>
            {order.callbacks.map((callback, index) => (
              <tr key={index}>
                <td translate="no">{callback.action}</td>
                <td>
                  <StatusBadge status={callback.outcome} />
                </td>
                <td className="muted">
                  {t('attempt', { n: callback.attempt })}
                  {callback.httpStatus ? ` · HTTP ${callback.httpStatus}` : ''}
                  {callback.detail && <span translate="no">{` · ${callback.detail}`}</span>}
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
  const { t } = useTranslation('orders', { keyPrefix: 'drawer' });
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
      {t('orderCode', { code: order.displayCode })} <ProviderBadge provider={order.provider} />{' '}
      <StatusBadge status={order.status} />
      {order.test && <TestBadge />}
    </>
  ) : (
    t('order')
  );
  return (
    <Drawer title={title} onClose={onClose} label={order ? t('orderLabel', { code: order.displayCode }) : t('order')}>
      {!order && loading && <Loading label={t('loading')} />}
      {!order && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {order && (
        <>
          <div className="drawer-summary">
            <span className="big-money">{money(order.total)}</span>
            <span className="muted">
              <span translate="no">{order.connection.name}</span> ·{' '}
              {t('placed', { at: formatDateTime(order.placedAt, tenant.timeZone) })} · {t('providerId')}{' '}
              <span translate="no">{order.externalId}</span>
            </span>
            {order.status === 'RECEIVED' && order.acceptBy && (
              <span>
                {t('acceptWithin')} <Countdown deadline={order.acceptBy} />
              </span>
            )}
            {order.prepMinutes && order.acceptedAt && (
              <span className="muted">
                {t('acceptedReady', { at: formatTime(order.acceptedAt, tenant.timeZone), minutes: order.prepMinutes })}
              </span>
            )}
            <span>
              <PrintTicketButton orderId={order.id} />
            </span>
          </div>
          {order.warnings.length > 0 && (
            <ul className="warnings" aria-label={t('warnings')} translate="no">
              {order.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          {order.menuWarnings.length > 0 && (
            <ul className="warnings menu-warnings" aria-label={t('menuWarnings')} data-testid="menu-warnings">
              {order.menuWarnings.map((warning) => (
                <li key={`${warning.code}:${warning.itemName}`}>{t(warning.code, { item: warning.itemName })}</li>
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
