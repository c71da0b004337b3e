import { DEMO_PASSWORD, callAsService } from '@nexara/stack';
import type { BenchStack } from './bench-stack';

/**
 * A demo user's access token, from the tenants subgraph (as the gateway does
 * for `login`): production's gateway takes only the dashboard's persisted
 * documents from anonymous callers, and a benchmark is no browser.
 */
export async function signIn(stack: BenchStack, email: string): Promise<string> {
  const { login } = await callAsService<{ login: { token: string } }>(
    `${stack.urls.tenants}/graphql`,
    stack.secrets.internalTokenSecret,
    { kind: 'anonymous' },
    'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email, password: DEMO_PASSWORD },
  );
  return login.token;
}
