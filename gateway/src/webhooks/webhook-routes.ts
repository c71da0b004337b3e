import { answerStatusFor, errorBody, providerOfPathSegment, type WebhookErrorCode } from '@nexara/contracts';
import type { Logger } from '@nexara/kit';
import type { Provider } from '@nexara/providers/display';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitDecision, UnknownKeyCache, WebhookRateLimit } from './webhook-rate-limit';
import { InboxUnavailableError, type ReceiveWebhookAnswer, type ReceiveWebhookInput } from './receive-webhook-client';

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export type WebhookRouteOptions = {
  receive: (input: ReceiveWebhookInput) => Promise<ReceiveWebhookAnswer>;
  /** Per connection, spent only by deliveries that authenticated (see createWebhookRateLimit). */
  rateLimit: WebhookRateLimit;
  /** Per source address, before the body is read. */
  addressLimit: (address: string) => Promise<RateLimitDecision>;
  unknownKeys: UnknownKeyCache;
  logger: Logger;
};

type Params = { provider: string; connectionKey: string; '*'?: string };

/**
 * The REST shim providers call: `POST|PUT /webhooks/:provider/:connectionKey[/sub/path]`.
 * It checks transport (provider, size, JSON, rate) and hands the raw bytes to
 * the integrations inbox, which authenticates, stores and queues them in one
 * transaction; the provider gets a 2xx only after that commit.
 *
 * Against floods, cheapest first: a per-address limit before the body is
 * read; a key the inbox called unknown is answered from memory; a
 * connection's own limit is spent only by deliveries that authenticated, so
 * forged ones (counted by the inbox as security events and in the
 * connection's health) never make the real provider wait.
 */
export async function registerWebhookRoutes(app: FastifyInstance, options: WebhookRouteOptions): Promise<void> {
  await app.register(
    async (scope) => {
      // Keep the raw bytes: signatures are computed over them, not over re-serialized JSON.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser(
        /^application\/([\w.-]+\+)?json\s*(;.*)?$/i,
        { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
        (_request, body, done) => done(null, body),
      );

      // Before the body is read or parsed: an address over its limit, or a key known to be unknown, costs no more.
      scope.addHook('onRequest', async (request, reply) => {
        const limit = await options.addressLimit(request.ip);
        if (!limit.allowed) {
          reply.header('retry-after', String(limit.retryAfterSeconds));
          return send(
            reply,
            providerOf(request),
            429,
            errorBody('RATE_LIMITED', `Too many requests from your address; retry in ${limit.retryAfterSeconds} s.`),
          );
        }
        const { provider: segment, connectionKey } = (request.params ?? {}) as Partial<Params>;
        const provider = segment ? providerOfPathSegment(segment) : null;
        const known = provider && connectionKey ? options.unknownKeys.get(provider, connectionKey) : null;
        if (known) return reply.code(known.status).type('application/json').send(known.body);
        return undefined;
      });

      scope.setErrorHandler((error: FastifyError, request, reply) => {
        const provider = providerOf(request);
        const [status, code, message]: [number, WebhookErrorCode, string] =
          error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
            ? [413, 'PAYLOAD_TOO_LARGE', 'The body is over 1 MiB.']
            : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
              ? [415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.']
              : (error.statusCode ?? 500) < 500
                ? [400, 'BAD_REQUEST', error.message]
                : [500, 'INTERNAL_ERROR', 'The webhook could not be handled.'];
        if (status >= 500) options.logger.error({ err: error }, 'webhook shim error');
        return send(reply, provider, status, errorBody(code, message));
      });

      const handler = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
        const { connectionKey } = request.params;
        const provider = providerOfPathSegment(request.params.provider);
        if (!provider) {
          return reply
            .code(404)
            .type('application/json')
            .send(errorBody('UNKNOWN_PROVIDER', `No provider "${request.params.provider}".`));
        }
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (!isJsonText(body))
          return send(reply, provider, 400, errorBody('MALFORMED_JSON', 'The body is not valid JSON.'));

        const limit = await options.rateLimit.check(connectionKey);
        if (!limit.allowed) {
          reply.header('retry-after', String(limit.retryAfterSeconds));
          return send(
            reply,
            provider,
            429,
            errorBody('RATE_LIMITED', `Too many requests; retry in ${limit.retryAfterSeconds} s.`),
          );
        }

        let answer: ReceiveWebhookAnswer;
        try {
          answer = await options.receive({
            provider,
            connectionKey,
            method: request.method,
            subPath: request.params['*'] ?? '',
            headers: stringHeaders(request.headers),
            bodyBase64: body.toString('base64'),
            receivedAt: new Date().toISOString(),
          });
        } catch (error) {
          if (!(error instanceof InboxUnavailableError)) throw error;
          options.logger.warn({ err: error.message, provider }, 'inbox unavailable: webhook not acknowledged');
          return send(reply, provider, 503, errorBody('STORE_UNAVAILABLE', 'Not stored; retry later.'));
        }
        if (answer.verdict === 'REJECTED') {
          options.logger.info({ provider, code: answer.errorCode, status: answer.httpStatus }, 'webhook rejected');
          if (answer.errorCode === 'UNKNOWN_CONNECTION') {
            options.unknownKeys.remember(provider, connectionKey, {
              status: answer.httpStatus,
              body: answer.responseBody,
            });
          }
        } else {
          await options.rateLimit.spend(connectionKey);
        }
        return reply.code(answer.httpStatus).type('application/json').send(answer.responseBody);
      };

      for (const url of ['/:provider/:connectionKey', '/:provider/:connectionKey/*']) {
        scope.route<{ Params: Params }>({ method: ['POST', 'PUT'], url, handler });
      }
      // Any other method or path under /webhooks still gets the webhook error body (docs/providers/README.md), not fastify's own 404.
      scope.setNotFoundHandler((request, reply) =>
        send(reply, providerOf(request), 404, errorBody('UNKNOWN_ROUTE', WEBHOOK_ROUTES_MESSAGE)),
      );
    },
    { prefix: '/webhooks' },
  );
}

