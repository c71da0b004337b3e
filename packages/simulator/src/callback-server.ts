import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  providerDefinition,
  SIMULATED_REJECTION,
  type SimulatedConnection,
  type SimulatedControlResult,
  type SimulatedControlRoute,
} from '@nexara/providers';
import { SIMULATED_PROVIDERS, isSimulatedProvider, providerSlug, type SimulatedProvider } from './connections';

/**
 * Every registered provider's callback API on loopback (its folder's `simulator.ts`): whatever the platform tells a
 * provider (accept, reject, ready, picked up) lands here and is recorded, with
 * its headers, so tests can check payloads and authentication. It verifies
 * nothing itself. Each provider's `apiBase` is `http://127.0.0.1:<port>/<provider>`.
 */
export type RecordedCallback = {
  id: number;
  /** From the first path segment; null when it names no provider. */
  provider: SimulatedProvider | null;
  /** Which callback of docs/providers/ this is, or null when no route matched (the platform called a wrong path). */
  route: CallbackRoute | null;
  method: string;
  path: string;
  params: Record<string, string>;
  headers: Record<string, string | string[]>;
  rawBody: string;
  /** The parsed JSON body; null when the body was empty or not JSON. */
  body: unknown;
  receivedAt: string;
  /** What the simulator answered (an injected failure or the success code). */
  answeredStatus: number;
};

/** `<path segment>.<callback name>`: which callback of the provider's page it is. */
export type CallbackRoute = string;

export type ProviderApiOptions = {
  /** 0 picks a free port. */
  port?: number;
  /** Loopback only: the recorded headers carry the platform's provider credentials. */
  host?: '127.0.0.1' | '::1' | 'localhost';
  /**
   * Asynchronous results (docs/control-plane.md, "The simulator"): how long
   * after its control call each result is sent (default 1000 ms), and the
   * connections results are sent to (by provider and store id); more with
   * `deliverResultsTo` or `POST /_results`.
   */
  results?: { delayMs?: number; connections?: readonly SimulatedConnection[] };
};

/** A result the provider owes after a control call, and what became of it. */
export type OwedResult = {
  provider: SimulatedProvider;
  externalStoreId: string;
  /** OWED: no connection for its store yet (or its delay has not passed); SENT: Nexara answered 2xx. */
  status: 'OWED' | 'SENT' | 'REFUSED' | 'UNDELIVERED';
  answeredStatus: number | null;
  answer: string | null;
  result: SimulatedControlResult;
};

export type ProviderApi = {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  port: number;
  /** The `apiBaseUrl` a connection of that provider should hold. */
  baseUrl(provider: SimulatedProvider): string;
  recorded(provider?: SimulatedProvider): RecordedCallback[];
  clear(): void;
  /**
   * The next `times` callbacks and control calls of the provider are answered
   * `status` (default 500), with `Retry-After: retryAfterSeconds` when given (a 429 that says when).
   */
  failNext(provider: SimulatedProvider, times: number, status?: number, retryAfterSeconds?: number): void;
  /** Results go to these connections (by provider and store id), owed ones included, after the delay. */
  deliverResultsTo(connections: readonly SimulatedConnection[]): void;
  /** The next upload of the provider is refused asynchronously, with `reason` in its result. */
  rejectNextResult(provider: SimulatedProvider, reason: string): void;
  /** Every result owed or sent, oldest first. */
  results(provider?: SimulatedProvider): OwedResult[];
  close(): Promise<void>;
};

const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];

const providerField = z
  .string()
  .transform((value) => value.toUpperCase())
  .refine(isSimulatedProvider, { message: `provider must be one of ${SIMULATED_PROVIDERS.join(', ')} (any case)` })
  .transform((value) => value as SimulatedProvider);

const failRequestSchema = z.object({
  provider: providerField,
  times: z.number().int().min(1).max(10_000),
  status: z.number().int().min(400).max(599).default(500),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
});

const recordsQuerySchema = z.object({
  provider: providerField.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
});

/**
 * One received call as `GET /records` serves it (docs/control-plane.md): what
 * a provider would have seen of Nexara's control calls (and callbacks).
 */
export type ReceivedCall = {
  provider: SimulatedProvider | null;
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body: unknown;
  at: string;
};

const recordedQuerySchema = z.object({ provider: providerField.optional() });

const resultsRequestSchema = z.object({
  delayMs: z.number().int().min(0).max(3_600_000).optional(),
  reject: z.object({ provider: providerField, reason: z.string().min(1).max(500) }).optional(),
  connections: z
    .array(
      z.object({
        provider: providerField,
        webhookUrl: z.url(),
        secret: z.string().min(1),
        externalStoreId: z.string().min(1),
        currency: z.string().length(3),
      }),
    )
    .optional(),
});

type RouteDefinition = {
  provider: SimulatedProvider;
  route: CallbackRoute;
  method: 'PATCH' | 'POST' | 'PUT';
  path: string;
  answer: (params: Record<string, string>, body: unknown) => unknown;
};

type ControlRouteDefinition = Omit<RouteDefinition, 'method' | 'answer'> & {
  method: SimulatedControlRoute['method'];
  answer: SimulatedControlRoute['answer'];
};

