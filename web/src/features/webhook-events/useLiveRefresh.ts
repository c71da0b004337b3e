import { useSubscription } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { useLiveStatus } from '../../common/live-status';
import { WEBHOOK_DELIVERIES_CHANGED } from './webhook-event.operations';

/**
 * Calls `refresh` whenever a delivery of the tenant changes (see
 * WEBHOOK_DELIVERIES_CHANGED) and when the live connection comes back (what
 * was announced meanwhile is not replayed). One re-read at a time: changes
 * during one are folded into a single next one.
 */
export function useLiveRefresh(refresh: () => Promise<unknown>): void {
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const state = useRef({ running: false, again: false });

  const request = useRef(() => {
    const run = (): void => {
      state.current.running = true;
      state.current.again = false;
      void refreshRef
        .current()
        .catch(() => undefined)
        .finally(() => {
          state.current.running = false;
          if (state.current.again) run();
        });
    };
    if (state.current.running) state.current.again = true;
    else run();
  }).current;

  useSubscription(WEBHOOK_DELIVERIES_CHANGED, { onData: request });

  const live = useLiveStatus();
  const wasDown = useRef(false);
  useEffect(() => {
    if (live === 'reconnecting') wasDown.current = true;
    if (live === 'live' && wasDown.current) {
      wasDown.current = false;
      request();
    }
  }, [live, request]);
}
