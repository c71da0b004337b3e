import { PUBLIC_TAG } from '@nexara/kit';
import type { RequestContext } from '@nexara/kit';
import { Args, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  AcceptOrderArgs,
  OrderArgs,
  OrderIdArgs,
  OrderReasonArgs,
  OrdersArgs,
  OrderVersionsArgs,
} from './order.inputs';
import { orderLoaders } from './order.loaders';
import { toOrderEventType, toOrderType } from './order.mapper';
import type { OrderService } from './order.service';
import { OrderConnectionType, OrderEventType, OrderType } from './order.types';

@Resolver(() => OrderType)
export class OrderResolver {
  constructor(private readonly orderService: OrderService) {}

  @Directive(PUBLIC_TAG)
  @Query(() => OrderConnectionType, {
    description: 'Orders of your tenant, sorted by orderBy (default: newest first), ties broken by id.',
  })
  async orders(@Ctx() context: RequestContext, @Args(() => OrdersArgs) args: OrdersArgs): Promise<OrderConnectionType> {
    const page = await this.orderService.listOrders(context.identity, args);
    return {
      totalCount: page.totalCount,
      edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toOrderType(edge.order) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Directive(PUBLIC_TAG)
  @Query(() => OrderType, { description: 'One order of your tenant; NOT_FOUND if there is none with that id.' })
  async order(@Ctx() context: RequestContext, @Args(() => OrderArgs) { id, version }: OrderArgs): Promise<OrderType> {
    return toOrderType(await this.orderService.getOrder(context.identity, id, version ?? null));
  }

  @Query(() => [OrderType], {
    nullable: 'items',
    description:
      'Orders of your tenant as the given versions left them (as order(id, version) reads each), in the order asked; null ' +
      "where there is no such order or version. What the gateway reads for a moment's orderChanged events in one request.",
  })
  async orderVersions(
    @Ctx() context: RequestContext,
    @Args(() => OrderVersionsArgs) { refs }: OrderVersionsArgs,
  ): Promise<(OrderType | null)[]> {
    const orders = await this.orderService.getOrderVersions(context.identity, refs);
    return orders.map((order) => (order ? toOrderType(order) : null));
  }

  @Directive(PUBLIC_TAG)
  @FieldResolver(() => [OrderEventType], { description: 'Every status the order reached, oldest first.' })
  async timeline(@Root() order: OrderType, @Ctx() context: RequestContext): Promise<OrderEventType[]> {
    const events = await orderLoaders(context, this.orderService).timelineByOrderId.load(order.id);
    // Entries of later changes are not part of this version (an old one, or a change that committed since the read).
    return events.filter((event) => (event.orderVersion ?? 0) <= order.version).map(toOrderEventType);
  }

  @Directive(PUBLIC_TAG)
  @Mutation(() => OrderType, { description: 'RECEIVED -> ACCEPTED.' })
  async acceptOrder(
    @Ctx() context: RequestContext,
    @Args(() => AcceptOrderArgs) args: AcceptOrderArgs,
  ): Promise<OrderType> {
    return toOrderType(await this.orderService.acceptOrder(context.identity, args.id, args.prepMinutes));
  }

  @Directive(PUBLIC_TAG)
  @Mutation(() => OrderType, { description: 'RECEIVED -> REJECTED.' })
  async rejectOrder(
    @Ctx() context: RequestContext,
    @Args(() => OrderReasonArgs) args: OrderReasonArgs,
  ): Promise<OrderType> {
    return toOrderType(await this.orderService.rejectOrder(context.identity, args.id, args.reason));
  }

  @Directive(PUBLIC_TAG)
  @Mutation(() => OrderType, { description: 'ACCEPTED -> PREPARING.' })
  async markPreparing(
    @Ctx() context: RequestContext,
    @Args(() => OrderIdArgs) { id }: OrderIdArgs,
  ): Promise<OrderType> {
    return toOrderType(await this.orderService.markPreparing(context.identity, id));
  }

  @Directive(PUBLIC_TAG)
  @Mutation(() => OrderType, { description: 'PREPARING -> READY.' })
  async markReady(@Ctx() context: RequestContext, @Args(() => OrderIdArgs) { id }: OrderIdArgs): Promise<OrderType> {
    return toOrderType(await this.orderService.markReady(context.identity, id));
  }

  @Directive(PUBLIC_TAG)
  @Mutation(() => OrderType, { description: 'READY -> PICKED_UP.' })
  async markPickedUp(@Ctx() context: RequestContext, @Args(() => OrderIdArgs) { id }: OrderIdArgs): Promise<OrderType> {
    return toOrderType(await this.orderService.markPickedUp(context.identity, id));
  }

  @Directive(PUBLIC_TAG)
  @Mutation(() => OrderType, { description: 'PICKED_UP -> DELIVERED.' })
  async markDelivered(
    @Ctx() context: RequestContext,
    @Args(() => OrderIdArgs) { id }: OrderIdArgs,
  ): Promise<OrderType> {
    return toOrderType(await this.orderService.markDelivered(context.identity, id));
  }

  @Directive(PUBLIC_TAG)
  @Mutation(() => OrderType, {
    description: 'Any open status -> CANCELLED. Managers, tenant admins and platform admins only.',
  })
  async cancelOrder(
    @Ctx() context: RequestContext,
    @Args(() => OrderReasonArgs) args: OrderReasonArgs,
  ): Promise<OrderType> {
    return toOrderType(await this.orderService.cancelOrder(context.identity, args.id, args.reason));
  }

  @Directive('@inaccessible')
  @Mutation(() => OrderType, {
    description:
      "Internal (service identity only): RECEIVED -> ACCEPTED for a connection's auto-accept; any other status is answered unchanged.",
  })
  async autoAcceptOrder(
    @Ctx() context: RequestContext,
    @Args(() => AcceptOrderArgs) args: AcceptOrderArgs,
  ): Promise<OrderType> {
    return toOrderType(await this.orderService.autoAcceptOrder(context.identity, args.id, args.prepMinutes));
  }
}
