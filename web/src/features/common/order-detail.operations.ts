import { graphql } from '../../gql';

/** One order in full: the orders drawer shows it and a printed ticket reads it (fragments in features/orders/order.operations.ts). */
export const ORDER_DETAIL = graphql(`
  query OrderDetail($id: ID!) {
    order(id: $id) {
      ...OrderRow
      acceptedAt
      prepMinutes
      notes
      warnings
      menuWarnings {
        code
        itemName
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
        externalId
        name
        quantity
        notes
        unitPrice {
          amount
          currency
        }
        total {
          amount
          currency
        }
        # Two levels (an option, then its extras): what providers send, and within the query cost limit.
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
      timeline {
        status
        at
        source
        actor
        user {
          name
          email
        }
        note
      }
      callbacks {
        action
        outcome
        attempt
        httpStatus
        detail
        at
      }
    }
  }
`);
