import { graphql } from '../../gql';

/** The orders waiting for an answer when the dashboard opens (the API's maximum page; the count is exact). */
export const WAITING_ORDERS = graphql(`
  query WaitingOrders {
    orders(filter: { status: [RECEIVED] }, first: 200) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);

/** What a notification about a new order says. */
export const ATTENTION_ORDER_CHANGED = graphql(`
  subscription AttentionOrderChanged {
    orderChanged {
      id
      displayCode
      status
      provider
      test
      total {
        amount
        currency
      }
      customer {
        name
      }
    }
  }
`);
