import type { Identity } from '@nexara/kit';
import { graphqlOk } from './graphql-client';

/** The partner gateway, as it calls authenticateApiKey. */
export const gatewayIdentity: Identity = { kind: 'service', service: 'gateway', tenantId: null };

export const API_KEY_FIELDS = 'id name prefix scopes createdAt expiresAt revokedAt lastUsedAt active';

export const CREATE_API_KEY = `mutation ($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { apiKey { ${API_KEY_FIELDS} } secret }
}`;
export const API_KEYS = `{ apiKeys { ${API_KEY_FIELDS} } }`;
export const REVOKE_API_KEY = `mutation ($id: ID!) { revokeApiKey(id: $id) { ${API_KEY_FIELDS} } }`;
export const AUTHENTICATE_API_KEY = `mutation ($secret: String!) {
  authenticateApiKey(secret: $secret) { apiKeyId tenantId scopes }
}`;

export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  active: boolean;
};

export type ApiKeyIdentityView = { apiKeyId: string; tenantId: string; scopes: string[] };

let sequence = 0;

/** A key created through the API by `creator` (a TENANT_ADMIN, or a platform admin acting in the tenant). */
export async function anApiKey(
  url: string,
  creator: Identity,
  input: { name?: string; scopes?: string[]; expiresAt?: string | null } = {},
): Promise<{ apiKey: ApiKeyView; secret: string }> {
  const { createApiKey } = await graphqlOk<{ createApiKey: { apiKey: ApiKeyView; secret: string } }>(
    url,
    CREATE_API_KEY,
    { input: { name: `Key ${(sequence += 1)}`, scopes: ['ORDERS_READ'], ...input } },
    creator,
  );
  return createApiKey;
}

/** What authenticateApiKey answers the gateway for `secret`. */
export async function authenticate(url: string, secret: string): Promise<ApiKeyIdentityView | null> {
  const { authenticateApiKey } = await graphqlOk<{ authenticateApiKey: ApiKeyIdentityView | null }>(
    url,
    AUTHENTICATE_API_KEY,
    { secret },
    gatewayIdentity,
  );
  return authenticateApiKey;
}
