import { randomBytes } from 'node:crypto';
import { CONTEXT_TOKEN_HEADER, signContextToken, type Identity } from '@nexara/kit';

/** Secrets for one test process; services under test are configured with these. */
export const testSecrets = {
  internalTokenSecret: randomBytes(32).toString('base64url'),
  authTokenSecret: randomBytes(32).toString('base64url'),
  secretsEncryptionKey: `test1:${randomBytes(32).toString('base64')}`,
};

/** Headers that make a direct subgraph call look as if the gateway (or a service) vouched for `identity`. */
export async function contextHeaders(
  identity: Identity,
  secret = testSecrets.internalTokenSecret,
): Promise<Record<string, string>> {
  return { [CONTEXT_TOKEN_HEADER]: await signContextToken(identity, secret) };
}
