import type { Identity } from '@nexara/kit';
import type { Provider } from '@nexara/providers/display';
import { callAsService } from '../platform/service-call';
import { DEMO_TENANTS, PROVIDER_MIX } from './demo-data';
import { importMenuInput } from './demo-menus';

export type DemoMenuUrls = { integrations: string; catalog: string };

export type DemoMenuOptions = {
  urls: DemoMenuUrls;
  internalTokenSecret: string;
  /** The demo tenants to give a menu (`SeedResult.demoTenants`). */
  tenants: readonly { tenantId: string; slug: string }[];
  /** Publish the menu to every connection of its branches (what `npm start` does each time). */
  publish: boolean;
  log?: (line: string) => void;
};

export type PublishedJob = { id: string; status: string; provider: Provider; connection: { id: string } };

export type SeededMenu = {
  tenantId: string;
  slug: string;
  menuId: string;
  /** True when this call imported it (a menu of the same name was not there yet). */
  imported: boolean;
  branchIds: string[];
  /** The publish's sync jobs, one per connection; empty when not asked to publish. */
  published: PublishedJob[];
};

/**
 * Gives each demo tenant its menu through the catalog's own API, as a tenant
 * admin would (docs/control-plane.md): the provider ids their control calls
 * need on every connection (`updateConnection`), the menu imported once
 * (`importMenu`; kept by name on later starts), and published to every
 * connection (`publishMenu`), which the integrations worker pushes to the
 * providers (the simulator's control APIs in the demo).
 */
export async function seedDemoMenus(options: DemoMenuOptions): Promise<SeededMenu[]> {
  const log = options.log ?? (() => undefined);
  const seeded: SeededMenu[] = [];
  for (const { tenantId, slug } of options.tenants) {
    const demo = DEMO_TENANTS.find((tenant) => tenant.slug === slug);
    if (!demo) throw new Error(`"${slug}" is not a demo tenant (${DEMO_TENANTS.map((t) => t.slug).join(', ')}).`);
    const service: Identity = { kind: 'service', service: 'demo-seed', tenantId };
    const call = <T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> =>
      callAsService<T>(url, options.internalTokenSecret, service, query, variables);

    const { connections } = await call<{
      connections: { id: string; provider: Provider; branch: { id: string }; controlIds: Record<string, string> }[];
    }>(options.urls.integrations, `{ connections { id provider branch { id } controlIds } }`);
    for (const connection of connections) {
      const wanted = PROVIDER_MIX.find((mix) => mix.provider === connection.provider)?.controlIds ?? {};
      if (Object.keys(wanted).length === 0 || sameIds(wanted, connection.controlIds)) continue;
      await call(
        options.urls.integrations,
        `mutation ($input: UpdateConnectionInput!) { updateConnection(input: $input) { id } }`,
        { input: { id: connection.id, controlIds: wanted } },
      );
    }
    const branchIds = [...new Set(connections.map((connection) => connection.branch.id))];

    const { menus } = await call<{ menus: { id: string; name: { en: string } }[] }>(
      options.urls.catalog,
      `{ menus { id name { en } } }`,
    );
    let menuId = menus.find((menu) => menu.name.en === demo.menu.name.en)?.id ?? null;
    const imported = menuId === null;
    if (menuId === null) {
      const { importMenu } = await call<{ importMenu: { id: string } }>(
        options.urls.catalog,
        `mutation ($input: ImportMenuInput!) { importMenu(input: $input) { id } }`,
        { input: importMenuInput(demo.menu, demo.currency, branchIds) },
      );
      menuId = importMenu.id;
      log(`imported the ${demo.name} menu (${demo.menu.items.length} items)`);
    }

    let published: PublishedJob[] = [];
    if (options.publish) {
      ({ publishMenu: published } = await call<{ publishMenu: PublishedJob[] }>(
        options.urls.catalog,
        `mutation ($menuId: ID!) { publishMenu(menuId: $menuId) { id status provider connection { id } } }`,
        { menuId },
      ));
      log(`published the ${demo.name} menu to ${published.length} connections`);
    }
    seeded.push({ tenantId, slug, menuId, imported, branchIds, published });
  }
  return seeded;
}

function sameIds(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
