import { GraphQLJSONObject } from 'graphql-scalars';
import { PUBLIC_TAG } from '@nexara/kit';
import { PROVIDERS, type Provider as ProviderName } from '@nexara/providers/display';
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
import { CONNECTION_STATUSES, type ConnectionStatus as ConnectionStatusName } from './connection.entity';
import { TEST_WEBHOOK_KINDS, type TestWebhookKind as TestWebhookKindName } from './test-webhook.service';

const enumOf = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const Provider = enumOf(PROVIDERS);
registerEnumType(Provider, { name: 'Provider', description: 'A delivery provider Nexara integrates.' });

export const ConnectionStatus = enumOf(CONNECTION_STATUSES);
registerEnumType(ConnectionStatus, {
  name: 'ConnectionStatus',
  description: 'ACTIVE connections accept webhooks; PAUSED ones answer 409.',
});

/** Owned by the tenants subgraph; referenced here by id only. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Branch')
export class BranchRef {
  @Field(() => ID)
  id: string;
}

/** Owned by the tenants subgraph; referenced here by id only. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Tenant')
export class TenantRef {
  @Field(() => ID)
  id: string;
}

@Directive('@key(fields: "id")')
@ObjectType('ProviderConnection', {
  description: "A tenant's link to one provider store. Its secrets are never readable.",
})
export class ProviderConnection {
  @Directive(PUBLIC_TAG)
  @Field(() => ID)
  id: string;

  @Directive(PUBLIC_TAG)
  @Field(() => Provider)
  provider: ProviderName;

  @Directive(PUBLIC_TAG)
  @Field(() => String)
  name: string;

  @Directive(PUBLIC_TAG)
  @Field(() => ConnectionStatus)
  status: ConnectionStatusName;

  @Field(() => String, {
    description: 'Absolute URL the provider sends webhooks to (contains the opaque connection key).',
  })
  webhookUrl: string;

  @Field(() => String, {
    description:
      "The provider's id for the branch: Deliveroo location_id, Talabat remoteId, Careem branch.id, Jahez branch_id.",
  })
  externalStoreId: string;

  @Directive(PUBLIC_TAG)
  @Field(() => String, { description: 'ISO 4217 code of the amounts this connection receives.' })
  currency: string;

  @Field(() => String, { description: 'Provider API base URL that status callbacks go to.' })
  apiBaseUrl: string;

  @Field(() => GraphQLJSONObject, {
    description:
      "The provider's other ids for this store that its control calls need (a brand id, a client id...; docs/control-plane.md).",
  })
  controlIds: Record<string, string>;

  @Directive(PUBLIC_TAG)
  @Field(() => Boolean)
  autoAccept: boolean;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the connection was archived: hidden from lists, its webhooks refused, its orders kept.',
  })
  archivedAt: Date | null;

  @Directive(PUBLIC_TAG)
  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Directive(PUBLIC_TAG)
  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}

@InputType('ConnectProviderInput')
export class ConnectProviderInput {
  @Directive(PUBLIC_TAG)
  @Field(() => Provider)
  provider: ProviderName;

  @Directive(PUBLIC_TAG)
  @Field(() => String)
  name: string;

  @Field(() => ID)
  branchId: string;

  @Directive(PUBLIC_TAG)
  @Field(() => String, { description: "The provider's id for the branch (see ProviderConnection.externalStoreId)." })
  externalStoreId: string;

  @Directive(PUBLIC_TAG)
  @Field(() => String, { description: 'ISO 4217 currency code, e.g. SAR.' })
  currency: string;

  @Field(() => String, { description: 'Provider API base URL (http or https) that status callbacks go to.' })
  apiBaseUrl: string;

  @Directive(PUBLIC_TAG)
  @Field(() => Boolean, { nullable: true, defaultValue: false })
  autoAccept?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'The provider-issued secret or token (at least 16 characters). Omit it to have one generated.',
  })
  secret?: string | null;
}

@ObjectType('ConnectProviderPayload')
export class ConnectProviderPayload {
  @Field(() => ProviderConnection)
  connection: ProviderConnection;

  @Field(() => String, { description: 'The provider secret in clear: shown this once, stored only encrypted.' })
  secret: string;
}

@ObjectType('RotateConnectionSecretPayload')
export class RotateConnectionSecretPayload {
  @Field(() => ProviderConnection)
  connection: ProviderConnection;

  @Field(() => String, {
    description:
      'The new secret in clear: shown this once, stored only encrypted. The previous one keeps verifying for the grace period.',
  })
  secret: string;
}

@InputType('UpdateConnectionInput', {
  description: 'Only the fields given change; null or omitted leaves a field as it is.',
})
export class UpdateConnectionInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Boolean, { nullable: true })
  autoAccept?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Provider API base URL (http or https) that status callbacks go to.',
  })
  apiBaseUrl?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      "The provider's other ids for this store, replacing all of them: an object of names to non-empty strings (docs/control-plane.md).",
  })
  controlIds?: Record<string, unknown> | null;
}

export const TestWebhookKind = enumOf(TEST_WEBHOOK_KINDS);
registerEnumType(TestWebhookKind, {
  name: 'TestWebhookKind',
  description:
    'STATUS_UPDATE and CANCELLATION refer to the last sample order sent for the connection (a new one is sent first if there is none).',
});

@ObjectType('TestWebhookResult', { description: 'What the webhook shim answered to a signed sample webhook.' })
export class TestWebhookResult {
  @Field(() => Int, { nullable: true, description: 'HTTP status of the answer; null when no answer came.' })
  httpStatus: number | null;

  @Field(() => String, { nullable: true })
  responseBody: string | null;

  @Field(() => Boolean, { description: 'The shim answered 2xx.' })
  delivered: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'What makes the delivery unique for the provider (null where it sends none).',
  })
  idempotencyKey: string | null;

  @Field(() => String, { description: "The provider's order id the sample carries." })
  externalId: string;

  @Field(() => String, { nullable: true, description: 'Why it was not delivered, when known.' })
  error: string | null;
}

@ArgsType()
export class RotateConnectionSecretArgs {
  @Field(() => ID)
  id: string;

  @Field(() => String, {
    nullable: true,
    description: 'The provider-issued secret (at least 16 characters). Omit it to have one generated.',
  })
  secret?: string | null;
}

@ArgsType()
export class SendTestWebhookArgs {
  @Field(() => ID)
  connectionId: string;

  @Field(() => TestWebhookKind)
  kind: TestWebhookKindName;
}

export type { TestWebhookKindName };
