import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export type Collected<T> = { values: T[]; closed: Promise<{ code: number; reason: string }>; dispose: () => void };

/**
 * A real graphql-ws client over a real WebSocket, authenticated like the
 * dashboard (connectionParams): `closed` is its closing code, `closedWith`
 * the code and reason (which tell an ended session from an expired one),
 * `acknowledged` whether the server ever accepted the connection.
 */
export function wsClient(
  graphqlUrl: string,
  token?: string,
  extraParams: Record<string, string> = {},
): {
  client: Client;
  closed: Promise<number>;
  closedWith: Promise<{ code: number; reason: string }>;
  acknowledged: () => boolean;
} {
  let resolveClosed: (close: { code: number; reason: string }) => void = () => undefined;
  const closedWith = new Promise<{ code: number; reason: string }>((resolve) => (resolveClosed = resolve));
  let acknowledged = false;
  const client = createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}`, ...extraParams } : extraParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined, // the close code is in `closed`; graphql-ws would print the whole event
    on: {
      connected: () => (acknowledged = true),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolveClosed({ code, reason });
      },
    },
  });
  return { client, closed: closedWith.then(({ code }) => code), closedWith, acknowledged: () => acknowledged };
}

/** Subscribes and collects every payload until disposed. */
export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): { values: T[]; errors: unknown[]; dispose: () => void } {
  const values: T[] = [];
  const errors: unknown[] = [];
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => (result.data ? values.push(result.data as T) : errors.push(result.errors)),
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { values, errors, dispose };
}
