import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { isManager, useWorkspace } from '../../common/workspace';
import { Drawer } from '../../ui/Drawer';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { ErrorState, InlineError, Loading } from '../../ui/states';
import { StatusBadge, statusLabel } from '../../ui/StatusBadge';
import { formatDateTimeSeconds } from '../../ui/time';
import { canReplay, prettyPayload } from './webhook-event-filter';
import { REPLAY_WEBHOOK_EVENT, WEBHOOK_EVENT_DETAIL } from './webhook-event.operations';
import { useTranslation } from '../../i18n/translate';
import { formatCount } from '../../ui/money';

/** While a delivery is in the queue, its status is re-read this often (the live feed names only its connection). */
const IN_FLIGHT_POLL_MS = 1000;

export function WebhookEventDrawer({
  eventId,
  onClose,
  onReplayed,
}: {
  eventId: string;
  onClose: () => void;
  onReplayed: () => void;
}) {
  const { tenant, user } = useWorkspace();
  const { t } = useTranslation('webhookEvents', { keyPrefix: 'drawer' });
  const { data, loading, error, refetch, startPolling, stopPolling } = useQuery(WEBHOOK_EVENT_DETAIL, {
    variables: { id: eventId },
  });
  const [replay, replayState] = useMutation(REPLAY_WEBHOOK_EVENT);
  const event = data?.webhookEvent;
  const inFlight = event?.status === 'QUEUED' || event?.status === 'PROCESSING';
  useEffect(() => {
    if (inFlight) startPolling(IN_FLIGHT_POLL_MS);
    else stopPolling();
    return () => stopPolling();
  }, [inFlight, startPolling, stopPolling]);

  const doReplay = async () => {
    const ok = await replay({ variables: { id: eventId } }).then(
      () => true,
      () => false,
    );
    if (ok) {
      await refetch();
      onReplayed();
    }
  };
  const at = (iso: string | null | undefined) => (iso ? formatDateTimeSeconds(iso, tenant.timeZone) : '—');

  return (
    <Drawer
      label={t('label')}
      onClose={onClose}
      title={
        event ? (
          <>
            {t('delivery')} <ProviderBadge provider={event.provider} /> <StatusBadge status={event.status} />
          </>
        ) : (
          t('delivery')
        )
      }
    >
      {!event && loading && <Loading />}
      {!event && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {data && !event && <ErrorState error={{ message: t('gone') }} />}
      {event && (
        <>
          <section className="facts" aria-label={t('processing')}>
            <dl>
              <dt>{t('connection')}</dt>
              <dd translate="no">{event.connection.name}</dd>
              <dt>{t('key')}</dt>
              <dd translate="no">
                <code>{event.idempotencyKey}</code>
              </dd>
              <dt>{t('received')}</dt>
              <dd>{at(event.receivedAt)}</dd>
              <dt>{t('attempts')}</dt>
              <dd>
                {t('attemptsLine', {
                  n: event.attempts,
                  replays: event.replayCount,
                  first: at(event.firstAttemptAt),
                  last: at(event.lastAttemptAt),
                })}
              </dd>
              {event.nextAttemptAt && (
                <>
                  <dt>{t('nextAttempt')}</dt>
                  <dd>{at(event.nextAttemptAt)}</dd>
                </>
              )}
              <dt>{t('processed')}</dt>
              <dd>
                {at(event.processedAt)}
                {event.processingMs !== null && t('processedIn', { ms: formatCount(event.processingMs) })}
              </dd>
              {event.lastError && (
                <>
                  <dt>{t('lastError')}</dt>
                  <dd className="error" translate="no">
                    {event.lastError}
                  </dd>
                </>
              )}
              <dt>{t('orders')}</dt>
              <dd>
                {event.orders.length === 0
                  ? '—'
                  : event.orders
                      .map((order) => order && `#${order.displayCode} (${statusLabel(order.status).toLowerCase()})`)
                      .join(', ')}
              </dd>
            </dl>
          </section>
          {isManager(user.role) && canReplay(event.status) && (
            <div className="button-row">
              <button type="button" className="primary" disabled={replayState.loading} onClick={() => void doReplay()}>
                {t('replay')}
              </button>
            </div>
          )}
          <InlineError error={replayState.error} />
          <h3>{t('headers')}</h3>
          <pre className="code" aria-label={t('headers')} translate="no" dir="ltr">
            {JSON.stringify(event.headers, null, 2)}
          </pre>
          <h3>{t('payload')}</h3>
          <pre className="code" aria-label={t('payload')} translate="no" dir="ltr">
            {prettyPayload(event.payload)}
          </pre>
        </>
      )}
    </Drawer>
  );
}
