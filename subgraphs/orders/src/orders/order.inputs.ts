import type { OrderStatus } from '@nexara/kit';
import type { Provider } from '@nexara/providers/display';
import { GraphQLSafeInt } from 'graphql-scalars';
import { ArgsType, Directive, Field, Float, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import type { ProviderOrderEventKind } from './provider-event.entity';
import type { MenuWarningCode } from '@nexara/providers';
import type { OrderSortField, SortDirection } from './order-cursor';
import {
  OrderSortFieldEnum,
  MenuWarningCodeEnum,
  OrderStatusEnum,
  ProviderEnum,
  ProviderOrderEventKindEnum,
  SortDirectionEnum,
} from './order.types';

@InputType('OrderFilterInput')
export class OrderFilterInput {
  @Field(() => [OrderStatusEnum], { nullable: true, description: 'Any of these statuses (empty or null: all).' })
  status?: OrderStatus[] | null;

  @Field(() => [ProviderEnum], { nullable: true, description: 'Any of these providers (empty or null: all).' })
  provider?: Provider[] | null;

  @Field(() => ID, { nullable: true })
  connectionId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Placed at or after this instant.' })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Placed before this instant.' })
  to?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive text found in the display code, external id, customer name or customer phone.',
  })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only orders whose acceptanceAtRisk is this (null: all).' })
  acceptanceAtRisk?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only test orders (true), only real ones (false), or both (null).',
  })
  test?: boolean | null;
}

@InputType('OrderSortInput', {
  description: 'How to sort the orders list. Keep it the same on every page: a cursor only fits the sort it came from.',
})
export class OrderSortInput {
  @Field(() => OrderSortFieldEnum)
  field: OrderSortField;

  @Field(() => SortDirectionEnum)
  direction: SortDirection;
}

@Directive('@inaccessible')
@InputType('CustomerInput')
export class CustomerInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@Directive('@inaccessible')
@InputType('DeliveryInput')
export class DeliveryInput {
  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => Float, { nullable: true })
  lat?: number | null;

  @Field(() => Float, { nullable: true })
  lng?: number | null;
}

@Directive('@inaccessible')
@InputType('PaymentInput')
export class PaymentInput {
  @Field()
  method: string;

  @Field()
  paid: boolean;
}

@Directive('@inaccessible')
@InputType('OrderItemModifierInput')
export class OrderItemModifierInput {
  @Field()
  name: string;

  @Field(() => Int)
  quantity: number;

  @Field(() => GraphQLSafeInt, { description: 'Minor units of the order currency.' })
  unitPrice: number;

  @Field(() => [OrderItemModifierInput], { nullable: true })
  modifiers?: OrderItemModifierInput[] | null;
}

@Directive('@inaccessible')
@InputType('OrderItemInput')
export class OrderItemInput {
  @Field(() => String, { nullable: true })
  externalId?: string | null;

  @Field()
  name: string;

  @Field(() => Int)
  quantity: number;

  @Field(() => GraphQLSafeInt, { description: 'Minor units of the order currency.' })
  unitPrice: number;

  @Field(() => GraphQLSafeInt, { description: 'Minor units of the order currency.' })
  total: number;

  @Field(() => [OrderItemModifierInput], { nullable: true })
  modifiers?: OrderItemModifierInput[] | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;
}

@Directive('@inaccessible')
@InputType('ProviderOrderInput', {
  description: 'The canonical order as a provider adapter parsed it. Amounts are minor units.',
})
export class ProviderOrderInput {
  @Field()
  displayCode: string;

  @Field(() => GraphQLISODateTime)
  placedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  acceptBy?: Date | null;

  @Field({ description: 'ISO 4217 code.' })
  currency: string;

  @Field(() => CustomerInput, { nullable: true })
  customer?: CustomerInput | null;

  @Field(() => DeliveryInput, { nullable: true, description: 'Null for pick-up orders.' })
  delivery?: DeliveryInput | null;

  @Field(() => [OrderItemInput])
  items: OrderItemInput[];

  @Field(() => GraphQLSafeInt)
  subtotal: number;

