import { useSubscription } from '@apollo/client/react';
import { useCoalescedLiveRefresh } from '../../common/useLiveRefresh';
import { BRANCH_STATE_CHANGED, BRANCH_SYNC_CHANGED } from './branch.operations';

/**
 * Calls `refresh` when a sync job of the branch is queued or changes state,
 * when its status, busy mode or hours change (a person elsewhere, an API
 * key, the until scheduler), and when the live connection comes back.
 */
export function useBranchLive(branchId: string | null, refresh: () => Promise<unknown>): void {
  const request = useCoalescedLiveRefresh(refresh);
  const skip = !branchId;
  useSubscription(BRANCH_SYNC_CHANGED, { variables: { branchId }, skip, onData: request });
  useSubscription(BRANCH_STATE_CHANGED, { variables: { branchId }, skip, onData: request });
}