/** Each provider's control API (its `controlRoutes`), below its path segment like its callbacks. */
const CONTROL_ROUTES: readonly ControlRouteDefinition[] = SIMULATED_PROVIDERS.flatMap((provider) =>
  (providerDefinition(provider).simulator.controlRoutes ?? []).map((route) => ({
    provider,
    route: `${providerSlug(provider)}.control.${route.name}`,
    method: route.method,
    path: `/${providerSlug(provider)}${route.path}`,
    answer: route.answer,
  })),
);

const ROUTES: readonly RouteDefinition[] = SIMULATED_PROVIDERS.flatMap((provider) =>
  providerDefinition(provider).simulator.callbackRoutes.map((route) => ({
    provider,
    route: `${providerSlug(provider)}.${route.name}`,
    method: route.method,
    path: `/${providerSlug(provider)}${route.path}`,
    answer: route.answer,
  })),
);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function paramsOf(request: FastifyRequest): Record<string, string> {
  return isRecord(request.params)
    ? Object.fromEntries(Object.entries(request.params).map(([k, v]) => [k, String(v)]))
    : {};
}

function parseBody(raw: string): unknown {
  if (raw.length === 0) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

export async function startProviderApi(options: ProviderApiOptions = {}): Promise<ProviderApi> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.includes(host))
    throw new Error(`The provider API listens on loopback only, not "${String(host)}".`);

  const records: RecordedCallback[] = [];
  const failures = new Map<SimulatedProvider, { remaining: number; status: number; retryAfterSeconds?: number }>();
  const memories = new Map<SimulatedProvider, Map<string, unknown>>();
  const memoryOf = (provider: SimulatedProvider): Map<string, unknown> => {
    const memory = memories.get(provider) ?? new Map<string, unknown>();
    memories.set(provider, memory);
    return memory;
  };
  let nextId = 1;
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

  // Asynchronous results: sent after `resultDelayMs` to the connection of their store, once one is known.
  let resultDelayMs = options.results?.delayMs ?? 1_000;
  const resultConnections = new Map<string, SimulatedConnection>();
  const owed: OwedResult[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const storeKey = (provider: string, store: string) => `${provider}|${store}`;
  const sendResult = async (entry: OwedResult): Promise<void> => {
    const connection = resultConnections.get(storeKey(entry.provider, entry.externalStoreId));
    if (!connection || entry.status !== 'OWED') return;
    try {
      const delivery = await entry.result.build(connection, new Date());
      const response = await fetch(delivery.url, {
        method: delivery.method,
        headers: delivery.headers,
        body: delivery.body,
      });
      entry.answeredStatus = response.status;
      entry.answer = await response.text();
      entry.status = response.ok ? 'SENT' : 'REFUSED';
    } catch (error) {
      entry.status = 'UNDELIVERED';
      entry.answer = String(error);
    }
  };
  const scheduled = new WeakSet<OwedResult>();
  const scheduleResult = (entry: OwedResult): void => {
    if (scheduled.has(entry) || !resultConnections.has(storeKey(entry.provider, entry.externalStoreId))) return;
    scheduled.add(entry);
    const timer = setTimeout(() => {
      timers.delete(timer);
      void sendResult(entry);
    }, resultDelayMs);
    timers.add(timer);
  };
  const deliverResultsTo = (connections: readonly SimulatedConnection[]): void => {
    for (const connection of connections) {
      resultConnections.set(storeKey(connection.provider, connection.externalStoreId), connection);
    }
    for (const entry of owed) {
      if (entry.status === 'OWED') scheduleResult(entry);
    }
  };
  deliverResultsTo(options.results?.connections ?? []);

  // Keep every body as the exact text received: tests may check signatures over it, and non-JSON must still be recorded.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const record = (
    request: FastifyRequest,
    provider: SimulatedProvider | null,
    route: CallbackRoute | null,
    status: number,
  ): RecordedCallback => {
    const rawBody = typeof request.body === 'string' ? request.body : '';
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = value;
    const entry: RecordedCallback = {
      id: nextId++,
      provider,
      route,
      method: request.method,
      path: request.url.split('?')[0] ?? request.url,
      params: paramsOf(request),
      headers,
      rawBody,
      body: parseBody(rawBody),
      receivedAt: new Date().toISOString(),
      answeredStatus: status,
    };
    records.push(entry);
    return entry;
  };

  const takeFailure = (provider: SimulatedProvider): { status: number; retryAfterSeconds?: number } | null => {
    const failure = failures.get(provider);
    if (!failure || failure.remaining <= 0) return null;
    failure.remaining -= 1;
    if (failure.remaining === 0) failures.delete(provider);
    return failure;
  };
  const injectedFailure = (
    reply: FastifyReply,
    provider: SimulatedProvider,
    failure: { status: number; retryAfterSeconds?: number },
  ) => {
    if (failure.retryAfterSeconds !== undefined) reply.header('retry-after', String(failure.retryAfterSeconds));
    return reply.code(failure.status).send({
      error: { code: 'SIMULATED_FAILURE', message: `Injected failure for ${provider} calls.` },
    });
  };

  for (const definition of ROUTES) {
    app.route({
      method: definition.method,
      url: definition.path,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const failure = takeFailure(definition.provider);
        const entry = record(request, definition.provider, definition.route, failure?.status ?? 200);
        if (failure) return injectedFailure(reply, definition.provider, failure);
        return reply.code(200).send(definition.answer(entry.params, entry.body));
      },
    });
  }

  for (const definition of CONTROL_ROUTES) {
    app.route({
      method: definition.method,
      url: definition.path,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const failure = takeFailure(definition.provider);
        if (failure) {
          record(request, definition.provider, definition.route, failure.status);
          return injectedFailure(reply, definition.provider, failure);
        }
        const rawBody = typeof request.body === 'string' ? request.body : '';
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers)) {
          if (typeof value === 'string') headers[name] = value;
        }
        const answer = definition.answer(paramsOf(request), parseBody(rawBody), memoryOf(definition.provider), headers);
        record(request, definition.provider, definition.route, answer.status);
        if (answer.result) {
          const entry: OwedResult = {
            provider: definition.provider,
            externalStoreId: answer.result.externalStoreId,
            status: 'OWED',
            answeredStatus: null,
            answer: null,
            result: answer.result,
          };
          owed.push(entry);
          scheduleResult(entry);
        }
        return answer.body === undefined
          ? reply.code(answer.status).send()
          : reply.code(answer.status).send(answer.body);
      },
    });
  }

  app.get('/records', async (request, reply) => {
    const query = recordsQuerySchema.safeParse(request.query);
    if (!query.success)
      return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: z.prettifyError(query.error) } });
    const { provider, since } = query.data;
    const from = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
    return records
      .filter((entry) => (!provider || entry.provider === provider) && Date.parse(entry.receivedAt) >= from)
      .map((entry): ReceivedCall => ({
        provider: entry.provider,
        method: entry.method,
        path: entry.path,
        headers: entry.headers,
        body: entry.body,
        at: entry.receivedAt,
      }));
  });

  app.get('/_recorded', async (request, reply) => {
    const query = recordedQuerySchema.safeParse(request.query);
    if (!query.success)
      return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: z.prettifyError(query.error) } });
    const provider = query.data.provider;
    return provider ? records.filter((entry) => entry.provider === provider) : records;
  });

  app.delete('/_recorded', async (_request, reply) => {
    records.length = 0;
    return reply.code(204).send();
  });

  app.post('/_fail', async (request, reply) => {
    const parsed = failRequestSchema.safeParse(
      typeof request.body === 'string' ? parseBody(request.body) : request.body,
    );
    if (!parsed.success)
      return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: z.prettifyError(parsed.error) } });
    const { provider, times, status, retryAfterSeconds } = parsed.data;
    failures.set(provider, { remaining: times, status, retryAfterSeconds });
    return { provider, times, status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
  });

  app.get('/_results', async () =>
    owed.map(({ provider, externalStoreId, status, answeredStatus, answer }) => ({
      provider,
      externalStoreId,
      status,
      answeredStatus,
      answer,
    })),
  );

  app.post('/_results', async (request, reply) => {
    const parsed = resultsRequestSchema.safeParse(
      typeof request.body === 'string' ? parseBody(request.body) : request.body,
    );
    if (!parsed.success)
      return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: z.prettifyError(parsed.error) } });
    const { delayMs, reject, connections } = parsed.data;
    if (delayMs !== undefined) resultDelayMs = delayMs;
    if (reject) memoryOf(reject.provider).set(SIMULATED_REJECTION, reject.reason);
    if (connections) deliverResultsTo(connections);
    return { delayMs: resultDelayMs, connections: resultConnections.size };
  });

  app.delete('/_fail', async (_request, reply) => {
    failures.clear();
    return reply.code(204).send();
  });

  app.setNotFoundHandler(async (request, reply) => {
    const segment = request.url.split('/')[1] ?? '';
    const provider = SIMULATED_PROVIDERS.find((candidate) => providerSlug(candidate) === segment) ?? null;
    // A wrong path from the platform is a finding: keep it, so a test can show what was called.
    record(request, provider, null, 404);
    return reply
      .code(404)
      .send({ error: { code: 'NOT_FOUND', message: `No provider callback at ${request.method} ${request.url}.` } });
  });

  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('The provider API did not bind a TCP port.');
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostForUrl}:${address.port}`;

  return {
    app,
    url,
    port: address.port,
    baseUrl: (provider) => `${url}/${providerSlug(provider)}`,
    recorded: (provider) => (provider ? records.filter((entry) => entry.provider === provider) : [...records]),
    clear: () => {
      records.length = 0;
    },
    failNext: (provider, times, status = 500, retryAfterSeconds) => {
      failures.set(provider, { remaining: times, status, retryAfterSeconds });
    },
    deliverResultsTo,
    rejectNextResult: (provider, reason) => {
      memoryOf(provider).set(SIMULATED_REJECTION, reason);
    },
    results: (provider) => (provider ? owed.filter((entry) => entry.provider === provider) : [...owed]),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await app.close();
    },
  };
}
