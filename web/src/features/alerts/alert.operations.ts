import { graphql } from '../../gql';

graphql(`
  fragment AlertFields on Alert {
    id
    rule
    status
    message
    subjectType
    subjectId
    openedAt
    lastSeenAt
    acknowledgedAt
    acknowledgedBy
    resolvedAt
    resolvedBy
    connection {
      id
      name
      provider
    }
    order {
      id
      displayCode
    }
  }
`);

export const ALERTS = graphql(`
  query Alerts($status: AlertStatus, $first: Int) {
    alerts(status: $status, first: $first) {
      ...AlertFields
    }
  }
`);

export const ALERT_RAISED = graphql(`
  subscription AlertRaised {
    alertRaised {
      ...AlertFields
    }
  }
`);

export const ACKNOWLEDGE_ALERT = graphql(`
  mutation AcknowledgeAlert($id: ID!) {
    acknowledgeAlert(id: $id) {
      ...AlertFields
    }
  }
`);

export const RESOLVE_ALERT = graphql(`
  mutation ResolveAlert($id: ID!) {
    resolveAlert(id: $id) {
      ...AlertFields
    }
  }
`);
