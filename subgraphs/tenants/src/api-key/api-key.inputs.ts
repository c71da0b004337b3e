import type { ApiKeyScope } from '@nexara/kit';
import { Field, ID, InputType, ObjectType, Directive } from 'type-graphql';
import { ApiKey, ApiKeyScopeEnum } from './api-key.entity';

@InputType('CreateApiKeyInput')
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "POS integration".' })
  name: string;

  @Field(() => [ApiKeyScopeEnum], { description: 'At least one.' })
  scopes: ApiKeyScope[];

  @Field(() => Date, {
    nullable: true,
    description: 'Must be in the future; null or omitted: the key does not expire.',
  })
  expiresAt?: Date | null;
}

@ObjectType('CreateApiKeyPayload')
export class CreateApiKeyPayload {
  @Field(() => ApiKey)
  apiKey: ApiKey;

  @Field({ description: 'The key itself (`nxk_...`). Shown only here, once: Nexara keeps only its hash.' })
  secret: string;
}

/** What the partner gateway learns about a valid key. Internal: not part of the client API. */
@Directive('@inaccessible')
@ObjectType('ApiKeyIdentity')
export class ApiKeyIdentity {
  @Field(() => ID)
  apiKeyId: string;

  @Field(() => ID)
  tenantId: string;

  @Field(() => [String], { description: 'The kit scope strings, e.g. "orders:read".' })
  scopes: ApiKeyScope[];
}
