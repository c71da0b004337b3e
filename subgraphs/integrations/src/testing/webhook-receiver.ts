import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';

export type ReceivedWebhook = { method: string; path: string; headers: Record<string, string>; body: string };

export type WebhookReceiver = {
  /** Base URL to configure as WEBHOOK_TARGET_URL. */
  url: string;
  received: ReceivedWebhook[];
  /** remoteOrderIds answered to Talabat new orders, in order. */
  talabatOrderIds: string[];
  /** Answer every request with this status instead of the shim's usual answer (null: normal answers). */
  failWith: number | null;
  close: () => Promise<void>;
};

/**
 * Stands in for the gateway's webhook shim: records every request as it
 * arrived (raw body, headers) and answers the way the shim does for a
 * delivery it accepted, so follow-ups (Talabat's remoteOrderId) work.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const app: FastifyInstance = Fastify({ logger: false });
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    talabatOrderIds: [],
    failWith: null,
    close: () => app.close(),
  };
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.route({
    method: ['POST', 'PUT'],
    url: '/webhooks/*',
    handler: async (request, reply) => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : [])),
      );
      receiver.received.push({ method: request.method, path: request.url, headers, body: String(request.body ?? '') });
      if (receiver.failWith !== null) return reply.code(receiver.failWith).send({ error: 'unavailable' });
      const [, , provider] = request.url.split('/');
      if (provider === 'talabat') {
        if (request.method === 'POST' && /\/order\/[^/]+$/.test(request.url)) {
          const remoteOrderId = randomUUID();
          receiver.talabatOrderIds.push(remoteOrderId);
          return reply.code(200).send({ remoteResponse: { remoteOrderId } });
        }
        return reply.code(200).send({});
      }
      if (provider === 'careem' || provider === 'jahez') return reply.code(202).send({ duplicate: false });
      return reply.code(200).send({});
    },
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  receiver.url = address;
  return receiver;
}