  @Field(() => GraphQLSafeInt)
  deliveryFee: number;

  @Field(() => GraphQLSafeInt)
  discount: number;

  @Field(() => GraphQLSafeInt)
  tax: number;

  @Field(() => GraphQLSafeInt)
  tip: number;

  @Field(() => GraphQLSafeInt)
  total: number;

  @Field(() => PaymentInput, { nullable: true })
  payment?: PaymentInput | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Problems the adapter found while parsing; kept on the order.',
  })
  warnings?: string[] | null;
}

@Directive('@inaccessible')
@InputType('MenuWarningInput', {
  description: 'An item of a new order the branch has sold out or hidden (see Order.menuWarnings).',
})
export class MenuWarningInput {
  @Field(() => MenuWarningCodeEnum)
  code: MenuWarningCode;

  @Field(() => ID)
  itemId: string;

  @Field()
  itemName: string;

  @Field(() => String, { nullable: true })
  externalPosId?: string | null;

  @Field()
  message: string;
}

@Directive('@inaccessible')
@InputType('ProviderOrderEventInput', { description: 'One event from a provider, parsed by its adapter.' })
export class ProviderOrderEventInput {
  @Field(() => ID)
  connectionId: string;

  @Field(() => ProviderEnum)
  provider: Provider;

  @Field({ description: 'Unique per connection: the same key applied twice changes nothing the second time.' })
  eventKey: string;

  @Field(() => ProviderOrderEventKindEnum)
  kind: ProviderOrderEventKind;

  @Field(() => String, {
    nullable: true,
    description:
      "The provider's order id. Exactly one of externalId and orderId is set; ORDER_PLACED needs externalId.",
  })
  externalId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Nexara's id of the order, for providers whose status calls name the order by the id Nexara answered (Delivery Hero's posOrderStatus). STATUS_CHANGED only.",
  })
  orderId?: string | null;

  @Field(() => GraphQLISODateTime)
  occurredAt: Date;

  @Field(() => OrderStatusEnum, { nullable: true, description: 'The status the provider reports (STATUS_CHANGED).' })
  status?: OrderStatus | null;

  @Field(() => String, { nullable: true, description: 'Added to the timeline entry, e.g. the provider cancel reason.' })
  note?: string | null;

  @Field(() => ProviderOrderInput, { nullable: true, description: 'The order (ORDER_PLACED).' })
  order?: ProviderOrderInput | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The delivery was a dashboard test webhook: the order ORDER_PLACED creates is a test order.',
  })
  test?: boolean | null;

  @Field(() => [MenuWarningInput], {
    nullable: true,
    description: "Items of an ORDER_PLACED's order that the branch's menu has sold out or hidden, kept on the order.",
  })
  menuWarnings?: MenuWarningInput[] | null;
}

// Argument classes keep the arguments in the order the contract lists them.
@ArgsType()
export class OrdersArgs {
  @Field(() => OrderFilterInput, { nullable: true })
  filter?: OrderFilterInput | null;

  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'At most 200.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;

  @Field(() => OrderSortInput, { nullable: true, description: 'Default: PLACED_AT DESC (newest first).' })
  orderBy?: OrderSortInput | null;
}

@ArgsType()
export class OrderIdArgs {
  @Field(() => ID)
  id: string;
}

@ArgsType()
export class OrderArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The order as that change left it (see Order.version): status, acceptedAt, prepMinutes, updatedAt and the timeline as they were then. ' +
      'NOT_FOUND if the order has no such version. Omitted: the order as it is now.',
  })
  version?: number | null;
}

@InputType('OrderVersionRefInput', { description: 'One version of one order (see Order.version).' })
export class OrderVersionRefInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;
}

@ArgsType()
export class OrderVersionsArgs {
  @Field(() => [OrderVersionRefInput], { description: 'At most 200.' })
  refs: OrderVersionRefInput[];
}

@ArgsType()
export class AcceptOrderArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true, description: 'Minutes until the food is ready, 1 to 180.' })
  prepMinutes?: number | null;
}

@ArgsType()
export class OrderReasonArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Why: shown in the timeline and passed on to the provider.' })
  reason: string;
}