const WEBHOOK_ROUTES_MESSAGE =
  'Providers POST (or PUT, where their contract says so) to /webhooks/:provider/:connectionKey.';

/**
 * For fastify's `frameworkErrors` option. A URL that is not valid
 * percent-encoded UTF-8 (`%ED%A0%80`, `%ZZ`) fails before routing, so no
 * route's error handler sees it: under /webhooks it is refused here with the
 * webhook error body (docs/providers/README.md); anywhere else fastify's own answer stands.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (!request.url.startsWith('/webhooks/')) {
    void reply.code(error.statusCode ?? 400).send(error);
    return;
  }
  void send(
    reply,
    providerInUrl(request.url),
    400,
    errorBody('MALFORMED_URL', 'The URL is not valid percent-encoded UTF-8.'),
  );
}

/** The provider a /webhooks URL names, read from the raw URL (routing never decoded it). */
function providerInUrl(url: string): Provider | null {
  return providerOfPathSegment(url.split('?')[0]!.split('/')[2] ?? '');
}

/** The provider a request is for: its route parameter, or (no route matched) its URL. */
function providerOf(request: FastifyRequest): Provider | null {
  const provider = (request.params as Partial<Params> | undefined)?.provider ?? '';
  return providerOfPathSegment(provider) ?? providerInUrl(request.url);
}

function send(reply: FastifyReply, provider: Provider | null, status: number, body: string): FastifyReply {
  return reply
    .code(provider ? answerStatusFor(provider, status) : status)
    .type('application/json')
    .send(body);
}

function isJsonText(body: Buffer): boolean {
  if (body.length === 0) return false;
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

function stringHeaders(headers: FastifyRequest['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') result[name] = value;
    else if (Array.isArray(value)) result[name] = value.join(', ');
  }
  return result;
}
