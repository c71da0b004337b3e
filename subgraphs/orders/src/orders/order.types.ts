import { PageInfoType } from '@nexara/contracts';
import { PUBLIC_TAG } from '@nexara/kit';
import { ORDER_STATUSES, type OrderStatus } from '@nexara/kit';
import { PROVIDERS, type Provider } from '@nexara/providers/display';
import { MENU_WARNING_CODES, type MenuWarningCode } from '@nexara/providers';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ORDER_EVENT_SOURCES, type OrderEventSource } from './order-event.entity';
import {
  PROVIDER_EVENT_OUTCOMES,
  PROVIDER_ORDER_EVENT_KINDS,
  type ProviderEventOutcome,
  type ProviderOrderEventKind,
} from './provider-event.entity';
import { ORDER_SORT_FIELDS, SORT_DIRECTIONS, type OrderSortField, type SortDirection } from './order-cursor';

function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const ProviderEnum = enumOf<Provider>(PROVIDERS);
export const OrderStatusEnum = enumOf<OrderStatus>(ORDER_STATUSES);
export const OrderEventSourceEnum = enumOf<OrderEventSource>(ORDER_EVENT_SOURCES);
export const ProviderOrderEventKindEnum = enumOf<ProviderOrderEventKind>(PROVIDER_ORDER_EVENT_KINDS);
export const ProviderEventOutcomeEnum = enumOf<ProviderEventOutcome>(PROVIDER_EVENT_OUTCOMES);
export const OrderSortFieldEnum = enumOf<OrderSortField>(ORDER_SORT_FIELDS);
export const SortDirectionEnum = enumOf<SortDirection>(SORT_DIRECTIONS);
export const MenuWarningCodeEnum = enumOf<MenuWarningCode>(MENU_WARNING_CODES);

registerEnumType(ProviderEnum, { name: 'Provider', description: 'A delivery provider Nexara integrates.' });
registerEnumType(OrderStatusEnum, {
  name: 'OrderStatus',
  description:
    'RECEIVED -> ACCEPTED -> PREPARING -> READY -> PICKED_UP -> DELIVERED; REJECTED only from RECEIVED; ' +
    'CANCELLED from any non-final status. DELIVERED, REJECTED and CANCELLED are final.',
});
registerEnumType(OrderSortFieldEnum, {
  name: 'OrderSortField',
  description: 'What the orders list is sorted by; ties are broken by id, in the same direction.',
  valuesConfig: {
    PLACED_AT: { description: 'When the customer placed the order (the default).' },
    TOTAL: {
      description:
        'The total in minor units, whatever the currency: 1000 halalas (SAR 10.00) sorts with 1000 fils (KWD 1.000).',
    },
    STATUS: {
      description: 'The status name, alphabetically (ACCEPTED, CANCELLED, DELIVERED, ...), not the lifecycle order.',
    },
    PROVIDER: { description: 'The provider name, alphabetically.' },
    ACCEPT_BY: { description: "The provider's accept-by deadline; orders without one come last in either direction." },
  },
});
registerEnumType(SortDirectionEnum, {
  name: 'SortDirection',
  description: 'ASC: smallest or earliest first; DESC: largest or latest first.',
});
registerEnumType(OrderEventSourceEnum, { name: 'OrderEventSource', description: 'Who caused a timeline entry.' });
registerEnumType(ProviderOrderEventKindEnum, { name: 'ProviderOrderEventKind' });
registerEnumType(MenuWarningCodeEnum, {
  name: 'MenuWarningCode',
  description: "Why an order's item is a problem on the branch's menu when the order arrived.",
});
registerEnumType(ProviderEventOutcomeEnum, {
  name: 'ProviderEventOutcome',
  description: 'What applying a provider event did to the order.',
  valuesConfig: {
    CREATED: { description: 'The order was created.' },
    ADVANCED: { description: 'The order moved forward (one timeline entry per status passed).' },
    UNCHANGED: { description: 'The order already was in that state (or already existed); nothing changed.' },
    DUPLICATE: { description: 'This event (connection, event key) was applied before; nothing changed.' },
    IGNORED_FINAL: {
      description: 'The order is final (delivered, rejected or cancelled); the event was recorded and ignored.',
    },
    IGNORED_BACKWARD: { description: 'The event would move the order backward (it is stale); recorded and ignored.' },
  },
});

@Directive('@shareable')
@Directive(PUBLIC_TAG)
@ObjectType('Money', {
  description: 'An amount of money: integer minor units of an ISO 4217 currency (1.250 KWD is 1250).',
  // Plain properties, no middleware: graphql's default resolver (a metrics week holds hundreds; docs/architecture.md, "Order metrics").
  simpleResolvers: true,
})
export class MoneyType {
  @Field(() => GraphQLSafeInt, { description: 'Integer count of the minor units the currency has under ISO 4217.' })
  amount: number;

