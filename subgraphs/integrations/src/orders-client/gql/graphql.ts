/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { Provider } from '@nexara/providers';
import type { OrderStatus } from '@nexara/kit';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What came of telling the provider about a change of the order. */
export type CallbackOutcome =
  /** The provider accepted the call. */
  | 'DELIVERED'
  /** The call failed on its last attempt; the provider was not told. */
  | 'FAILED'
  /** The provider has no call for this change. */
  | 'NOT_SUPPORTED'
  /** The call failed and will be tried again. */
  | 'RETRYING';

export type CustomerInput = {
  name?: string | null | undefined;
  phone?: string | null | undefined;
};

export type DeliveryInput = {
  address?: string | null | undefined;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  notes?: string | null | undefined;
};

/** Why an order's item is a problem on the branch's menu when the order arrived. */
export type MenuWarningCode =
  | 'ITEM_HIDDEN'
  | 'ITEM_SOLD_OUT';

/** An item of a new order the branch has sold out or hidden (see Order.menuWarnings). */
export type MenuWarningInput = {
  code: MenuWarningCode;
  externalPosId?: string | null | undefined;
  itemId: string | number;
  itemName: string;
  message: string;
};

export type OrderItemInput = {
  externalId?: string | null | undefined;
  modifiers?: Array<OrderItemModifierInput> | null | undefined;
  name: string;
  notes?: string | null | undefined;
  quantity: number;
  /** Minor units of the order currency. */
  total: number;
  /** Minor units of the order currency. */
  unitPrice: number;
};

export type OrderItemModifierInput = {
  modifiers?: Array<OrderItemModifierInput> | null | undefined;
  name: string;
  quantity: number;
  /** Minor units of the order currency. */
  unitPrice: number;
};

export { OrderStatus };

export type PaymentInput = {
  method: string;
  paid: boolean;
};

export { Provider };

/** What applying a provider event did to the order. */
export type ProviderEventOutcome =
  /** The order moved forward (one timeline entry per status passed). */
  | 'ADVANCED'
  /** The order was created. */
  | 'CREATED'
  /** This event (connection, event key) was applied before; nothing changed. */
  | 'DUPLICATE'
  /** The event would move the order backward (it is stale); recorded and ignored. */
  | 'IGNORED_BACKWARD'
  /** The order is final (delivered, rejected or cancelled); the event was recorded and ignored. */
  | 'IGNORED_FINAL'
  /** The order already was in that state (or already existed); nothing changed. */
  | 'UNCHANGED';

/** One event from a provider, parsed by its adapter. */
export type ProviderOrderEventInput = {
  connectionId: string | number;
  /** Unique per connection: the same key applied twice changes nothing the second time. */
  eventKey: string;
  /** The provider's order id. Exactly one of externalId and orderId is set; ORDER_PLACED needs externalId. */
  externalId?: string | null | undefined;
  kind: ProviderOrderEventKind;
  /** Items of an ORDER_PLACED's order that the branch's menu has sold out or hidden, kept on the order. */
  menuWarnings?: Array<MenuWarningInput> | null | undefined;
  /** Added to the timeline entry, e.g. the provider cancel reason. */
  note?: string | null | undefined;
  occurredAt: string;
  /** The order (ORDER_PLACED). */
  order?: ProviderOrderInput | null | undefined;
  /** Nexara's id of the order, for providers whose status calls name the order by the id Nexara answered (Delivery Hero's posOrderStatus). STATUS_CHANGED only. */
  orderId?: string | number | null | undefined;
  provider: Provider;
  /** The status the provider reports (STATUS_CHANGED). */
  status?: OrderStatus | null | undefined;
  /** The delivery was a dashboard test webhook: the order ORDER_PLACED creates is a test order. */
  test?: boolean | null | undefined;
};

export type ProviderOrderEventKind =
  | 'ORDER_PLACED'
  | 'STATUS_CHANGED';

/** The canonical order as a provider adapter parsed it. Amounts are minor units. */
export type ProviderOrderInput = {
  acceptBy?: string | null | undefined;
  /** ISO 4217 code. */
  currency: string;
  customer?: CustomerInput | null | undefined;
  /** Null for pick-up orders. */
  delivery?: DeliveryInput | null | undefined;
  deliveryFee: number;
  discount: number;
  displayCode: string;
  items: Array<OrderItemInput>;
  notes?: string | null | undefined;
  payment?: PaymentInput | null | undefined;
  placedAt: string;
  subtotal: number;
  tax: number;
  tip: number;
  total: number;
  /** Problems the adapter found while parsing; kept on the order. */
  warnings?: Array<string> | null | undefined;
};

