import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { isManager, useWorkspace } from '../../common/workspace';
import type { AlertFieldsFragment } from '../../gql/graphql';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatRowTime } from '../../ui/time';
import { InlineError } from '../../ui/states';
import { OrderDrawer } from '../orders/OrderDrawer';
import { USERS } from '../settings/settings.operations';
import { actorName, alertText, groupAlerts, localizeMessage, ruleLabel, type AlertGroup } from './alert-text';
import { ACKNOWLEDGE_ALERT, RESOLVE_ALERT } from './alert.operations';
import { useTranslation } from '../../i18n/translate';

type Action = 'acknowledge' | 'resolve';
/** Alerts changed at once by a bulk action: a few requests in flight, not sixty. */
const BULK_CONCURRENCY = 6;

function useAlertActions() {
  const [acknowledge] = useMutation(ACKNOWLEDGE_ALERT);
  const [resolve] = useMutation(RESOLVE_ALERT);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = async (action: Action, ids: readonly string[]): Promise<void> => {
    setBusy(true);
    setError(null);
    const mutate = action === 'acknowledge' ? acknowledge : resolve;
    try {
      for (let start = 0; start < ids.length; start += BULK_CONCURRENCY) {
        await Promise.all(ids.slice(start, start + BULK_CONCURRENCY).map((id) => mutate({ variables: { id } })));
      }
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error };
}

/** Names of the tenant's users by id, for "acknowledged by"; only managers may list users. */
function useUserNames(enabled: boolean): ReadonlyMap<string, string> {
  const { data } = useQuery(USERS, { skip: !enabled });
  return useMemo(() => new Map((data?.users ?? []).map((u) => [u.id, u.name || u.email])), [data]);
}

type Props = {
  alerts: readonly AlertFieldsFragment[];
  compact?: boolean;
  /** Show at most this many entries (a group counts as one). */
  limit?: number;
  /** Called after a bulk action, so the list can be read again (alerts move between tabs). */
  onChanged?: () => void;
};

/**
 * Alerts with what happened and when (in the tenant's time), who acted, a
 * link to the order concerned; "Acceptance at risk" alerts grouped into one
 * entry; for managers acknowledge and resolve, one, selected, or a group.
 */
export function AlertList({ alerts, compact, limit, onChanged }: Props) {
  const { tenant, user } = useWorkspace();
  const { t } = useTranslation('alerts');
  const canAct = isManager(user.role);
  const names = useUserNames(canAct);
  const { run, busy, error } = useAlertActions();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [openOrderId, setOpenOrderId] = useState<string | null>(null);
  const items = useMemo(() => groupAlerts(alerts).slice(0, limit), [alerts, limit]);
  const actionable = alerts.filter((alert) => alert.status !== 'RESOLVED');
  const selectable = canAct && !compact && actionable.length > 0;
  const chosen = actionable.filter((alert) => selected.has(alert.id));

  const act = async (action: Action, targets: readonly AlertFieldsFragment[]) => {
    const ids = targets
      .filter((alert) => (action === 'acknowledge' ? alert.status === 'OPEN' : alert.status !== 'RESOLVED'))
      .map((alert) => alert.id);
    if (ids.length === 0) return;
    await run(action, ids);
    setSelected((current) => new Set([...current].filter((id) => !ids.includes(id))));
    onChanged?.();
  };
  const toggle = (ids: readonly string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      ids.forEach((id) => (on ? next.add(id) : next.delete(id)));
      return next;
    });
  // Today's times alone, the date on other days (each alert repeated it).
  const at = (iso: string) => formatRowTime(iso, tenant.timeZone, Date.now());
  const orderLink = (order: NonNullable<AlertFieldsFragment['order']>) => (
    <button type="button" className="link-button" onClick={() => setOpenOrderId(order.id)}>
      {t('order', { code: order.displayCode })}
    </button>
  );
  const buttons = (targets: readonly AlertFieldsFragment[], all = false) => {
    const n = targets.length;
    const open = targets.some((alert) => alert.status === 'OPEN');
    const unresolved = targets.some((alert) => alert.status !== 'RESOLVED');
    if (!canAct || !unresolved) return null;
    return (
      <div className="button-row">
        {open && (
          <button type="button" disabled={busy} onClick={() => void act('acknowledge', targets)}>
            {all ? t('acknowledgeAll', { n }) : t('acknowledge')}
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => void act('resolve', targets)}>
          {all ? t('resolveAll', { n }) : t('resolve')}
        </button>
      </div>
    );
  };
  const checkbox = (ids: readonly string[], label: string) =>
    selectable && (
      <input
        type="checkbox"
        aria-label={label}
        checked={ids.length > 0 && ids.every((id) => selected.has(id))}
        onChange={(event) => toggle(ids, event.target.checked)}
      />
    );

  const group = (entry: AlertGroup) => {
    const ids = entry.alerts.filter((alert) => alert.status !== 'RESOLVED').map((alert) => alert.id);
    const first = entry.alerts.reduce((a, b) => (a.openedAt < b.openedAt ? a : b));
    return (
      <li key={`group-${entry.rule}`} data-testid="alert-group" className="alert-group">
        <div className="alert-head">
          {checkbox(ids, t('selectGroup', { n: entry.alerts.length, rule: ruleLabel(entry.rule) }))}
          <StatusBadge status={entry.alerts[0]!.status} /> <strong>{ruleLabel(entry.rule)}</strong>{' '}
          <span className="muted">{t('groupCount', { n: entry.alerts.length })}</span>
        </div>
        <span>{t('groupBody', { n: entry.alerts.length })}</span>
        <ul className="alert-orders">
          {entry.alerts.map((alert) => (
            <li key={alert.id}>
              {alert.order ? (
                orderLink(alert.order)
              ) : (
                <span title={localizeMessage(alert.message, tenant.timeZone)}>{alertText(alert, tenant.timeZone)}</span>
              )}
              {alert.connection && (
                <span className="muted small" translate="no">
                  {' '}
                  {alert.connection.name}
                </span>
              )}
            </li>
          ))}
        </ul>
        <span className="muted">{t('firstOpened', { at: at(first.openedAt) })}</span>
        {buttons(entry.alerts, true)}
      </li>
    );
  };

  return (
    <>
      {selectable && (
        <div className="bulk-bar" role="toolbar" aria-label={t('selected')}>
          <label>
            <input
              type="checkbox"
              checked={chosen.length === actionable.length}
              onChange={(event) =>
                toggle(
                  actionable.map((alert) => alert.id),
                  event.target.checked,
                )
              }
            />{' '}
            {t('selectAll')}
          </label>
          <button
            type="button"
            disabled={busy || !chosen.some((alert) => alert.status === 'OPEN')}
            onClick={() => void act('acknowledge', chosen)}
          >
            {t('acknowledgeSelected', { n: chosen.length })}
          </button>
          <button type="button" disabled={busy || chosen.length === 0} onClick={() => void act('resolve', chosen)}>
            {t('resolveSelected', { n: chosen.length })}
          </button>
        </div>
      )}
      <ul className="alerts-list">
        {items.map((entry) => {
          if (entry.kind === 'group') return group(entry);
          const { alert } = entry;
          return (
            <li key={alert.id} data-testid="alert">
              <div className="alert-head">
                {alert.status !== 'RESOLVED' && checkbox([alert.id], t('selectAlert', { rule: ruleLabel(alert.rule) }))}
                <StatusBadge status={alert.status} /> <strong>{ruleLabel(alert.rule)}</strong>{' '}
                {alert.connection && <ProviderBadge provider={alert.connection.provider} />}{' '}
                <span className="muted" translate="no">
                  {alert.connection?.name}
                </span>{' '}
                {alert.order && orderLink(alert.order)}
              </div>
              <span title={localizeMessage(alert.message, tenant.timeZone)}>{alertText(alert, tenant.timeZone)}</span>
              <span className="muted">
                {t('opened', { at: at(alert.openedAt) })}
                {!compact &&
                  alert.acknowledgedAt &&
                  t('acknowledgedBy', { at: at(alert.acknowledgedAt), who: actorName(alert.acknowledgedBy, names) })}
                {!compact &&
                  alert.resolvedAt &&
                  t('resolvedBy', { at: at(alert.resolvedAt), who: actorName(alert.resolvedBy, names) })}
              </span>
              {buttons([alert])}
            </li>
          );
        })}
      </ul>
      <InlineError error={error} />
      {openOrderId && <OrderDrawer orderId={openOrderId} onClose={() => setOpenOrderId(null)} />}
    </>
  );
}
