import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';

/** One Apollo client per session: the token rides on every request. */
export function createApolloClient(token: string | null): ApolloClient {
  const auth = new SetContextLink((prevContext) => ({
    headers: { ...prevContext.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  }));
  return new ApolloClient({
    link: auth.concat(new HttpLink({ uri: '/graphql' })),
    cache: new InMemoryCache(),
  });
}
