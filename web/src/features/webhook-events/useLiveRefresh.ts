import { useSubscription } from '@apollo/client/react';
import { useCoalescedLiveRefresh } from '../../common/useLiveRefresh';
import { WEBHOOK_DELIVERIES_CHANGED } from './webhook-event.operations';

/**
 * Calls `refresh` whenever a delivery of the tenant changes (see
 * WEBHOOK_DELIVERIES_CHANGED) and when the live connection comes back (what
 * was announced meanwhile is not replayed). One re-read at a time: changes
 * during one are folded into a single next one.
 */
export function useLiveRefresh(refresh: () => Promise<unknown>): void {
  const request = useCoalescedLiveRefresh(refresh);
  useSubscription(WEBHOOK_DELIVERIES_CHANGED, { onData: request });
}
