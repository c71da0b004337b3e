import type { RequestContext } from '@nexara/kit';
import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiKey } from './api-key.entity';
import { ApiKeyIdentity, CreateApiKeyInput, CreateApiKeyPayload } from './api-key.inputs';
import { ApiKeyService, isActive } from './api-key.service';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(private readonly apiKeyService: ApiKeyService) {}

  @Query(() => [ApiKey], { description: 'Partner API keys of the tenant you act in, oldest first (TENANT_ADMIN).' })
  async apiKeys(@Ctx() { identity }: RequestContext): Promise<ApiKey[]> {
    return this.apiKeyService.listApiKeys(identity);
  }

  @Mutation(() => CreateApiKeyPayload, {
    description: 'TENANT_ADMIN. A new partner API key; its secret is in the answer and is never shown again.',
  })
  async createApiKey(
    @Arg('input') input: CreateApiKeyInput,
    @Ctx() { identity }: RequestContext,
  ): Promise<CreateApiKeyPayload> {
    return this.apiKeyService.createApiKey(identity, input);
  }

  @Mutation(() => ApiKey, {
    description: 'TENANT_ADMIN. The key stops working at once; revoking a revoked key changes nothing.',
  })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() { identity }: RequestContext): Promise<ApiKey> {
    return this.apiKeyService.revokeApiKey(identity, id);
  }

  @Directive('@inaccessible')
  @Mutation(() => ApiKeyIdentity, {
    nullable: true,
    description:
      'Internal (service identity only; the partner gateway): who a presented key is. Null for an unknown, revoked, expired or malformed key. Records its use.',
  })
  async authenticateApiKey(
    @Arg('secret') secret: string,
    @Ctx() { identity }: RequestContext,
  ): Promise<ApiKeyIdentity | null> {
    return this.apiKeyService.authenticateApiKey(identity, secret);
  }

  @FieldResolver(() => Boolean, { description: 'Neither revoked nor expired.' })
  active(@Root() key: ApiKey): boolean {
    return isActive(key);
  }
}
