import fs from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';

/** The header our subgraphs require: the internal context token (see `@nexara/kit` CONTEXT_TOKEN_HEADER). */
const CONTEXT_TOKEN_HEADER = 'x-nexara-context';

/**
 * Our checked-in supergraph behind Hive Gateway (The Guild's federation
 * gateway), as its own process, for the gateway benchmark's comparison.
 * Hive knows nothing of our users: the caller sends a context token signed
 * with the internal key (what our gateway mints per request) and Hive
 * forwards that header to every subgraph fetch.
 */
export function supergraphWithUrls(sdl: string, urls: Record<string, string>): string {
  return sdl.replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (whole, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
}

function main(): void {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const supergraph = supergraphWithUrls(fs.readFileSync(env('SUPERGRAPH_PATH'), 'utf8'), {
    tenants: env('TENANTS_URL'),
    orders: env('ORDERS_URL'),
    integrations: env('INTEGRATIONS_URL'),
  });
  const gateway = createGatewayRuntime({
    supergraph,
    logging: 'error',
    landingPage: false,
    graphiql: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ [CONTEXT_TOKEN_HEADER]: request.headers.get(CONTEXT_TOKEN_HEADER) }),
    },
  });
  const server = createServer(gateway);
  server.listen(Number(env('PORT')), '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close();
    void Promise.resolve(gateway.dispose()).then(() => process.exit(0));
  });
}

if (require.main === module) main();
