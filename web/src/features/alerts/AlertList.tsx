import { useMutation } from '@apollo/client/react';
import { isManager, useWorkspace } from '../../app/workspace';
import type { AlertFieldsFragment } from '../../gql/graphql';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { StatusBadge, statusLabel } from '../../ui/StatusBadge';
import { formatDateTime } from '../../ui/time';
import { InlineError } from '../../ui/states';
import { ACKNOWLEDGE_ALERT, RESOLVE_ALERT } from './alert.operations';

/** Alerts with what happened, when, and (for managers) acknowledge and resolve. */
export function AlertList({ alerts, compact }: { alerts: readonly AlertFieldsFragment[]; compact?: boolean }) {
  const { tenant, user } = useWorkspace();
  const [acknowledge, ackState] = useMutation(ACKNOWLEDGE_ALERT);
  const [resolve, resolveState] = useMutation(RESOLVE_ALERT);
  const busy = ackState.loading || resolveState.loading;
  const canAct = isManager(user.role);
  return (
    <>
      <ul className="alerts-list">
        {alerts.map((alert) => (
          <li key={alert.id} data-testid="alert">
            <div>
              <StatusBadge status={alert.status} /> <strong>{statusLabel(alert.rule)}</strong>{' '}
              {alert.connection && <ProviderBadge provider={alert.connection.provider} />}{' '}
              <span className="muted">
                {alert.connection?.name}
                {alert.order && ` · order #${alert.order.displayCode}`}
              </span>
            </div>
            <span>{alert.message}</span>
            <span className="muted">
              Opened {formatDateTime(alert.openedAt, tenant.timeZone)}
              {!compact &&
                alert.acknowledgedAt &&
                ` · acknowledged ${formatDateTime(alert.acknowledgedAt, tenant.timeZone)}`}
              {!compact &&
                alert.resolvedAt &&
                ` · resolved ${formatDateTime(alert.resolvedAt, tenant.timeZone)} by ${alert.resolvedBy ?? '—'}`}
            </span>
            {canAct && alert.status !== 'RESOLVED' && (
              <div className="button-row">
                {alert.status === 'OPEN' && (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void acknowledge({ variables: { id: alert.id } }).catch(() => undefined)}
                  >
                    Acknowledge
                  </button>
                )}
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void resolve({ variables: { id: alert.id } }).catch(() => undefined)}
                >
                  Resolve
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <InlineError error={ackState.error ?? resolveState.error} />
    </>
  );
}
