import { answerStatusFor } from '@nexara/providers/display';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { isAdmin, isManager, useWorkspace } from '../../app/workspace';
import type { ConnectionFieldsFragment } from '../../gql/graphql';
import { CopyField } from '../../ui/CopyField';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { providerStyle } from '../../ui/providers';
import { SecretOnce } from '../../ui/SecretOnce';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatAgo } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { formatRate } from '../../ui/metrics-summary';
import { PAUSE_CONNECTION, RESUME_CONNECTION, ROTATE_SECRET, SET_AUTO_ACCEPT } from './connection.operations';
import { TestWebhookTool } from './TestWebhookTool';
import { InlineError } from '../../ui/states';

export function ConnectionCard({ connection }: { connection: ConnectionFieldsFragment }) {
  const { user } = useWorkspace();
  const now = useNow(15_000);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmingPause, setConfirmingPause] = useState(false);
  const providerLabel = providerStyle(connection.provider).label;
  // The webhook shim answers 409 for a paused connection; a provider that knows no 409 gets its own mapping.
  const status = answerStatusFor(connection.provider, 409);
  const refusal = status === 409 ? 'HTTP 409 (Conflict)' : `HTTP ${status}`;
  const [rotate, rotateState] = useMutation(ROTATE_SECRET);
  const [pause, pauseState] = useMutation(PAUSE_CONNECTION);
  const [resume, resumeState] = useMutation(RESUME_CONNECTION);
  const [setAutoAccept, autoAcceptState] = useMutation(SET_AUTO_ACCEPT);
  const error = [rotateState, pauseState, resumeState, autoAcceptState].find((s) => s.error)?.error;
  const busy = [rotateState, pauseState, resumeState, autoAcceptState].some((s) => s.loading);
  const health = connection.health;
  const admin = isAdmin(user.role);
  const manager = isManager(user.role);

  const rotateSecret = async () => {
    if (!window.confirm(`Rotate the secret of ${connection.name}? The old one keeps working for the grace period.`))
      return;
    const result = await rotate({ variables: { id: connection.id } }).catch(() => null);
    if (result?.data) setSecret(result.data.rotateConnectionSecret.secret);
  };

  return (
    <article className="card" aria-label={connection.name} data-testid="connection-card">
      <header>
        <ProviderBadge provider={connection.provider} />
        <h2>{connection.name}</h2>
        <StatusBadge status={connection.status} />
        {/* Health describes deliveries as they arrive: a paused connection refuses them, so none shows. */}
        {health && connection.status === 'ACTIVE' && <StatusBadge status={health.state} />}
      </header>
      {connection.status === 'PAUSED' && (
        <p className="notice" data-testid="paused-notice">
          Paused: {providerLabel} deliveries to this webhook URL are refused ({refusal}) until you resume, and no new
          orders from {providerLabel} arrive here meanwhile.
        </p>
      )}
      <span className="muted">
        {connection.branch.name} · store {connection.externalStoreId} · {connection.currency}
      </span>
      {health && (
        <span className="muted" title={health.stateReason}>
          Last delivery {health.lastDeliveryAt ? formatAgo(health.lastDeliveryAt, now) : 'never'} ·{' '}
          {health.deliveriesLastHour} in the last hour · {formatRate(health.successRate)} processed
          {health.p95ProcessingMs !== null && ` · p95 ${health.p95ProcessingMs} ms`}
          {health.deadCount > 0 && ` · ${health.deadCount} dead`}
          {connection.securityEventsLastHour > 0 && ` · ${connection.securityEventsLastHour} rejected`}
        </span>
      )}
      <CopyField label={`webhook URL of ${connection.name}`} value={connection.webhookUrl} />
      {secret && <SecretOnce title="New webhook secret" secret={secret} onDismiss={() => setSecret(null)} />}
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
          Auto-accept orders
        </label>
        <span className="spacer" />
        {manager &&
          (connection.status === 'ACTIVE' ? (
            <button type="button" disabled={busy || confirmingPause} onClick={() => setConfirmingPause(true)}>
              Pause
            </button>
          ) : (
            <button
              type="button"
              disabled={busy}
              onClick={() => void resume({ variables: { id: connection.id } }).catch(() => undefined)}
            >
              Resume
            </button>
          ))}
        {admin && (
          <button type="button" disabled={busy} onClick={() => void rotateSecret()}>
            Rotate secret
          </button>
        )}
      </div>
      {confirmingPause && connection.status === 'ACTIVE' && (
        <div className="confirm" role="alertdialog" aria-label={`Pause ${connection.name}`}>
          <p>
            <strong>Pause {connection.name}?</strong> While paused, every delivery {providerLabel} sends to this webhook
            URL is refused with {refusal}: new orders and their updates from {providerLabel} do not reach Nexara, and{' '}
            {providerLabel} retries or gives up by its own rules. Resume to accept deliveries again.
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
              Pause deliveries
            </button>
            <button type="button" onClick={() => setConfirmingPause(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <InlineError error={error} />
      {manager && <TestWebhookTool connectionId={connection.id} />}
    </article>
  );
}
