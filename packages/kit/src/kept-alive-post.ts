import http from 'node:http';
import https from 'node:https';

export type PostAnswer = { status: number; statusText: string; headers: http.IncomingHttpHeaders; body: string };

/**
 * POSTs to our own services over kept-alive connections (one agent per
 * origin), with a plain timeout. On the hot paths (the gateway's subgraph
 * calls, the worker's calls to orders) fetch (and the make-fetch-happen
 * Apollo Gateway uses by default) cost more CPU than the work itself: per
 * request a Request, Headers, an AbortSignal and their transfer machinery. A request that times out fails with an error
 * named `TimeoutError`, like `AbortSignal.timeout` makes fetch fail.
 */
export function keptAlivePoster(): (
  url: string,
  request: { headers: Record<string, string>; body: string; timeoutMs: number },
) => Promise<PostAnswer> {
  const agents = new Map<string, http.Agent>();
  return (url, { headers, body, timeoutMs }) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const transport = target.protocol === 'https:' ? https : http;
      let agent = agents.get(target.origin);
      if (!agent) agents.set(target.origin, (agent = new transport.Agent({ keepAlive: true })));
      const request = transport.request(
        target,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          timeout: timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              statusText: response.statusMessage ?? '',
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      request.on('timeout', () => {
        const error = new Error(`no answer from ${target.origin} within ${timeoutMs} ms`);
        error.name = 'TimeoutError';
        request.destroy(error);
      });
      request.on('error', reject);
      request.end(body);
    });
}