/** An outcome of a provider callback, as the integrations worker reports it. */
export type RecordProviderCallbackInput = {
  /** The callback action kind, e.g. ACCEPTED. */
  action: string;
  /** Which try this was (1 = the first call); 0 when no call was made. */
  attempt: number;
  detail?: string | null | undefined;
  httpStatus?: number | null | undefined;
  orderId: string | number;
  outcome: CallbackOutcome;
};

export type ApplyProviderOrderEventMutationVariables = Exact<{
  input: ProviderOrderEventInput;
}>;


export type ApplyProviderOrderEventMutation = { applyProviderOrderEvent: { outcome: ProviderEventOutcome, order: { id: string, externalId: string, placedAt: string, status: OrderStatus } | null } };

export type ApplyProviderOrderEventsMutationVariables = Exact<{
  inputs: Array<ProviderOrderEventInput> | ProviderOrderEventInput;
}>;


export type ApplyProviderOrderEventsMutation = { applyProviderOrderEvents: Array<{ outcome: ProviderEventOutcome | null, order: { id: string, externalId: string, placedAt: string, status: OrderStatus } | null, error: { code: string, message: string } | null }> };

export type AutoAcceptOrderMutationVariables = Exact<{
  id: string | number;
}>;


export type AutoAcceptOrderMutation = { autoAcceptOrder: { id: string, status: OrderStatus } };

export type RecordProviderCallbackMutationVariables = Exact<{
  input: RecordProviderCallbackInput;
}>;


export type RecordProviderCallbackMutation = { recordProviderCallback: { id: string } };

export type RecordProviderCallbacksMutationVariables = Exact<{
  inputs: Array<RecordProviderCallbackInput> | RecordProviderCallbackInput;
}>;


export type RecordProviderCallbacksMutation = { recordProviderCallbacks: Array<{ order: { id: string } | null, error: { code: string, message: string } | null }> };

export type OrdersAtRiskQueryVariables = Exact<{ [key: string]: never; }>;


export type OrdersAtRiskQuery = { orders: { edges: Array<{ node: { id: string, displayCode: string, acceptBy: string | null, connection: { id: string } } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ApplyProviderOrderEventDocument = new TypedDocumentString(`
    mutation ApplyProviderOrderEvent($input: ProviderOrderEventInput!) {
  applyProviderOrderEvent(input: $input) {
    outcome
    order {
      id
      externalId
      placedAt
      status
    }
  }
}
    `) as unknown as TypedDocumentString<ApplyProviderOrderEventMutation, ApplyProviderOrderEventMutationVariables>;
export const ApplyProviderOrderEventsDocument = new TypedDocumentString(`
    mutation ApplyProviderOrderEvents($inputs: [ProviderOrderEventInput!]!) {
  applyProviderOrderEvents(inputs: $inputs) {
    outcome
    order {
      id
      externalId
      placedAt
      status
    }
    error {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ApplyProviderOrderEventsMutation, ApplyProviderOrderEventsMutationVariables>;
export const AutoAcceptOrderDocument = new TypedDocumentString(`
    mutation AutoAcceptOrder($id: ID!) {
  autoAcceptOrder(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<AutoAcceptOrderMutation, AutoAcceptOrderMutationVariables>;
export const RecordProviderCallbackDocument = new TypedDocumentString(`
    mutation RecordProviderCallback($input: RecordProviderCallbackInput!) {
  recordProviderCallback(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<RecordProviderCallbackMutation, RecordProviderCallbackMutationVariables>;
export const RecordProviderCallbacksDocument = new TypedDocumentString(`
    mutation RecordProviderCallbacks($inputs: [RecordProviderCallbackInput!]!) {
  recordProviderCallbacks(inputs: $inputs) {
    order {
      id
    }
    error {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RecordProviderCallbacksMutation, RecordProviderCallbacksMutationVariables>;
export const OrdersAtRiskDocument = new TypedDocumentString(`
    query OrdersAtRisk {
  orders(first: 200, filter: {acceptanceAtRisk: true, test: false}) {
    edges {
      node {
        id
        displayCode
        acceptBy
        connection {
          id
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OrdersAtRiskQuery, OrdersAtRiskQueryVariables>;