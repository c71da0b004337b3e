import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate';
import type { BranchStoreStatusQuery } from '../../gql/graphql';
import { clock } from '../../ui/countdown';
import { formatCount } from '../../ui/money';
import { StatusBadge } from '../../ui/StatusBadge';
import { InlineError } from '../../ui/states';
import { formatRowTime } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { secondsLeft } from '../common/branch-sync';
import {
  BUSY_MINUTES,
  busyModeInput,
  PAUSE_MINUTES,
  PAUSE_REASONS,
  storeStatusInput,
  type PauseReason,
  type StoreAction,
} from './store-change';
import { SET_BUSY_MODE, SET_STORE_STATUS } from './store-status.operations';

type Status = BranchStoreStatusQuery['storeStatus'];

/** The branch's status and busy mode as asked, with the time left, and the taps that change them. */
export function StoreControls({
  status,
  timeZone,
  onChanged,
}: {
  status: Status;
  timeZone: string;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useTranslation('storeStatus');
  const now = useNow();
  const [reason, setReason] = useState<PauseReason>('TOO_BUSY');
  const [setStoreStatus, storeState] = useMutation(SET_STORE_STATUS);
  const [setBusyMode, busyState] = useMutation(SET_BUSY_MODE);
  const working = storeState.loading || busyState.loading;
  const statusLeft = secondsLeft(status.until, now);
  const busyLeft = secondsLeft(status.busy?.until, now);
  const knownReason = (PAUSE_REASONS as readonly string[]).includes(status.reason ?? '');

  const changeStatus = async (action: StoreAction) => {
    const input = storeStatusInput(status.branchId, action, Date.now(), timeZone);
    const result = await setStoreStatus({ variables: { input } }).catch(() => null);
    if (result?.data) await onChanged().catch(() => undefined);
  };
  const changeBusy = async (prepMinutes: number | null) => {
    const result = await setBusyMode({
      variables: { input: busyModeInput(status.branchId, prepMinutes, Date.now()) },
    }).catch(() => null);
    if (result?.data) await onChanged().catch(() => undefined);
  };

  return (
    <section className="card store-controls" aria-label={t('status')}>
      <header>
        <h2>{t('status')}</h2>
        <span data-testid="store-status" data-status={status.status}>
          <StatusBadge status={status.status} tone={status.status === 'OPEN' ? 'good' : undefined} />
        </span>
        {status.until && (
          <span className="muted" data-testid="store-until">
            {t('until', { time: formatRowTime(status.until, timeZone, now) })}
          </span>
        )}
        {statusLeft !== null && (
          <span className="countdown" role="timer" data-testid="store-left">
            {t('left', { clock: clock(statusLeft) })}
          </span>
        )}
        {status.reason && (
          <span className="muted" data-testid="store-reason">
            {t('reasonIs', { reason: knownReason ? t(`reason.${status.reason as PauseReason}`) : status.reason })}
          </span>
        )}
      </header>
      <div className="button-row">
        <button
          type="button"
          disabled={working || status.status === 'OPEN'}
          onClick={() => void changeStatus({ kind: 'OPEN' })}
        >
          {t('open')}
        </button>
        <label>
          {t('pauseReason')}{' '}
          <select
            aria-label={t('pauseReason')}
            value={reason}
            onChange={(event) => setReason(event.target.value as PauseReason)}
          >
            {PAUSE_REASONS.map((code) => (
              <option key={code} value={code}>
                {t(`reason.${code}`)}
              </option>
            ))}
          </select>
        </label>
        {PAUSE_MINUTES.map((minutes) => (
          <button
            key={minutes}
            type="button"
            disabled={working}
            onClick={() => void changeStatus({ kind: 'PAUSE', minutes, reason })}
          >
            {t('pauseFor', { minutes: formatCount(minutes) })}
          </button>
        ))}
        <button
          type="button"
          className="danger"
          disabled={working}
          onClick={() => void changeStatus({ kind: 'CLOSE_FOR_TODAY' })}
        >
          {t('closeForToday')}
        </button>
      </div>
      <div className="button-row">
        <span data-testid="busy-mode">
          {status.busy ? (
            <strong>{t('busyNow', { minutes: formatCount(status.busy.prepMinutes) })}</strong>
          ) : (
            t('notBusy')
          )}
        </span>
        {busyLeft !== null && (
          <span className="countdown" role="timer" data-testid="busy-left">
            {t('left', { clock: clock(busyLeft) })}
          </span>
        )}
        {BUSY_MINUTES.map((minutes) => (
          <button key={minutes} type="button" disabled={working} onClick={() => void changeBusy(minutes)}>
            {t('busyPlus', { minutes: formatCount(minutes) })}
          </button>
        ))}
        <button type="button" disabled={working || !status.busy} onClick={() => void changeBusy(null)}>
          {t('endBusy')}
        </button>
      </div>
      <InlineError error={storeState.error ?? busyState.error} />
    </section>
  );
}
