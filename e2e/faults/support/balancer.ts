import http from 'node:http';

export type Balancer = {
  url: string;
  /** Requests each upstream answered, by its base URL. */
  served: Record<string, number>;
  close: () => Promise<void>;
};

/**
 * The load balancer in front of several gateways, on loopback: each request
 * goes to the next upstream in turn, and to the one after it when the chosen
 * one refuses the connection (a replica that is down), as a balancer's health
 * handling would. When an upstream dies mid-request the client's connection
 * is cut, as it would be without a balancer: the delivery may or may not have
 * been stored, the provider saw no answer and sends again (a balancer's 502
 * means the same to a provider; the ledger checks count only answers the
 * platform gave as answers). The client's
 * address travels in X-Forwarded-For (the gateways trust 127.0.0.1).
 *
 * Written here rather than taken from a library: the fault tests need exactly
 * this retry-on-refused rule and a count of what each replica served, and the
 * whole balancer is the forwarding below (bodies are buffered: webhooks are small,
 * and a refused attempt must be sent again byte for byte).
 */
export async function startBalancer(port: number, upstreams: string[]): Promise<Balancer> {
  const served: Record<string, number> = Object.fromEntries(upstreams.map((u) => [u, 0]));
  let next = 0;

  const forward = (
    request: http.IncomingMessage,
    body: Buffer,
    upstream: string,
  ): Promise<http.IncomingMessage | 'refused'> =>
    new Promise((resolve, reject) => {
      const target = new URL(request.url ?? '/', upstream);
      const forwardedFor = [request.headers['x-forwarded-for'], request.socket.remoteAddress]
        .filter(Boolean)
        .join(', ');
      const outgoing = http.request(target, {
        method: request.method,
        headers: { ...request.headers, 'x-forwarded-for': forwardedFor, connection: 'close' },
      });
      outgoing.on('response', resolve);
      outgoing.on('error', (error: NodeJS.ErrnoException) =>
        error.code === 'ECONNREFUSED' ? resolve('refused') : reject(error),
      );
      outgoing.end(body);
    });

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const first = next++ % upstreams.length;
        for (let i = 0; i < upstreams.length; i += 1) {
          const upstream = upstreams[(first + i) % upstreams.length]!;
          try {
            const answer = await forward(request, body, upstream);
            if (answer === 'refused') continue;
            served[upstream]! += 1;
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
            answer.on('error', () => response.destroy());
            return;
          } catch {
            response.destroy(); // cut mid-request: no answer, as without a balancer
            return;
          }
        }
        response.writeHead(502, { 'content-type': 'text/plain' }).end('no replica answered');
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
