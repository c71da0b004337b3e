import { useSubscription } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { useLiveStatus } from '../../common/live-status';
import type { SyncJobRowFragment } from '../../gql/graphql';
import { CATALOG_SYNC_CHANGED } from './sync-job.operations';

/**
 * Calls `onJob` for each sync job of the tenant queued or changed
 * (catalogSyncChanged), and `onReconnect` when the live connection comes
 * back (what was announced meanwhile is not replayed), so the page re-reads.
 */
export function useSyncJobsLive(onJob: (job: SyncJobRowFragment) => void, onReconnect: () => void): void {
  const handlers = useRef({ onJob, onReconnect });
  handlers.current = { onJob, onReconnect };
  useSubscription(CATALOG_SYNC_CHANGED, {
    onData: ({ data }) => {
      const job = data.data?.catalogSyncChanged;
      if (job) handlers.current.onJob(job);
    },
  });
  const live = useLiveStatus();
  const wasDown = useRef(false);
  useEffect(() => {
    if (live === 'reconnecting') wasDown.current = true;
    if (live === 'live' && wasDown.current) {
      wasDown.current = false;
      handlers.current.onReconnect();
    }
  }, [live]);
}
