import fs from 'node:fs';
import path from 'node:path';
import type { Identity, Provider } from '@nexara/kit';
import { DATA_DIR } from '../paths';
import { callAsService } from '../platform/service-call';
import { DEMO_TENANTS } from './demo-data';
import type { SeedResult, SubgraphUrls } from './seed';

/** What the demo traffic generator (the simulator) needs per connection: where to post and how to sign. */
export type DemoConnection = {
  provider: Provider;
  webhookUrl: string;
  secret: string;
  externalStoreId: string;
  currency: string;
};

/** The connections a seed run created, with their secrets (known only to the run that seeded). */
export function seededDemoConnections(seed: SeedResult): DemoConnection[] {
  return seed.tenants.flatMap((tenant) => {
    const currency = DEMO_TENANTS.find((t) => t.slug === tenant.slug)!.currency;
    return tenant.connections.map((c) => ({
      provider: c.provider,
      webhookUrl: c.webhookUrl,
      secret: c.secret,
      externalStoreId: c.externalStoreId,
      currency,
    }));
  });
}

export const DEMO_CONNECTIONS_FILE = path.join(DATA_DIR, 'demo-connections.json');

/**
 * Secrets are shown once, so the demo keeps the ones it was given in
 * .data/ (git-ignored, local only). A database seeded by an earlier run whose
 * file is gone gets fresh secrets by rotation (the old ones keep working for
 * their grace period).
 */
export async function demoConnections(
  seed: SeedResult,
  options: { urls: SubgraphUrls; internalTokenSecret: string },
): Promise<DemoConnection[]> {
  if (seed.seeded) {
    const connections = seededDemoConnections(seed);
    write(connections);
    return connections;
  }
  if (fs.existsSync(DEMO_CONNECTIONS_FILE))
    return JSON.parse(fs.readFileSync(DEMO_CONNECTIONS_FILE, 'utf8')) as DemoConnection[];

  const connections: DemoConnection[] = [];
  for (const tenantId of seed.tenantIds) {
    const service: Identity = { kind: 'service', service: 'demo-seed', tenantId };
    const { connections: listed } = await callAsService<{
      connections: { id: string; provider: Provider; webhookUrl: string; externalStoreId: string; currency: string }[];
    }>(
      options.urls.integrations,
      options.internalTokenSecret,
      service,
      `{ connections { id provider webhookUrl externalStoreId currency } }`,
    );
    for (const connection of listed) {
      const { rotateConnectionSecret } = await callAsService<{ rotateConnectionSecret: { secret: string } }>(
        options.urls.integrations,
        options.internalTokenSecret,
        service,
        `mutation Rotate($id: ID!) { rotateConnectionSecret(id: $id) { secret } }`,
        { id: connection.id },
      );
      connections.push({ ...connection, secret: rotateConnectionSecret.secret });
    }
  }
  write(connections);
  return connections;
}

function write(connections: DemoConnection[]): void {
  fs.mkdirSync(path.dirname(DEMO_CONNECTIONS_FILE), { recursive: true });
  fs.writeFileSync(DEMO_CONNECTIONS_FILE, JSON.stringify(connections, null, 2), { mode: 0o600 });
}
