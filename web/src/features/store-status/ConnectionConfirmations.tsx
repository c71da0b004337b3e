import { translator, useTranslation } from '../../i18n/translate';
import type { BranchStoreStatusQuery } from '../../gql/graphql';
import { formatCount } from '../../ui/money';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { StatusBadge, statusLabel } from '../../ui/StatusBadge';
import { formatRowTime } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { newestPerConnection, type BranchSyncJob } from '../common/branch-sync';

type Status = BranchStoreStatusQuery['storeStatus'];

/** A job's answer: its state, and the provider's reason when it has one. */
function JobState({ job, asked }: { job: BranchSyncJob | null | undefined; asked: string | null }) {
  const { t } = useTranslation('storeStatus');
  if (!job) return <span className="muted">{t('nothingSent')}</span>;
  return (
    <span className="job-state" data-testid="job-state" data-kind={job.kind} data-status={job.status}>
      {asked && <span>{asked} </span>}
      <StatusBadge status={job.status} />
      {job.reason && (
        <span className="sync-reason" translate="no">
          {' '}
          {job.reason}
        </span>
      )}
    </span>
  );
}

/** What a store-status or busy-mode job asked, in words. */
function askedOf(job: BranchSyncJob | null | undefined): string | null {
  const request = job?.request as { status?: string; prepMinutes?: number | null } | undefined;
  if (!request) return null;
  if (job?.kind === 'BUSY_MODE') {
    return request.prepMinutes
      ? translator.t('storeStatus:busyAsked', { minutes: formatCount(request.prepMinutes) })
      : translator.t('storeStatus:busyOff');
  }
  return request.status ? statusLabel(request.status) : null;
}

/**
 * Each connection serving the branch: the store status last asked of it and
 * its answer, the status it last confirmed, and its answers to the newest
 * busy-mode and opening-hours changes.
 */
export function ConnectionConfirmations({
  status,
  otherJobs,
  timeZone,
}: {
  status: Status;
  otherJobs: readonly BranchSyncJob[];
  timeZone: string;
}) {
  const { t } = useTranslation('storeStatus');
  const now = useNow(30_000);
  const busy = newestPerConnection(otherJobs, (job) => job.kind === 'BUSY_MODE');
  const hours = newestPerConnection(otherJobs, (job) => job.kind === 'OPENING_HOURS');
  return (
    <section className="card" aria-label={t('providers')}>
      <h2>{t('providers')}</h2>
      {status.connections.length === 0 ? (
        <p className="muted">{t('noConnections')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data stack" data-testid="store-connections">
            <thead>
              <tr>
                <th>{t('connection')}</th>
                <th>{t('storeStatus')}</th>
                <th>{t('busyMode')}</th>
                <th>{t('hours')}</th>
              </tr>
            </thead>
            <tbody>
              {status.connections.map(({ connection, requested, confirmed }) => (
                <tr key={connection.id} data-testid="store-connection" data-connection={connection.id}>
                  <td data-label={t('connection')}>
                    <ProviderBadge provider={connection.provider} /> <span translate="no">{connection.name}</span>
                  </td>
                  <td data-testid="store-status-cell" data-label={t('storeStatus')}>
                    <JobState job={requested} asked={t('asked', { status: askedOf(requested) ?? '' })} />
                    {requested && (
                      <div className="muted" data-testid="confirmed">
                        {confirmed
                          ? t('confirmed', {
                              status: askedOf(confirmed) ?? '',
                              when: formatRowTime(confirmed.updatedAt, timeZone, now),
                            })
                          : t('notConfirmed')}
                      </div>
                    )}
                  </td>
                  <td data-testid="busy-cell" data-label={t('busyMode')}>
                    <JobState job={busy.get(connection.id)} asked={askedOf(busy.get(connection.id))} />
                  </td>
                  <td data-testid="hours-cell" data-label={t('hours')}>
                    <JobState job={hours.get(connection.id)} asked={null} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
