import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createGatewayServer, gatewayConfigShape } from '@nexara/gateway';
import { createLogger, loadConfig, type Logger } from '@nexara/kit';
import { REPO_ROOT, serviceEnvironments, type RunningPlatform } from '@nexara/stack';
import { parse } from 'graphql';
import { pino } from 'pino';
import { composePublicContract } from '@nexara/stack';

/**
 * Another gateway in this process, configured exactly like the platform's
 * own (same subgraphs, secrets and event bus) except for `overrides`: for
 * production mode, tight limits, or a subgraph URL routed through a probe.
 */
export async function startGateway(
  platform: RunningPlatform,
  overrides: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<{
  url: string;
  stop: () => Promise<void>;
  subscriptionReReads: (path: string) => number;
  activeSubscriptions: (path: string) => number;
}> {
  const env = serviceEnvironments(platform.settings).gateway;
  const config = loadConfig(gatewayConfigShape, { ...env, PORT: '0', ...overrides });
  const server = await createGatewayServer(config, { logger: options.logger ?? createLogger('gateway', 'silent') });
  const url = await server.listen(0, '127.0.0.1');
  return {
    url,
    stop: () => server.close(),
    subscriptionReReads: server.subscriptionReReads,
    activeSubscriptions: server.activeSubscriptions,
  };
}

/** A logger whose JSON lines are kept in memory, to assert what reached the log. */
export function capturingLogger(): { logger: Logger; lines: () => string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines: () => lines };
}

/**
 * An HTTP hop in front of a real subgraph: records the headers the gateway
 * sends and can hold requests or answers back or answer them with an error
 * status, to prove the header allow-list, the request timeout and what the
 * gateway does when the service cannot answer, against the real service.
 */
export async function startSubgraphProbe(target: string): Promise<{
  url: string;
  requests: http.IncomingHttpHeaders[];
  setDelay: (ms: number) => void;
  /** Answers every request with this HTTP status until given null. */
  failWith: (status: number | null) => void;
  /**
   * From now on the service's answers wait here (the service has answered:
   * what it says is as of the request) until `release`; `waiting` counts them.
   */
  holdAnswers: () => { waiting: () => number; release: () => void };
  stop: () => Promise<void>;
}> {
  const requests: http.IncomingHttpHeaders[] = [];
  let delay = 0;
  let failure: number | null = null;
  let held: (() => void)[] | null = null;
  const server = http.createServer((request, response) => {
    requests.push(request.headers);
    if (failure !== null) {
      response.writeHead(failure).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      setTimeout(() => {
        const headers = Object.fromEntries(
          Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
        ) as Record<string, string>;
        fetch(`${target}/graphql`, { method: 'POST', headers, body: Buffer.concat(chunks) })
          .then(async (answer) => {
            const body = Buffer.from(await answer.arrayBuffer());
            const send = () =>
              response
                .writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' })
                .end(body);
            if (held) held.push(send);
            else send();
          })
          .catch(() => response.destroy());
      }, delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    setDelay: (ms) => (delay = ms),
    failWith: (status) => (failure = status),
    holdAnswers: () => {
      const answers: (() => void)[] = [];
      held = answers;
      return {
        waiting: () => answers.length,
        release: () => {
          held = null;
          for (const send of answers.splice(0)) send();
        },
      };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The elements the partner tests treat as tagged public, as the lead will tag
 * them in the subgraphs (orders with their money, items, status and timeline;
 * the public fields of connections; the tenant's name). Composed on top of
 * whatever tags already exist, from the checked-in subgraph schemas.
 */
export const TEST_PUBLIC_ELEMENTS = [
  'Query.orders',
  'Query.order',
  'Query.connections',
  'OrderConnection',
  'OrderEdge',
  'PageInfo',
  'Order.id',
  'Order.tenant',
  'Order.connection',
  'Order.provider',
  'Order.externalId',
  'Order.displayCode',
  'Order.status',
  'Order.placedAt',
  'Order.items',
  'Order.subtotal',
  'Order.deliveryFee',
  'Order.discount',
  'Order.tax',
  'Order.total',
  'Order.timeline',
  'Order.createdAt',
  'Order.updatedAt',
  'OrderItem',
  'OrderItemModifier',
  // Field by field, as the orders subgraph tags it (OrderEvent.user is not public).
  'OrderEvent.status',
  'OrderEvent.at',
  'OrderEvent.source',
  'OrderEvent.actor',
  'OrderEvent.note',
  'Money',
  'Tenant.id',
  'Tenant.name',
  'ProviderConnection.id',
  'ProviderConnection.provider',
  'ProviderConnection.name',
  'ProviderConnection.status',
  'Mutation.acceptOrder',
  'Mutation.rejectOrder',
  'Mutation.markPreparing',
  'Mutation.markReady',
  'Mutation.markPickedUp',
  'Mutation.markDelivered',
  'Mutation.cancelOrder',
];

/** Writes a contract supergraph for the partner gateway under test and returns its path. */
export function writeTestContract(publicElements: readonly string[] = TEST_PUBLIC_ELEMENTS): string {
  const subgraphs = ['tenants', 'orders', 'integrations'].map((name) => ({
    name,
    url: `http://127.0.0.1/${name}`,
    typeDefs: parse(fs.readFileSync(path.join(REPO_ROOT, 'subgraphs', name, 'schema.graphql'), 'utf8')),
  }));
  const contract = composePublicContract(subgraphs, { assumePublic: publicElements });
  if (contract.empty) throw new Error('the test contract has no public root field');
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'nexara-contract-'));
  const file = path.join(directory, 'public-supergraph.graphql');
  fs.writeFileSync(file, contract.supergraphSdl);
  return file;
}
