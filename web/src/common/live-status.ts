import { createContext, useContext } from 'react';
import type { LiveStatus } from './apollo';

/**
 * The live connection's state (graphql-ws), for pages that must act on it:
 * the kitchen display re-reads its tickets when the connection comes back,
 * since events sent while it was down are not replayed.
 */
export const LiveStatusContext = createContext<LiveStatus>('connecting');

export function useLiveStatus(): LiveStatus {
  return useContext(LiveStatusContext);
}
