import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useTranslation } from '../../i18n/translate';
import { ErrorState, Loading } from '../../ui/states';
import { BRANCH_SYNC_JOBS } from '../common/branch.operations';
import { BranchPage } from '../common/BranchPage';
import type { BranchChoice } from '../common/useBranchChoice';
import { useBranchLive } from '../common/useBranchLive';
import { ConnectionConfirmations } from './ConnectionConfirmations';
import { OpeningHours } from './OpeningHours';
import { StoreControls } from './StoreControls';
import { BRANCH_STORE_STATUS } from './store-status.operations';

/**
 * Store status (docs/dashboard.md): per branch, open, pause, close for
 * today, busy mode and opening hours, with each connection's confirmation
 * arriving live.
 */
export function StoreStatusPage() {
  const { t } = useTranslation('storeStatus');
  return (
    <BranchPage title={t('title')} loadingLabel={t('loading')}>
      {(branch) => <BranchStoreStatus branch={branch} />}
    </BranchPage>
  );
}

function BranchStoreStatus({ branch }: { branch: BranchChoice }) {
  const { t } = useTranslation('storeStatus');
  const branchId = branch.id;
  const timeZone = branch.timeZone;
  const status = useQuery(BRANCH_STORE_STATUS, { variables: { branchId }, fetchPolicy: 'cache-and-network' });
  // Store-status jobs come with the status; busy mode and hours jobs from the sync log.
  const jobs = useQuery(BRANCH_SYNC_JOBS, {
    variables: { branchId, kinds: ['BUSY_MODE', 'OPENING_HOURS'], first: 50 },
    fetchPolicy: 'cache-and-network',
  });
  const refresh = () => Promise.all([status.refetch(), jobs.refetch()]);
  useBranchLive(branchId, refresh);
  const otherJobs = useMemo(() => (jobs.data?.catalogSyncJobs.edges ?? []).map((edge) => edge.node), [jobs.data]);
  const current = status.data?.storeStatus;
  if (!current && status.error) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  if (!current) return <Loading label={t('loading')} />;
  return (
    <>
      <StoreControls status={current} timeZone={timeZone} onChanged={refresh} />
      <ConnectionConfirmations status={current} otherJobs={otherJobs} timeZone={timeZone} />
      <OpeningHours status={current} onChanged={refresh} />
    </>
  );
}
