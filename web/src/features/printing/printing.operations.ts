import { graphql } from '../../gql';

/** Everything a printed ticket shows, read fresh when it is printed (one order: well within the cost limit). */
export const ORDER_TICKET = graphql(`
  query OrderTicket($id: ID!) {
    order(id: $id) {
      id
      displayCode
      externalId
      provider
      status
      placedAt
      acceptedAt
      prepMinutes
      notes
      connection {
        id
        name
      }
      customer {
        name
        phone
      }
      delivery {
        address
        notes
      }
      payment {
        method
        paid
      }
      items {
        name
        quantity
        notes
        total {
          amount
          currency
        }
        modifiers {
          ...ModifierFields
          modifiers {
            ...ModifierFields
          }
        }
      }
      subtotal {
        amount
        currency
      }
      deliveryFee {
        amount
        currency
      }
      discount {
        amount
        currency
      }
      tax {
        amount
        currency
      }
      tip {
        amount
        currency
      }
      total {
        amount
        currency
      }
    }
  }
`);
