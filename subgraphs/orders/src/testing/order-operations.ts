/** GraphQL documents the integration tests send, with the shapes they read back. */

export const ORDER_FIELDS = /* GraphQL */ `
  fragment OrderFields on Order {
    id
    tenant {
      id
    }
    connection {
      id
    }
    provider
    externalId
    displayCode
    status
    placedAt
    acceptBy
    acceptanceAtRisk
    acceptedAt
    prepMinutes
    customer {
      name
      phone
    }
    delivery {
      address
      notes
      lat
      lng
    }
    items {
      externalId
      name
      quantity
      unitPrice {
        amount
        currency
      }
      total {
        amount
        currency
      }
      modifiers {
        name
        quantity
        unitPrice {
          amount
          currency
        }
        modifiers {
          name
          quantity
          unitPrice {
            amount
            currency
          }
          modifiers {
            name
          }
        }
      }
      notes
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
    payment {
      method
      paid
    }
    notes
    warnings
    timeline {
      status
      at
      source
      actor
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
    createdAt
    updatedAt
  }
`;

export type MoneyResult = { amount: number; currency: string };
export type OrderEventResult = {
  status: string;
  at: string;
  source: string;
  actor: string | null;
  note: string | null;
};
export type CallbackResult = {
  action: string;
  outcome: string;
  attempt: number;
  httpStatus: number | null;
  detail: string | null;
  at: string;
};
export type ModifierResult = { name: string; quantity: number; unitPrice: MoneyResult; modifiers: ModifierResult[] };
export type OrderResult = {
  id: string;
  tenant: { id: string };
  connection: { id: string };
  provider: string;
  externalId: string;
  displayCode: string;
  status: string;
  placedAt: string;
  acceptBy: string | null;
  acceptanceAtRisk: boolean;
  acceptedAt: string | null;
  prepMinutes: number | null;
  customer: { name: string | null; phone: string | null } | null;
  delivery: { address: string | null; notes: string | null; lat: number | null; lng: number | null } | null;
  items: {
    externalId: string | null;
    name: string;
    quantity: number;
    unitPrice: MoneyResult;
    total: MoneyResult;
    modifiers: ModifierResult[];
    notes: string | null;
  }[];
  subtotal: MoneyResult;
  deliveryFee: MoneyResult;
  discount: MoneyResult;
  tax: MoneyResult;
  tip: MoneyResult;
  total: MoneyResult;
  payment: { method: string; paid: boolean } | null;
  notes: string | null;
  warnings: string[];
  timeline: OrderEventResult[];
  callbacks: CallbackResult[];
  createdAt: string;
  updatedAt: string;
};

export const APPLY_PROVIDER_ORDER_EVENT = /* GraphQL */ `
  mutation Apply($input: ProviderOrderEventInput!) {
    applyProviderOrderEvent(input: $input) {
      outcome
      order {
        ...OrderFields
      }
    }
  }
  ${ORDER_FIELDS}
`;
export type ApplyResult = { applyProviderOrderEvent: { outcome: string; order: OrderResult | null } };

export const AUTO_ACCEPT_ORDER = /* GraphQL */ `
  mutation AutoAccept($id: ID!, $prepMinutes: Int) {
    autoAcceptOrder(id: $id, prepMinutes: $prepMinutes) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;
export type AutoAcceptResult = { autoAcceptOrder: OrderResult };

export const RECORD_PROVIDER_CALLBACK = /* GraphQL */ `
  mutation Record($input: RecordProviderCallbackInput!) {
    recordProviderCallback(input: $input) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;
export type RecordCallbackResult = { recordProviderCallback: OrderResult };

export const RECORD_PROVIDER_CALLBACKS = /* GraphQL */ `
  mutation RecordMany($inputs: [RecordProviderCallbackInput!]!) {
    recordProviderCallbacks(inputs: $inputs) {
      order {
        id
        version
        callbacks {
          action
          outcome
          attempt
        }
      }
      error {
        code
        message
      }
    }
  }
`;
export type RecordCallbacksResult = {
  recordProviderCallbacks: {
    order: { id: string; version: number; callbacks: { action: string; outcome: string; attempt: number }[] } | null;
    error: { code: string; message: string } | null;
  }[];
};

export const ORDER = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;
export type OrderQueryResult = { order: OrderResult };

export const ORDERS_PAGE = /* GraphQL */ `
  query Orders($filter: OrderFilterInput, $first: Int, $after: String, $orderBy: OrderSortInput) {
    orders(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          id
          status
          provider
          placedAt
          displayCode
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
export type OrdersPageResult = {
  orders: {
    totalCount: number;
    edges: {
      cursor: string;
      node: { id: string; status: string; provider: string; placedAt: string; displayCode: string };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

export const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Order {
        id
        status
        displayCode
      }
    }
  }
`;
export type EntitiesResult = { _entities: ({ id: string; status: string; displayCode: string } | null)[] };

/** Each staff action, its mutation and the status it moves to. */
export const STAFF_ACTIONS = {
  acceptOrder: {
    to: 'ACCEPTED',
    document: `mutation($id: ID!) { acceptOrder(id: $id, prepMinutes: 15) { ...OrderFields } } ${ORDER_FIELDS}`,
  },
  rejectOrder: {
    to: 'REJECTED',
    document: `mutation($id: ID!) { rejectOrder(id: $id, reason: "Out of stock") { ...OrderFields } } ${ORDER_FIELDS}`,
  },
  markPreparing: {
    to: 'PREPARING',
    document: `mutation($id: ID!) { markPreparing(id: $id) { ...OrderFields } } ${ORDER_FIELDS}`,
  },
  markReady: { to: 'READY', document: `mutation($id: ID!) { markReady(id: $id) { ...OrderFields } } ${ORDER_FIELDS}` },
  markPickedUp: {
    to: 'PICKED_UP',
    document: `mutation($id: ID!) { markPickedUp(id: $id) { ...OrderFields } } ${ORDER_FIELDS}`,
  },
  markDelivered: {
    to: 'DELIVERED',
    document: `mutation($id: ID!) { markDelivered(id: $id) { ...OrderFields } } ${ORDER_FIELDS}`,
  },
  cancelOrder: {
    to: 'CANCELLED',
    document: `mutation($id: ID!) { cancelOrder(id: $id, reason: "Customer called") { ...OrderFields } } ${ORDER_FIELDS}`,
  },
} as const;
export type StaffAction = keyof typeof STAFF_ACTIONS;
