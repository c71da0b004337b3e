import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useWorkspace } from '../../common/workspace';
import type { OrderRowFragment } from '../../gql/graphql';
import { Countdown } from '../../ui/Countdown';
import { formatMoney } from '../../ui/money';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { TestBadge } from '../../ui/TestBadge';
import { formatDateTimeSeconds, formatTime } from '../../ui/time';
import { OrderDrawer } from '../orders/OrderDrawer';
import { mergeIntoStream, STREAM_LENGTH } from './live-stream';
import { LATEST_ORDERS, STREAM_ORDER_CHANGED } from './overview.operations';
import { useAttention } from '../attention/AttentionProvider';
import type { ChimeState } from '../attention/useChime';
import { useTranslation } from '../../i18n/translate';

const HIGHLIGHT_MS = 4000;

const SOUND_KEY = { on: 'soundOn', off: 'soundOff', blocked: 'soundBlocked' } as const satisfies Record<
  ChimeState,
  string
>;

function SpeakerIcon({ muted }: { muted: boolean }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" className="icon">
      <path d="M2 6h3l4-3v10L5 10H2z" fill="currentColor" />
      {muted ? (
        <path d="M11 5.5l4 5m0-5l-4 5" stroke="currentColor" strokeWidth="1.5" />
      ) : (
        <path d="M11 5a4 4 0 0 1 0 6M12.5 3a6.5 6.5 0 0 1 0 10" stroke="currentColor" strokeWidth="1.5" fill="none" />
      )}
    </svg>
  );
}

/** The newest orders, live: new ones slide in on top with a highlight (and the attention chime, mutable here). */
export function LiveOrderStream() {
  const { tenant } = useWorkspace();
  const { t } = useTranslation('overview', { keyPrefix: 'stream' });
  const { data, loading, error, refetch } = useQuery(LATEST_ORDERS, {
    variables: { first: STREAM_LENGTH },
    fetchPolicy: 'network-only',
  });
  const [stream, setStream] = useState<OrderRowFragment[] | null>(null);
  const streamRef = useRef<OrderRowFragment[] | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  // The chime itself rings from the attention provider (on every page, repeating until answered).
  const { sound, toggleMuted } = useAttention();

  useEffect(() => {
    if (!data) return;
    streamRef.current = data.orders.edges.map((edge) => edge.node);
    setStream(streamRef.current);
  }, [data]);

  useSubscription(STREAM_ORDER_CHANGED, {
    onData: ({ data: event }) => {
      const order = event.data?.orderChanged;
      if (!order) return;
      const merged = mergeIntoStream(streamRef.current ?? [], order);
      streamRef.current = merged.stream;
      setStream(merged.stream);
      if (!merged.isNew) return;
      setFresh((ids) => new Set(ids).add(order.id));
      window.setTimeout(() => setFresh((ids) => new Set([...ids].filter((id) => id !== order.id))), HIGHLIGHT_MS);
    },
  });

  return (
    <section className="panel" aria-label={t('label')}>
      <h2>
        {t('title')} <span className="spacer" />
        <button
          type="button"
          onClick={toggleMuted}
          aria-pressed={sound === 'off'}
          title={t(`${SOUND_KEY[sound]}Title`)}
          className={sound === 'blocked' ? 'sound-blocked' : undefined}
        >
          <SpeakerIcon muted={sound !== 'on'} /> {t(SOUND_KEY[sound])}
        </button>
      </h2>
      {!stream && loading && <Loading label={t('loading')} />}
      {!stream && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {stream && stream.length === 0 && <Empty title={t('noneTitle')}>{t('noneBody')}</Empty>}
      {stream && stream.length > 0 && (
        <ul className="stream" aria-live="polite" aria-label={t('list')} data-testid="live-stream">
          {stream.map((order) => (
            <li key={order.id} className={fresh.has(order.id) ? 'stream-new' : undefined}>
              <button
                type="button"
                onClick={() => setOpenId(order.id)}
                aria-label={t('order', { code: order.displayCode })}
              >
                <ProviderBadge provider={order.provider} />
                <span className="stream-order">
                  <span className="code">
                    #{order.displayCode} {order.test && <TestBadge />}
                  </span>
                  <span
                    className="muted small"
                    title={`${formatDateTimeSeconds(order.placedAt, tenant.timeZone)} · ${order.customer?.name ?? '—'} · ${order.connection.name}`}
                  >
                    {formatTime(order.placedAt, tenant.timeZone)} ·{' '}
                    <span translate="no">{order.customer?.name ?? order.connection.name}</span>
                  </span>
                </span>
                <span className="stream-status">
                  <StatusBadge status={order.status} />
                  {order.status === 'RECEIVED' && order.acceptBy && <Countdown deadline={order.acceptBy} />}
                </span>
                <span className="num">{formatMoney(order.total.amount, order.total.currency)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {openId && <OrderDrawer orderId={openId} onClose={() => setOpenId(null)} />}
    </section>
  );
}
