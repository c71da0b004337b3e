import { useSubscription } from '@apollo/client/react';
import { useRef } from 'react';
import type { SyncJobRowFragment } from '../../gql/graphql';
import { CATALOG_SYNC_CHANGED } from './sync-job.operations';

/** Calls `onJob` for each sync job of the tenant queued or changed (catalogSyncChanged). */
export function useSyncJobsLive(onJob: (job: SyncJobRowFragment) => void): void {
  const handler = useRef(onJob);
  handler.current = onJob;
  useSubscription(CATALOG_SYNC_CHANGED, {
    onData: ({ data }) => {
      const job = data.data?.catalogSyncChanged;
      if (job) handler.current(job);
    },
  });
}
