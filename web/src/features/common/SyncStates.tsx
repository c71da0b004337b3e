import { ProviderBadge } from '../../ui/ProviderBadge';
import { StatusBadge, statusLabel } from '../../ui/StatusBadge';
import { providerStyle } from '../../ui/providers';
import { useTranslation } from '../../i18n/translate';
import type { BranchSyncJob } from './branch-sync';

/**
 * What each provider said about a change: its connection's job, PENDING,
 * APPLIED or FAILED, with the provider's reason when it has one (a FAILED
 * refusal, or why a PENDING one waits).
 */
export function SyncStates({ jobs, label }: { jobs: readonly BranchSyncJob[]; label: string }) {
  const { t } = useTranslation('availability');
  return (
    <ul className="sync-states" aria-label={label}>
      {jobs.map((job) => (
        <li
          key={job.connection.id}
          data-testid="sync-state"
          data-connection={job.connection.id}
          data-status={job.status}
          aria-label={t('syncOf', { provider: providerStyle(job.provider).label, status: statusLabel(job.status) })}
        >
          <ProviderBadge provider={job.provider} />
          <StatusBadge status={job.status} />
          {job.reason && (
            <span className="sync-reason" translate="no">
              {job.reason}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
