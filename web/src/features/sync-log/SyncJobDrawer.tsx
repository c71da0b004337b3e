import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { useWorkspace } from '../../common/workspace';
import { useTranslation } from '../../i18n/translate';
import { Drawer } from '../../ui/Drawer';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { ErrorState, InlineError, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatDateTimeSeconds } from '../../ui/time';
import { CATALOG_SYNC_JOB_DETAIL, RETRY_CATALOG_SYNC_JOB } from './sync-job.operations';

/** While a job is PENDING its detail is re-read this often (the live feed brings the row, not the answer). */
const PENDING_POLL_MS = 1000;

/** One sync job: what we asked, what the provider answered, and Retry when it FAILED. */
export function SyncJobDrawer({
  jobId,
  onClose,
  onRetried,
}: {
  jobId: string;
  onClose: () => void;
  onRetried: (newJobId: string) => void;
}) {
  const { tenant } = useWorkspace();
  const { t } = useTranslation('syncLog');
  const { data, loading, error, refetch, startPolling, stopPolling } = useQuery(CATALOG_SYNC_JOB_DETAIL, {
    variables: { id: jobId },
    fetchPolicy: 'cache-and-network',
  });
  const [retry, retryState] = useMutation(RETRY_CATALOG_SYNC_JOB);
  const job = data?.catalogSyncJob;
  const pending = job?.status === 'PENDING';
  useEffect(() => {
    if (pending) startPolling(PENDING_POLL_MS);
    else stopPolling();
    return () => stopPolling();
  }, [pending, startPolling, stopPolling]);

  const doRetry = async () => {
    const result = await retry({ variables: { id: jobId } }).catch(() => null);
    const next = result?.data?.retryCatalogSyncJob;
    if (next) onRetried(next.id);
  };
  const at = (iso: string) => formatDateTimeSeconds(iso, tenant.timeZone);

  return (
    <Drawer
      label={t('drawer.label')}
      onClose={onClose}
      title={
        job ? (
          <>
            {t(`kinds.${job.kind}`)} <ProviderBadge provider={job.provider} /> <StatusBadge status={job.status} />
          </>
        ) : (
          t('drawer.job')
        )
      }
    >
      {!job && loading && <Loading />}
      {!job && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {job && (
        <>
          <section className="facts" aria-label={t('drawer.job')}>
            <dl>
              <dt>{t('drawer.connection')}</dt>
              <dd translate="no">{job.connection.name}</dd>
              <dt>{t('drawer.kind')}</dt>
              <dd>{t(`kinds.${job.kind}`)}</dd>
              <dt>{t('drawer.created')}</dt>
              <dd>{at(job.createdAt)}</dd>
              <dt>{t('drawer.updated')}</dt>
              <dd>{at(job.updatedAt)}</dd>
              <dt>{t('drawer.attempts')}</dt>
              <dd>{job.attempts}</dd>
              {job.reason && (
                <>
                  <dt>{t('drawer.reason')}</dt>
                  <dd className={job.status === 'FAILED' ? 'error' : undefined} translate="no" data-testid="job-reason">
                    {job.reason}
                  </dd>
                </>
              )}
            </dl>
          </section>
          {job.status === 'FAILED' && (
            <div className="button-row">
              <button type="button" className="primary" disabled={retryState.loading} onClick={() => void doRetry()}>
                {retryState.loading ? t('drawer.retrying') : t('drawer.retry')}
              </button>
            </div>
          )}
          <InlineError error={retryState.error} />
          <h3>{t('drawer.request')}</h3>
          <pre className="code" aria-label={t('drawer.request')} translate="no" dir="ltr">
            {JSON.stringify(job.request, null, 2)}
          </pre>
          <h3>{t('drawer.answer')}</h3>
          {job.answer == null ? (
            <p className="muted">{t('drawer.noAnswer')}</p>
          ) : (
            <pre className="code" aria-label={t('drawer.answer')} translate="no" dir="ltr">
              {JSON.stringify(job.answer, null, 2)}
            </pre>
          )}
        </>
      )}
    </Drawer>
  );
}