  @Field({ description: 'ISO 4217 currency code.' })
  currency: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Tenant')
export class TenantRef {
  @Field(() => ID)
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('User')
export class UserRef {
  @Field(() => ID)
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('ProviderConnection')
export class ProviderConnectionRef {
  @Field(() => ID)
  id: string;
}

@Directive(PUBLIC_TAG)
@ObjectType('Customer')
export class CustomerType {
  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;
}

@Directive(PUBLIC_TAG)
@ObjectType('Delivery')
export class DeliveryType {
  @Field(() => String, { nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true })
  notes: string | null;

  @Field(() => Float, { nullable: true })
  lat: number | null;

  @Field(() => Float, { nullable: true })
  lng: number | null;
}

@Directive(PUBLIC_TAG)
@ObjectType('Payment')
export class PaymentType {
  @Field({ description: 'As the provider names it, e.g. CASH, CARD, ONLINE.' })
  method: string;

  @Field({ description: 'Whether the customer has already paid (to the provider).' })
  paid: boolean;
}

@ObjectType('OrderMenuWarning', {
  description: "An item of the order that the branch's menu had sold out or hidden when the order arrived.",
})
export class OrderMenuWarningType {
  @Field(() => MenuWarningCodeEnum)
  code: MenuWarningCode;

  @Field(() => ID, { description: 'The catalog item the order line matched.' })
  itemId: string;

  @Field({ description: "The order line's name as the provider sent it." })
  itemName: string;

  @Field(() => String, {
    nullable: true,
    description: 'The POS id the line was matched by; null when matched by name.',
  })
  externalPosId: string | null;

  @Field({ description: 'What staff are told, e.g. "Burger is sold out on this branch\'s menu."' })
  message: string;
}

@Directive(PUBLIC_TAG)
@ObjectType('OrderItemModifier')
export class OrderItemModifierType {
  @Field()
  name: string;

  @Field(() => Int)
  quantity: number;

  @Field(() => MoneyType)
  unitPrice: MoneyType;

  @Field(() => [OrderItemModifierType], { description: 'Options of this option (e.g. a size, then its extras).' })
  modifiers: OrderItemModifierType[];
}

@Directive(PUBLIC_TAG)
@ObjectType('OrderItem')
export class OrderItemType {
  @Field(() => String, { nullable: true, description: "The provider's id of the item." })
  externalId: string | null;

  @Field()
  name: string;

  @Field(() => Int)
  quantity: number;

  @Field(() => MoneyType)
  unitPrice: MoneyType;

  @Field(() => MoneyType, { description: 'The line total as the provider computed it.' })
  total: MoneyType;

  @Field(() => [OrderItemModifierType])
  modifiers: OrderItemModifierType[];

  @Field(() => String, { nullable: true })
  notes: string | null;
}

// Public field by field: `user` serves the dashboard; partners have `actor`, and User stays out of their contract.
@ObjectType('OrderEvent', { description: 'One entry of an order timeline: the order reached `status` at `at`.' })
export class OrderEventType {
  @Directive(PUBLIC_TAG)
  @Field(() => OrderStatusEnum)
  status: OrderStatus;

  @Directive(PUBLIC_TAG)
  @Field(() => GraphQLISODateTime)
  at: Date;

  @Directive(PUBLIC_TAG)
  @Field(() => OrderEventSourceEnum)
  source: OrderEventSource;

  @Directive(PUBLIC_TAG)
  @Field(() => String, {
    nullable: true,
    description:
      'The user id for USER entries, the provider for PROVIDER entries, what acted for SYSTEM entries (auto-accept, provider-callback).',
  })
  actor: string | null;

  @Field(() => UserRef, {
    nullable: true,
    description: 'The user who made the change (USER entries), to show by name; null when you may not see them.',
  })
  user: UserRef | null;

  @Directive(PUBLIC_TAG)
  @Field(() => String, { nullable: true })
  note: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType('Order', { description: 'A canonical order, whichever provider it came from.' })
export class OrderType {
  @Directive(PUBLIC_TAG)
  @Field(() => ID)
  id: string;

  /** Not a field: the tenant the order belongs to, for loading its timeline. */
  tenantId: string;

  @Directive(PUBLIC_TAG)
  @Field(() => TenantRef)
  tenant: TenantRef;

  @Directive(PUBLIC_TAG)
  @Field(() => ProviderConnectionRef)
  connection: ProviderConnectionRef;

  @Directive(PUBLIC_TAG)
  @Field(() => ProviderEnum)
  provider: Provider;

  @Directive(PUBLIC_TAG)
  @Field({ description: "The provider's order id." })
  externalId: string;

  @Directive(PUBLIC_TAG)
  @Field({ description: 'The short code staff and couriers say out loud.' })
  displayCode: string;

  @Directive(PUBLIC_TAG)
  @Field(() => OrderStatusEnum)
  status: OrderStatus;

  @Directive(PUBLIC_TAG)
  @Field(() => GraphQLISODateTime)
  placedAt: Date;

