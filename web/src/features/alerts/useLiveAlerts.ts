import { useQuery, useSubscription } from '@apollo/client/react';
import type { AlertStatus } from '../../gql/graphql';
import { ALERT_RAISED, ALERTS } from './alert.operations';

/** Alerts of one status (or all), re-read when a new alert is raised. */
export function useLiveAlerts(status: AlertStatus | null, first = 100) {
  const query = useQuery(ALERTS, { variables: { status, first }, fetchPolicy: 'cache-and-network' });
  useSubscription(ALERT_RAISED, { onData: () => void query.refetch() });
  return query;
}
