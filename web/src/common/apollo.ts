import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient, type Client } from 'graphql-ws';

/** Header (and graphql-ws connection parameter) a platform admin acts in another tenant with. */
export const ACTING_TENANT_HEADER = 'x-nexara-tenant';
/** graphql-ws close code the gateway uses for "credentials refused or expired". */
const UNAUTHORIZED_CLOSE = 4401;

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export type ClientOptions = {
  token: string | null;
  actingTenantId: string | null;
  /**
   * Called when the gateway refuses the token (HTTP or WebSocket): the session is over. `ended`: the gateway
   * said the session was ended before its time (signed out elsewhere, user disabled, role or password changed).
   */
  onUnauthenticated: (ended: boolean) => void;
  onLiveStatus?: (status: LiveStatus) => void;
};

export type DashboardClient = { apollo: ApolloClient; dispose: () => void };

/** The gateway's word for a session ended before its time: `reason` on HTTP errors, the close reason on sockets. */
function saysSessionEnded(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.['reason'] === 'SESSION_ENDED');
}
const SESSION_ENDED_CLOSE_REASON = 'Session ended';

function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
  return ServerError.is(error) && error.statusCode === 401;
}

function webSocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

function createSocket(options: ClientOptions): { client: Client; dispose: () => void } {
  const { token, actingTenantId, onUnauthenticated, onLiveStatus } = options;
  let connectedOnce = false;
  let disposed = false;
  const client = createClient({
    url: webSocketUrl(),
    // Connected for as long as the session lasts, whether or not the page subscribes to anything:
    // a lazy socket closed 3 s after a page's last subscription, which showed "Reconnecting..." on
    // pages without a live feed, and "Connecting..." forever on such a page loaded directly.
    lazy: false,
    connectionParams: () => ({
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(actingTenantId ? { [ACTING_TENANT_HEADER]: actingTenantId } : {}),
    }),
    // Keep retrying (an operations screen stays open all day); 4401 is not retried.
    retryAttempts: Infinity,
    shouldRetry: (event) => !(event instanceof CloseEvent && event.code === UNAUTHORIZED_CLOSE),
    on: {
      connecting: () => onLiveStatus?.(connectedOnce ? 'reconnecting' : 'connecting'),
      connected: () => {
        connectedOnce = true;
        onLiveStatus?.('live');
      },
      closed: (event) => {
        if (event instanceof CloseEvent && event.code === UNAUTHORIZED_CLOSE)
          onUnauthenticated(event.reason === SESSION_ENDED_CLOSE_REASON);
        // A close the client asked for (the session ended, the tenant switched) is no connection loss.
        else if (!disposed) onLiveStatus?.('reconnecting');
      },
    },
  });
  return {
    client,
    dispose: () => {
      disposed = true;
      void client.dispose();
    },
  };
}

/**
 * One Apollo client per session and acting tenant: queries and mutations over
 * HTTP, subscriptions over graphql-ws on the same `/graphql`. Either transport
 * refusing the token ends the session.
 */
export function createDashboardClient(options: ClientOptions): DashboardClient {
  const { token, actingTenantId, onUnauthenticated } = options;
  const auth = new SetContextLink((prevContext) => ({
    headers: {
      ...prevContext.headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(actingTenantId ? { [ACTING_TENANT_HEADER]: actingTenantId } : {}),
    },
  }));
  const expired = new ErrorLink(({ error }) => {
    if (token && isUnauthenticated(error)) onUnauthenticated(saysSessionEnded(error));
  });
  const http = auth.concat(new HttpLink({ uri: '/graphql' }));
  const socket = token ? createSocket(options) : null;
  const transport = socket
    ? ApolloLink.split(
        ({ query }) => {
          const definition = getMainDefinition(query);
          return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
        },
        new GraphQLWsLink(socket.client),
        http,
      )
    : http;
  const apollo = new ApolloClient({ link: expired.concat(transport), cache: createCache() });
  return {
    apollo,
    dispose: () => {
      socket?.dispose();
      apollo.stop();
    },
  };
}

function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      // Health is keyed by its connection, not an id of its own.
      ConnectionHealth: { keyFields: ['connectionId'] },
    },
  });
}
