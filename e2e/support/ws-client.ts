import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export type Collected<T> = { values: T[]; closed: Promise<{ code: number; reason: string }>; dispose: () => void };

/** A real graphql-ws client over a real WebSocket, authenticated like the dashboard (connectionParams). */
export function wsClient(
  graphqlUrl: string,
  token?: string,
  extraParams: Record<string, string> = {},
): { client: Client; closed: Promise<number> } {
  let resolveClosed: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => (resolveClosed = resolve));
  const client = createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}`, ...extraParams } : extraParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined, // the close code is in `closed`; graphql-ws would print the whole event
    on: { closed: (event) => resolveClosed((event as { code: number }).code) },
  });
  return { client, closed };
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
