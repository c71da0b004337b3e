import type { RequestContext } from '@nexara/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ConnectionService, ConnectionView } from '../connections/connection.service';
import { ProviderConnection } from '../connections/connection.types';
import type { WebhookEventRecord } from './webhook-event.repository';
import type { WebhookEventService } from './webhook-event.service';
import { OrderRef, WebhookEventConnectionType, WebhookEventsArgs, WebhookEventType } from './webhook-event.types';

/** What the WebhookEvent fields read (plain data; `connection` and `orders` resolve from it). */
type WebhookEventView = WebhookEventType;
type WebhookEventPageView = {
  totalCount: number;
  edges: { cursor: string; node: WebhookEventView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

export function toWebhookEventView(record: WebhookEventRecord): WebhookEventView {
  return {
    id: record.id,
    provider: record.provider,
    connectionId: record.connectionId,
    idempotencyKey: record.idempotencyKey,
    status: record.status,
    attempts: record.attempts,
    replayCount: record.replays,
    lastError: record.lastError,
    receivedAt: record.receivedAt,
    firstAttemptAt: record.firstAttemptAt,
    lastAttemptAt: record.lastAttemptAt,
    processedAt: record.processedAt,
    processingMs: record.processingMs,
    nextAttemptAt: record.nextAttemptAt,
    headers: record.headers,
    payload: record.body.toString('utf8'),
    orderIds: record.orderIds,
    providerNotice: record.providerNotice,
    providerNoticeDetail: record.providerNoticeDetail,
  };
}

// The tenant's connections, read once per request however many events a page shows.
const connectionsByRequest = new WeakMap<RequestContext, Promise<Map<string, ConnectionView>>>();

@Resolver(() => WebhookEventType)
export class WebhookEventResolver {
  constructor(
    private readonly events: WebhookEventService,
    private readonly connections: ConnectionService,
  ) {}

  @Query(() => WebhookEventConnectionType, { description: "The acting tenant's webhook deliveries, newest first." })
  async webhookEvents(
    @Args(() => WebhookEventsArgs) args: WebhookEventsArgs,
    @Ctx() context: RequestContext,
  ): Promise<WebhookEventPageView> {
    const page = await this.events.listWebhookEvents(context.identity, args);
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toWebhookEventView(edge.node) })) };
  }

  @Query(() => WebhookEventType, { nullable: true })
  async webhookEvent(
    @Arg('id', () => ID) id: string,
    @Ctx() context: RequestContext,
  ): Promise<WebhookEventView | null> {
    const record = await this.events.findWebhookEvent(context.identity, id);
    return record ? toWebhookEventView(record) : null;
  }

  @Mutation(() => WebhookEventType, {
    description:
      'Puts a FAILED or DEAD delivery back in the queue with a fresh retry budget (tenant admins, managers). ' +
      'Any other status is refused with BAD_USER_INPUT.',
  })
  async replayWebhookEvent(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<WebhookEventView> {
    return toWebhookEventView(await this.events.replayWebhookEvent(context.identity, id));
  }

  @Mutation(() => Int, {
    description:
      'Puts every DEAD delivery of a connection back in the queue (tenant admins, managers); answers how many.',
  })
  replayDeadWebhookEvents(
    @Arg('connectionId', () => ID) connectionId: string,
    @Ctx() context: RequestContext,
  ): Promise<number> {
    return this.events.replayDeadWebhookEvents(context.identity, connectionId);
  }

  @FieldResolver(() => ProviderConnection)
  async connection(@Root() event: WebhookEventView, @Ctx() context: RequestContext): Promise<ConnectionView | null> {
    let loaded = connectionsByRequest.get(context);
    if (!loaded) {
      loaded = this.connections
        .listConnections(context.identity)
        .then((connections) => new Map(connections.map((connection) => [connection.id, connection])));
      connectionsByRequest.set(context, loaded);
    }
    return (await loaded).get(event.connectionId) ?? null;
  }

  @FieldResolver(() => [OrderRef], {
    nullable: 'items',
    description: 'The orders this delivery created or changed (once processed).',
  })
  orders(@Root() event: WebhookEventView): OrderRef[] {
    return event.orderIds.map((id) => ({ id }));
  }
}
