import { graphql } from '../../gql';

/**
 * What a kitchen ticket shows: the order's state and times, and what to cook.
 * No prices: the printed ticket reads those itself (printing.operations.ts).
 * Modifiers two levels deep, as the order drawer reads them.
 */
export const KITCHEN_TICKET_FIELDS = graphql(`
  fragment KitchenTicket on Order {
    id
    displayCode
    provider
    status
    placedAt
    acceptBy
    acceptanceAtRisk
    acceptedAt
    prepMinutes
    updatedAt
    notes
    customer {
      name
    }
    delivery {
      address
    }
    items {
      name
      quantity
      notes
      modifiers {
        name
        quantity
        modifiers {
          name
          quantity
        }
      }
    }
  }
`);

/**
 * Tickets per page. The gateway estimates a list without `first` (items,
 * modifiers) at 10 entries, so one ticket costs about 2,400 and eight fit
 * under its cost limit of 20,000 (gateway/src/graphql/limits/query-limits.ts).
 */
export const KITCHEN_PAGE_SIZE = 8;

/** The open orders of the last hours, oldest first (the order a kitchen works in). */
export const KITCHEN_TICKETS = graphql(`
  query KitchenTickets($first: Int!, $after: String, $from: DateTimeISO!) {
    orders(
      first: $first
      after: $after
      filter: { status: [RECEIVED, ACCEPTED, PREPARING, READY], from: $from }
      orderBy: { field: PLACED_AT, direction: ASC }
    ) {
      totalCount
      edges {
        node {
          ...KitchenTicket
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const KITCHEN_TICKET_CHANGED = graphql(`
  subscription KitchenTicketChanged {
    orderChanged {
      ...KitchenTicket
    }
  }
`);