  @Directive(PUBLIC_TAG)
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the provider gives up on an unanswered order.',
  })
  acceptBy: Date | null;

  @Directive(PUBLIC_TAG)
  @Field({ description: 'Still RECEIVED with acceptBy less than two minutes away or already passed: answer it now.' })
  acceptanceAtRisk: boolean;

  @Directive(PUBLIC_TAG)
  @Field({
    description:
      'Placed by a test webhook sent from the dashboard, not by a customer: left out of metrics and acceptance alerts.',
  })
  test: boolean;

  @Directive(PUBLIC_TAG)
  @Field(() => GraphQLISODateTime, { nullable: true })
  acceptedAt: Date | null;

  @Directive(PUBLIC_TAG)
  @Field(() => Int, { nullable: true })
  prepMinutes: number | null;

  @Directive(PUBLIC_TAG)
  @Field(() => CustomerType, { nullable: true })
  customer: CustomerType | null;

  @Directive(PUBLIC_TAG)
  @Field(() => DeliveryType, { nullable: true, description: 'Null for pick-up orders.' })
  delivery: DeliveryType | null;

  @Directive(PUBLIC_TAG)
  @Field(() => [OrderItemType])
  items: OrderItemType[];

  @Directive(PUBLIC_TAG)
  @Field(() => MoneyType)
  subtotal: MoneyType;

  @Directive(PUBLIC_TAG)
  @Field(() => MoneyType)
  deliveryFee: MoneyType;

  @Directive(PUBLIC_TAG)
  @Field(() => MoneyType)
  discount: MoneyType;

  @Directive(PUBLIC_TAG)
  @Field(() => MoneyType)
  tax: MoneyType;

  @Directive(PUBLIC_TAG)
  @Field(() => MoneyType)
  tip: MoneyType;

  @Directive(PUBLIC_TAG)
  @Field(() => MoneyType)
  total: MoneyType;

  @Directive(PUBLIC_TAG)
  @Field(() => PaymentType, { nullable: true })
  payment: PaymentType | null;

  @Directive(PUBLIC_TAG)
  @Field(() => String, { nullable: true })
  notes: string | null;

  @Field(() => [String], { description: 'Problems found in what the provider sent (e.g. totals that do not add up).' })
  warnings: string[];

  @Field(() => [OrderMenuWarningType], {
    description:
      "Items the branch's menu had sold out or hidden when the order arrived (empty when none, or when the catalog could not be asked).",
  })
  menuWarnings: OrderMenuWarningType[];

  @Directive(PUBLIC_TAG)
  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Directive(PUBLIC_TAG)
  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  @Directive(PUBLIC_TAG)
  @Field(() => Int, {
    description:
      'Counts the changes of the order: 1 when it arrives, one more with each change (status, acceptance, a provider callback report). ' +
      'order(id, version) reads the order as any version left it; orderChanged delivers each version once, in order.',
  })
  version: number;
}

@Directive(PUBLIC_TAG)
@ObjectType('OrderEdge')
export class OrderEdgeType {
  @Field()
  cursor: string;

  @Field(() => OrderType)
  node: OrderType;
}

@Directive(PUBLIC_TAG)
@ObjectType('OrderConnection')
export class OrderConnectionType {
  @Field(() => Int, { description: 'Orders matching the filter, on every page.' })
  totalCount: number;

  @Field(() => [OrderEdgeType])
  edges: OrderEdgeType[];

  @Field(() => PageInfoType)
  pageInfo: PageInfoType;
}

@Directive('@inaccessible')
@ObjectType('ApplyProviderOrderEventPayload')
export class ApplyProviderOrderEventPayload {
  @Field(() => OrderType, {
    nullable: true,
    description: 'The order the event applies to (null only for a duplicate of an unknown order).',
  })
  order: OrderType | null;

  @Field(() => ProviderEventOutcomeEnum)
  outcome: ProviderEventOutcome;
}

@Directive('@inaccessible')
@ObjectType('ProviderOrderEventError', {
  description: 'Why one event of a batch was not applied (nothing of it was written).',
})
export class ProviderOrderEventErrorType {
  @Field({
    description: 'As a GraphQL error would carry it: NOT_FOUND (its order is not there yet), BAD_USER_INPUT, ...',
  })
  code: string;

  @Field()
  message: string;
}

@Directive('@inaccessible')
@ObjectType('ApplyProviderOrderEventsResult', { description: 'One event of applyProviderOrderEvents, in input order.' })
export class ApplyProviderOrderEventsResult {
  @Field(() => OrderType, { nullable: true })
  order: OrderType | null;

  @Field(() => ProviderEventOutcomeEnum, { nullable: true, description: 'Null when the event was not applied.' })
  outcome: ProviderEventOutcome | null;

  @Field(() => ProviderOrderEventErrorType, { nullable: true })
  error: ProviderOrderEventErrorType | null;
}
