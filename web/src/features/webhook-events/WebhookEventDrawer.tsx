import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { isManager, useWorkspace } from '../../app/workspace';
import { Drawer } from '../../ui/Drawer';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { ErrorState, InlineError, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatDateTimeSeconds } from '../../ui/time';
import { canReplay, prettyPayload } from './webhook-event-filter';
import { REPLAY_WEBHOOK_EVENT, WEBHOOK_EVENT_DETAIL } from './webhook-event.operations';

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
      label="Webhook delivery"
      onClose={onClose}
      title={
        event ? (
          <>
            Delivery <ProviderBadge provider={event.provider} /> <StatusBadge status={event.status} />
          </>
        ) : (
          'Delivery'
        )
      }
    >
      {!event && loading && <Loading />}
      {!event && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {data && !event && <ErrorState error={{ message: 'This delivery no longer exists.' }} />}
      {event && (
        <>
          <section className="facts" aria-label="Processing">
            <dl>
              <dt>Connection</dt>
              <dd>{event.connection.name}</dd>
              <dt>Idempotency key</dt>
              <dd>
                <code>{event.idempotencyKey}</code>
              </dd>
              <dt>Received</dt>
              <dd>{at(event.receivedAt)}</dd>
              <dt>Attempts</dt>
              <dd>
                {event.attempts} (replayed {event.replayCount}×) · first {at(event.firstAttemptAt)} · last{' '}
                {at(event.lastAttemptAt)}
              </dd>
              {event.nextAttemptAt && (
                <>
                  <dt>Next attempt</dt>
                  <dd>{at(event.nextAttemptAt)}</dd>
                </>
              )}
              <dt>Processed</dt>
              <dd>
                {at(event.processedAt)}
                {event.processingMs !== null && ` in ${event.processingMs} ms`}
              </dd>
              {event.lastError && (
                <>
                  <dt>Last error</dt>
                  <dd className="error">{event.lastError}</dd>
                </>
              )}
              <dt>Orders</dt>
              <dd>
                {event.orders.length === 0
                  ? '—'
                  : event.orders
                      .map((order) => order && `#${order.displayCode} (${order.status.toLowerCase()})`)
                      .join(', ')}
              </dd>
            </dl>
          </section>
          {isManager(user.role) && canReplay(event.status) && (
            <div className="button-row">
              <button type="button" className="primary" disabled={replayState.loading} onClick={() => void doReplay()}>
                Replay this delivery
              </button>
            </div>
          )}
          <InlineError error={replayState.error} />
          <h3>Headers</h3>
          <pre className="code" aria-label="Headers">
            {JSON.stringify(event.headers, null, 2)}
          </pre>
          <h3>Payload</h3>
          <pre className="code" aria-label="Payload">
            {prettyPayload(event.payload)}
          </pre>
        </>
      )}
    </Drawer>
  );
}
