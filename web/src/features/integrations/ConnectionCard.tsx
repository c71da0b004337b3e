import { answerStatusFor } from '@nexara/providers/display';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { isAdmin, isManager, useWorkspace } from '../../common/workspace';
import type { ConnectionFieldsFragment } from '../../gql/graphql';
import { CopyField } from '../../ui/CopyField';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { providerStyle } from '../../ui/providers';
import { SecretOnce } from '../../ui/SecretOnce';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatAgo } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { formatRate } from '../../ui/metrics-summary';
import {
  ARCHIVE_CONNECTION,
  CONNECTIONS,
  PAUSE_CONNECTION,
  RESUME_CONNECTION,
  ROTATE_SECRET,
  SET_AUTO_ACCEPT,
  UNARCHIVE_CONNECTION,
} from './connection.operations';
import { TestWebhookTool } from './TestWebhookTool';
import { InlineError } from '../../ui/states';
import { useTranslation } from '../../i18n/translate';
import { formatCount } from '../../ui/money';

export function ConnectionCard({ connection }: { connection: ConnectionFieldsFragment }) {
  const { user } = useWorkspace();
  const now = useNow(15_000);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmingPause, setConfirmingPause] = useState(false);
  const { t } = useTranslation('integrations');
  const providerLabel = providerStyle(connection.provider).label;
  // The webhook shim answers 409 for a paused connection; a provider that knows no 409 gets its own mapping.
  const status = answerStatusFor(connection.provider, 409);
  const refusal = status === 409 ? t('refusal409') : t('refusalOther', { status });
  const [rotate, rotateState] = useMutation(ROTATE_SECRET);
  const [pause, pauseState] = useMutation(PAUSE_CONNECTION);
  const [resume, resumeState] = useMutation(RESUME_CONNECTION);
  const [setAutoAccept, autoAcceptState] = useMutation(SET_AUTO_ACCEPT);
  // The list shows archived connections only when asked: it is read again after either change.
  const [archive, archiveState] = useMutation(ARCHIVE_CONNECTION, { refetchQueries: [CONNECTIONS] });
  const [unarchive, unarchiveState] = useMutation(UNARCHIVE_CONNECTION, { refetchQueries: [CONNECTIONS] });
  const states = [rotateState, pauseState, resumeState, autoAcceptState, archiveState, unarchiveState];
  const error = states.find((s) => s.error)?.error;
  const busy = states.some((s) => s.loading);
  const archived = connection.archivedAt !== null;
  const health = connection.health;
  const admin = isAdmin(user.role);
  const manager = isManager(user.role);

  const rotateSecret = async () => {
    if (!window.confirm(t('rotateConfirm', { name: connection.name }))) return;
    const result = await rotate({ variables: { id: connection.id } }).catch(() => null);
    if (result?.data) setSecret(result.data.rotateConnectionSecret.secret);
  };
  const archiveConnection = async () => {
    if (!window.confirm(t('archiveConfirm', { name: connection.name }))) return;
    await archive({ variables: { id: connection.id } }).catch(() => null);
  };

  return (
    <article className="card" aria-label={connection.name} data-testid="connection-card">
      <header>
        <ProviderBadge provider={connection.provider} />
        <h2 translate="no">{connection.name}</h2>
        {archived ? <StatusBadge status="ARCHIVED" /> : <StatusBadge status={connection.status} />}
        {/* Health describes deliveries as they arrive: a paused or archived connection refuses them, so none shows. */}
        {health && connection.status === 'ACTIVE' && !archived && <StatusBadge status={health.state} />}
      </header>
      {archived && (
        <p className="notice" data-testid="archived-notice">
          {t('archivedNotice', { provider: providerLabel, refusal })}
        </p>
      )}
      {connection.status === 'PAUSED' && !archived && (
        <p className="notice" data-testid="paused-notice">
          {t('pausedNotice', { provider: providerLabel, refusal })}
        </p>
      )}
      <span className="muted">
        <span translate="no">{connection.branch.name}</span> · {t('store')}{' '}
        <span translate="no">{connection.externalStoreId}</span> · {connection.currency}
      </span>
      {health && (
        <span className="muted" title={health.stateReason}>
          {t('lastDelivery', { when: health.lastDeliveryAt ? formatAgo(health.lastDeliveryAt, now) : t('never') })} ·{' '}
          {t('lastHour', { n: formatCount(health.deliveriesLastHour), rate: formatRate(health.successRate) })}
          {health.p95ProcessingMs !== null && t('p95', { ms: formatCount(health.p95ProcessingMs) })}
          {health.deadCount > 0 && t('dead', { n: formatCount(health.deadCount) })}
          {connection.securityEventsLastHour > 0 &&
            t('rejected', { n: formatCount(connection.securityEventsLastHour) })}
        </span>
      )}
      <CopyField label={t('webhookUrlOf', { name: connection.name })} value={connection.webhookUrl} />
      {secret && <SecretOnce title={t('newSecret')} secret={secret} onDismiss={() => setSecret(null)} />}
      <div className="button-row">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={connection.autoAccept}
            disabled={!admin || busy}
            onChange={(e) =>
              void setAutoAccept({ variables: { id: connection.id, autoAccept: e.target.checked } }).catch(
                () => undefined,
              )
            }
          />
          {t('autoAccept')}
        </label>
        <span className="spacer" />
        {manager &&
          !archived &&
          (connection.status === 'ACTIVE' ? (
            <button type="button" disabled={busy || confirmingPause} onClick={() => setConfirmingPause(true)}>
              {t('pause')}
            </button>
          ) : (
            <button
              type="button"
              disabled={busy}
              onClick={() => void resume({ variables: { id: connection.id } }).catch(() => undefined)}
            >
              {t('resume')}
            </button>
          ))}
        {admin && !archived && (
          <button type="button" disabled={busy} onClick={() => void rotateSecret()}>
            {t('rotate')}
          </button>
        )}
        {admin &&
          (archived ? (
            <button
              type="button"
              disabled={busy}
              onClick={() => void unarchive({ variables: { id: connection.id } }).catch(() => undefined)}
            >
              {t('unarchive')}
            </button>
          ) : (
            <button type="button" disabled={busy} onClick={() => void archiveConnection()}>
              {t('archive')}
            </button>
          ))}
      </div>
      {confirmingPause && connection.status === 'ACTIVE' && (
        <div className="confirm" role="alertdialog" aria-label={t('pauseTitle', { name: connection.name })}>
          <p>
            <strong>{t('pauseQuestion', { name: connection.name })}</strong>
            {t('pauseExplain', { provider: providerLabel, refusal })}
          </p>
          <div className="button-row">
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() =>
                void pause({ variables: { id: connection.id } })
                  .then(() => setConfirmingPause(false))
                  .catch(() => undefined)
              }
            >
              {t('pauseDeliveries')}
            </button>
            <button type="button" onClick={() => setConfirmingPause(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      <InlineError error={error} />
      {manager && !archived && <TestWebhookTool connectionId={connection.id} />}
    </article>
  );
}
