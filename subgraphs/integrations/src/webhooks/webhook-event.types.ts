import type { Provider as ProviderName } from '@nexara/providers/display';
import { GraphQLJSONObject } from 'graphql-scalars';
import {
  ArgsType,
  Directive,
  Field,
  GraphQLISODateTime,
  ID,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
} from 'type-graphql';
import { PageInfoType } from '@nexara/contracts';
import { Provider } from '../connections/connection.types';
import { WEBHOOK_EVENT_STATUSES, type WebhookEventStatus as WebhookEventStatusName } from './webhook-event.repository';

export const WebhookEventStatus = Object.fromEntries(WEBHOOK_EVENT_STATUSES.map((value) => [value, value])) as {
  [K in WebhookEventStatusName]: K;
};
registerEnumType(WebhookEventStatus, {
  name: 'WebhookEventStatus',
  description: 'Where a stored delivery is in its processing.',
  valuesConfig: {
    QUEUED: { description: 'Waiting for the worker (first try, or a retry at nextAttemptAt).' },
    PROCESSING: { description: 'A worker is applying it to its order now.' },
    PROCESSED: { description: 'Applied to its order(s).' },
    FAILED: {
      description: 'Can never be processed as it is (payload does not match the provider format); not retried.',
    },
    DEAD: { description: 'Failed on every retry (orders unreachable, order never arrived...); can be replayed.' },
  },
});

/** Owned by the orders subgraph; a delivery names the orders it created or changed by id. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Order')
export class OrderRef {
  @Field(() => ID)
  id: string;
}

@ObjectType('WebhookEvent', {
  description: 'One verified delivery from a provider, stored as received, and its processing.',
})
export class WebhookEventType {
  @Field(() => ID)
  id: string;

  @Field(() => Provider)
  provider: ProviderName;

  // `connection` and `orders` are resolved by WebhookEventResolver.

  @Field(() => String, {
    description: 'What made this delivery unique for the provider (sequence guid, event id, token...).',
  })
  idempotencyKey: string;

  @Field(() => WebhookEventStatus)
  status: WebhookEventStatusName;

  @Field(() => Int, { description: 'Processing attempts so far, replays included.' })
  attempts: number;

  @Field(() => Int, { description: 'How often a person put it back in the queue.' })
  replayCount: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt that went wrong did.' })
  lastError: string | null;

  @Field(() => GraphQLISODateTime)
  receivedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  firstAttemptAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  processedAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'How long the attempt that processed it took.' })
  processingMs: number | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the next retry is due (QUEUED after a failure).',
  })
  nextAttemptAt: Date | null;

  @Field(() => GraphQLJSONObject, {
    description: 'The headers that matter; credentials and signatures only as fingerprints.',
  })
  headers: Record<string, string>;

  @Field(() => String, { description: 'The body as received (UTF-8).' })
  payload: string;

  @Field(() => String, {
    nullable: true,
    description:
      'For a new order that could not be processed (FAILED or DEAD) from a provider that wants to know (Deliveroo `sync_status: failed`): ' +
      'how telling the provider went: RETRYING, DELIVERED, FAILED or NOT_SUPPORTED. Null when the provider was not told.',
  })
  providerNotice: string | null;

  @Field(() => String, { nullable: true, description: 'What the provider answered when telling it failed.' })
  providerNoticeDetail: string | null;

  /** Not a field: the resolver turns these into `orders`. */
  orderIds: string[];

  connectionId: string;
}

@InputType('WebhookEventFilterInput')
export class WebhookEventFilterInput {
  @Field(() => [WebhookEventStatus], { nullable: true, description: 'Any of these statuses (empty or null: all).' })
  status?: WebhookEventStatusName[] | null;

  @Field(() => [Provider], { nullable: true, description: 'Any of these providers (empty or null: all).' })
  provider?: ProviderName[] | null;

  @Field(() => ID, { nullable: true })
  connectionId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Received at or after this instant.' })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Received before this instant.' })
  to?: Date | null;
}

// An argument class keeps the arguments in the order the contract lists them.
@ArgsType()
export class WebhookEventsArgs {
  @Field(() => WebhookEventFilterInput, { nullable: true })
  filter?: WebhookEventFilterInput | null;

  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'At most 200.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

@ObjectType('WebhookEventEdge')
export class WebhookEventEdgeType {
  @Field()
  cursor: string;

  @Field(() => WebhookEventType)
  node: WebhookEventType;
}

@ObjectType('WebhookEventConnection')
export class WebhookEventConnectionType {
  @Field(() => Int, { description: 'Events matching the filter, on every page.' })
  totalCount: number;

  @Field(() => [WebhookEventEdgeType])
  edges: WebhookEventEdgeType[];

  @Field(() => PageInfoType)
  pageInfo: PageInfoType;
}
