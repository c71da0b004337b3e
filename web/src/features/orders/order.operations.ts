import { graphql } from '../../gql';

/** What a grid row and a stream entry show of an order. */
export const ORDER_ROW_FIELDS = graphql(`
  fragment OrderRow on Order {
    id
    displayCode
    externalId
    provider
    status
    placedAt
    acceptBy
    acceptanceAtRisk
    test
    menuWarnings {
      code
    }
    updatedAt
    total {
      amount
      currency
    }
    customer {
      name
      phone
    }
    connection {
      id
      name
    }
  }
`);

export const ORDERS_PAGE = graphql(`
  query OrdersPage($filter: OrderFilterInput, $first: Int!, $after: String, $orderBy: OrderSortInput) {
    orders(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      edges {
        node {
          ...OrderRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ORDER_ROW_CHANGED = graphql(`
  subscription OrderRowChanged {
    orderChanged {
      ...OrderRow
    }
  }
`);

graphql(`
  fragment ModifierFields on OrderItemModifier {
    name
    quantity
    unitPrice {
      amount
      currency
    }
  }
`);

export const ACCEPT_ORDER = graphql(`
  mutation AcceptOrder($id: ID!, $prepMinutes: Int) {
    acceptOrder(id: $id, prepMinutes: $prepMinutes) {
      ...OrderRow
      acceptedAt
      prepMinutes
    }
  }
`);

export const REJECT_ORDER = graphql(`
  mutation RejectOrder($id: ID!, $reason: String!) {
    rejectOrder(id: $id, reason: $reason) {
      ...OrderRow
    }
  }
`);

export const CANCEL_ORDER = graphql(`
  mutation CancelOrder($id: ID!, $reason: String!) {
    cancelOrder(id: $id, reason: $reason) {
      ...OrderRow
    }
  }
`);

export const MARK_PREPARING = graphql(`
  mutation MarkPreparing($id: ID!) {
    markPreparing(id: $id) {
      ...OrderRow
    }
  }
`);

export const MARK_READY = graphql(`
  mutation MarkReady($id: ID!) {
    markReady(id: $id) {
      ...OrderRow
    }
  }
`);

export const MARK_PICKED_UP = graphql(`
  mutation MarkPickedUp($id: ID!) {
    markPickedUp(id: $id) {
      ...OrderRow
    }
  }
`);

export const MARK_DELIVERED = graphql(`
  mutation MarkDelivered($id: ID!) {
    markDelivered(id: $id) {
      ...OrderRow
    }
  }
`);
