import { PROVIDERS, type Provider as ProviderName } from '@nexara/kit';
import { Directive, Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { CONNECTION_STATUSES, type ConnectionStatus as ConnectionStatusName } from './connection.entity';

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
@ObjectType('ProviderConnection', { description: "A tenant's link to one provider store. Its secrets are never readable." })
export class ProviderConnection {
  @Field(() => ID)
  id: string;

  @Field(() => Provider)
  provider: ProviderName;

  @Field(() => String)
  name: string;

  @Field(() => ConnectionStatus)
  status: ConnectionStatusName;

  @Field(() => String, { description: 'Absolute URL the provider sends webhooks to (contains the opaque connection key).' })
  webhookUrl: string;

  @Field(() => String, {
    description: "The provider's id for the branch: Deliveroo location_id, Talabat remoteId, Careem branch.id, Jahez branch_id.",
  })
  externalStoreId: string;

  @Field(() => String, { description: 'ISO 4217 code of the amounts this connection receives.' })
  currency: string;

  @Field(() => String, { description: 'Provider API base URL that status callbacks go to.' })
  apiBaseUrl: string;

  @Field(() => Boolean)
  autoAccept: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}

@InputType('ConnectProviderInput')
export class ConnectProviderInput {
  @Field(() => Provider)
  provider: ProviderName;

  @Field(() => String)
  name: string;

  @Field(() => ID)
  branchId: string;

  @Field(() => String, { description: "The provider's id for the branch (see ProviderConnection.externalStoreId)." })
  externalStoreId: string;

  @Field(() => String, { description: 'ISO 4217 currency code, e.g. SAR.' })
  currency: string;

  @Field(() => String, { description: 'Provider API base URL (http or https) that status callbacks go to.' })
  apiBaseUrl: string;

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
