import fs from 'node:fs';
import path from 'node:path';
import type { Identity } from '@nexara/kit';
import type { SimulatedMenu } from '@nexara/providers';
import type { Provider } from '@nexara/providers/display';
import { DATA_DIR } from '../paths';
import { callAsService } from '../platform/service-call';
import { DEMO_TENANTS, type DemoTenant } from './demo-data';
import { simulatorMenu } from './demo-menus';
import type { SeedResult, SubgraphUrls } from './seed';

/** What the demo traffic generator (the simulator) needs per connection: where to post and how to sign. */
export type DemoConnection = {
  provider: Provider;
  webhookUrl: string;
  secret: string;
  externalStoreId: string;
  currency: string;
  /** The tenant's catalog menu, so the simulator's orders name its items (`SimulatedConnection.menu`). */
  menu: SimulatedMenu;
};

/** The simulator's menu for a demo tenant: its catalog menu, priced in its currency. */
export function demoSimulatorMenu(demo: DemoTenant): SimulatedMenu {
  return simulatorMenu(demo.menu, demo, demo.currency);
}

/** The demo tenant a connection belongs to, by the store id the seed gave it (`<slug>-<provider>-001`). */
function demoTenantOfStore(externalStoreId: string): DemoTenant {
  const demo = DEMO_TENANTS.find((tenant) => externalStoreId.startsWith(`${tenant.slug}-`));
  if (!demo) throw new Error(`The connection with store id "${externalStoreId}" is not one the demo seeded.`);
  return demo;
}

/** The connections a seed run created, with their secrets (known only to the run that seeded). */
export function seededDemoConnections(seed: SeedResult): DemoConnection[] {
  return seed.tenants.flatMap((tenant) => {
    const demo = DEMO_TENANTS.find((t) => t.slug === tenant.slug)!;
    const currency = demo.currency;
    return tenant.connections.map((c) => ({
      provider: c.provider,
      webhookUrl: c.webhookUrl,
      secret: c.secret,
      externalStoreId: c.externalStoreId,
      currency,
      menu: demoSimulatorMenu(demo),
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
  if (fs.existsSync(DEMO_CONNECTIONS_FILE)) {
    // A file written before the demo had menus (or with an older menu) gets the current one.
    const kept = (JSON.parse(fs.readFileSync(DEMO_CONNECTIONS_FILE, 'utf8')) as DemoConnection[]).map((c) => ({
      ...c,
      menu: demoSimulatorMenu(demoTenantOfStore(c.externalStoreId)),
    }));
    write(kept);
    return kept;
  }

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
      connections.push({
        ...connection,
        secret: rotateConnectionSecret.secret,
        menu: demoSimulatorMenu(demoTenantOfStore(connection.externalStoreId)),
      });
    }
  }
  write(connections);
  return connections;
}

function write(connections: DemoConnection[]): void {
  fs.mkdirSync(path.dirname(DEMO_CONNECTIONS_FILE), { recursive: true });
  fs.writeFileSync(DEMO_CONNECTIONS_FILE, JSON.stringify(connections, null, 2), { mode: 0o600 });
}
