import { toMinorUnits, type Identity, type OrderStatus } from '@nexara/kit';
import { providerIdentity, type Provider } from '@nexara/providers/display';
import { createRandom } from '@nexara/simulator';
import { callAsService } from '../platform/service-call';
import { dishesOf, optionsOf } from './demo-menus';
import { CUSTOMERS, DEMO_PASSWORD, DEMO_TENANTS, PLATFORM_ADMIN, PROVIDER_MIX, type DemoTenant } from './demo-data';

export type SubgraphUrls = { tenants: string; orders: string; integrations: string };

export type SeedOptions = {
  urls: SubgraphUrls;
  internalTokenSecret: string;
  /** Where connections send provider callbacks (the provider simulator). */
  providerApiBaseUrl: string;
  ordersPerTenant: number;
  now?: Date;
  /** Seeds the random generator, so two seeds of the same size produce the same orders. */
  randomSeed?: number;
  log?: (line: string) => void;
};

export type SeededTenant = {
  tenantId: string;
  slug: string;
  branchId: string;
  ownerEmail: string;
  connections: { id: string; provider: Provider; webhookUrl: string; secret: string; externalStoreId: string }[];
  externalOrderIds: string[];
};

export type SeedResult = {
  seeded: boolean;
  adminEmail: string;
  /** Filled when this call seeded (secrets are only known then). */
  tenants: SeededTenant[];
  /** Every demo tenant's id, seeded now or before. */
  tenantIds: string[];
  /** The same tenants with their demo slug (which menu, which currency). */
  demoTenants: { tenantId: string; slug: string }[];
};

/** Refuses to run in production: the demo logins share one known password. */
export function assertNotProduction(): void {
  if (process.env['NODE_ENV'] === 'production') {
    throw new Error('The demo seed refuses to run with NODE_ENV=production: its logins use a published password.');
  }
}

/**
 * Seeds the demo through the subgraphs' own GraphQL APIs, as an internal
 * service: the platform admin, two tenants with a branch and an owner, one
 * connection per provider each, and orders over the last 7 days. Idempotent:
 * a database that already has the demo tenants is left alone.
 */
export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  assertNotProduction();
  const log = options.log ?? (() => undefined);
  const platform: Identity = { kind: 'service', service: 'demo-seed', tenantId: null };
  const call = <T>(
    url: string,
    identity: Identity,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> => callAsService<T>(url, options.internalTokenSecret, identity, query, variables);

  const { bootstrapPlatform: admin } = await call<{ bootstrapPlatform: { id: string; tenant: { id: string } } }>(
    options.urls.tenants,
    platform,
    `mutation Bootstrap($input: BootstrapPlatformInput!) { bootstrapPlatform(input: $input) { id tenant { id } } }`,
    { input: { adminEmail: PLATFORM_ADMIN.email, adminName: PLATFORM_ADMIN.name, adminPassword: DEMO_PASSWORD } },
  );
  const adminIdentity: Identity = { kind: 'user', userId: admin.id, tenantId: admin.tenant.id, role: 'PLATFORM_ADMIN' };
  const { tenants: existing } = await call<{ tenants: { id: string; slug: string }[] }>(
    options.urls.tenants,
    adminIdentity,
    `{ tenants { id slug } }`,
  );
  if (DEMO_TENANTS.every((tenant) => existing.some((e) => e.slug === tenant.slug))) {
    const demoTenants = existing
      .filter((e) => DEMO_TENANTS.some((t) => t.slug === e.slug))
      .map((e) => ({ tenantId: e.id, slug: e.slug }));
    return {
      seeded: false,
      adminEmail: PLATFORM_ADMIN.email,
      tenants: [],
      tenantIds: demoTenants.map((t) => t.tenantId),
      demoTenants,
    };
  }

  // Seeded: the demo looks the same on every fresh clone.
  const random = createRandom(options.randomSeed ?? 20261129).next;
  const tenants: SeededTenant[] = [];
  for (const demo of DEMO_TENANTS) {
    if (existing.some((e) => e.slug === demo.slug)) continue;
    const { createTenant } = await call<{ createTenant: { id: string } }>(
      options.urls.tenants,
      platform,
      `mutation CreateTenant($input: CreateTenantInput!) { createTenant(input: $input) { id } }`,
      {
        input: {
          slug: demo.slug,
          name: demo.name,
          currency: demo.currency,
          timeZone: demo.timeZone,
          branchName: demo.branchName,
          ownerEmail: demo.ownerEmail,
          ownerName: demo.ownerName,
          ownerPassword: DEMO_PASSWORD,
        },
      },
    );
    const tenantId = createTenant.id;
    const service: Identity = { kind: 'service', service: 'demo-seed', tenantId };
    const { branches } = await call<{ branches: { id: string }[] }>(
      options.urls.tenants,
      service,
      `{ branches { id } }`,
    );
    const branchId = branches[0]!.id;

    const connections: SeededTenant['connections'] = [];
    for (const { provider } of PROVIDER_MIX) {
      const externalStoreId = `${demo.slug}-${provider.toLowerCase()}-001`;
      const { connectProvider } = await call<{
        connectProvider: { connection: { id: string; webhookUrl: string }; secret: string };
      }>(
        options.urls.integrations,
        service,
        `mutation Connect($input: ConnectProviderInput!) {
           connectProvider(input: $input) { connection { id webhookUrl } secret }
         }`,
        {
          input: {
            provider,
            name: `${demo.name} on ${providerIdentity(provider).name}`,
            branchId,
            externalStoreId,
            currency: demo.currency,
            apiBaseUrl: `${options.providerApiBaseUrl}/${provider.toLowerCase()}`,
            autoAccept: false,
          },
        },
      );
      connections.push({ ...connectProvider.connection, provider, secret: connectProvider.secret, externalStoreId });
    }

    const externalOrderIds = await seedOrders(demo, connections, options, random, (query, variables) =>
      call(options.urls.orders, service, query, variables),
    );
    tenants.push({ tenantId, slug: demo.slug, branchId, ownerEmail: demo.ownerEmail, connections, externalOrderIds });
    log(`seeded ${demo.name}: ${connections.length} connections, ${externalOrderIds.length} orders`);
  }
  return {
    seeded: true,
    adminEmail: PLATFORM_ADMIN.email,
    tenants,
    tenantIds: tenants.map((t) => t.tenantId),
    demoTenants: tenants.map(({ tenantId, slug }) => ({ tenantId, slug })),
  };
}

const APPLY_MANY = `mutation ApplyMany($inputs: [ProviderOrderEventInput!]!) {
  applyProviderOrderEvents(inputs: $inputs) { outcome error { code message } }
}`;

/** Events per applyProviderOrderEvents call (the subgraph takes at most 500). */
const SEED_BATCH = 200;

/** The path an order took, by how old it is: old orders finished, recent ones are still in the kitchen. */
function lifeCycle(ageMinutes: number, roll: number): OrderStatus[] {
  if (ageMinutes < 6) return ['RECEIVED'];
  if (roll < 0.05) return ['RECEIVED', 'REJECTED'];
  if (roll < 0.09) return ['RECEIVED', 'ACCEPTED', 'CANCELLED'];
  const main: OrderStatus[] = ['RECEIVED', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP', 'DELIVERED'];
  if (ageMinutes < 15) return main.slice(0, 2);
  if (ageMinutes < 30) return main.slice(0, 3);
  if (ageMinutes < 45) return main.slice(0, 4);
  if (ageMinutes < 70) return main.slice(0, 5);
  return main;
}

async function seedOrders(
  demo: DemoTenant,
  connections: SeededTenant['connections'],
  options: SeedOptions,
  random: () => number,
  apply: (query: string, variables: Record<string, unknown>) => Promise<unknown>,
): Promise<string[]> {
  const now = options.now ?? new Date();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const totalWeight = PROVIDER_MIX.reduce((sum, p) => sum + p.weight, 0);
  const minor = (value: string): number => toMinorUnits(value, demo.currency);
  const dishes = dishesOf(demo.menu);
  // Each order's events in the order they happened; applied in rounds below.
  const orders: { externalId: string; events: Record<string, unknown>[] }[] = [];

  for (let n = 0; n < options.ordersPerTenant; n += 1) {
    let roll = random() * totalWeight;
    const mix = PROVIDER_MIX.find((p) => (roll -= p.weight) < 0) ?? PROVIDER_MIX[0]!;
    const connection = connections.find((c) => c.provider === mix.provider)!;
    // The newest few orders land in the last minutes so the dashboard has live work to show.
    const ageMinutes = n < 6 ? n * 4 + random() * 3 : Math.floor(random() * 7 * 24 * 60);
    const placedAt = new Date(now.getTime() - ageMinutes * 60_000);

    // Items of the tenant's catalog menu, named by their POS id as a provider would send them.
    const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const dish = pick(dishes);
      const options = optionsOf(demo.menu, dish);
      const quantity = 1 + Math.floor(random() * 2);
      const modifiers = options.length > 0 && random() < 0.4 ? [pick(options)] : [];
      const unitPrice = minor(dish.price) + modifiers.reduce((sum, m) => sum + minor(m.price), 0);
      return {
        externalId: dish.externalPosId,
        name: dish.name.en,
        quantity,
        unitPrice: minor(dish.price),
        total: unitPrice * quantity,
        notes: random() < 0.15 ? 'No tomatoes please' : null,
        modifiers: modifiers.map((m) => ({ name: m.name.en, quantity: 1, unitPrice: minor(m.price), modifiers: [] })),
      };
    });
    const subtotal = items.reduce((sum, item) => sum + item.total, 0);
    const deliveryFee = minor(pick(mix.deliveryFee));
    const discount = random() < 0.2 ? Math.round(subtotal * 0.1) : 0;
    const tax = Math.round((subtotal * demo.vatBasisPoints) / 10_000);
    const tip = random() < 0.15 ? minor(demo.currency === 'KWD' ? '0.250' : '5') : 0;
    const externalId = `${mix.provider.slice(0, 2)}-${placedAt.getTime().toString(36)}-${n}`.toUpperCase();
    const acceptMinutes = mix.acceptMinutes;
    const path = lifeCycle(ageMinutes, random());
    const customer = pick(CUSTOMERS);
    const pickup = random() < 0.1;

    {
      const events: Record<string, unknown>[] = [
        {
          connectionId: connection.id,
          provider: mix.provider,
          eventKey: `seed-${externalId}-placed`,
          kind: 'ORDER_PLACED',
          externalId,
          occurredAt: placedAt.toISOString(),
          order: {
            displayCode: externalId.slice(-6),
            placedAt: placedAt.toISOString(),
            acceptBy: new Date(placedAt.getTime() + acceptMinutes * 60_000).toISOString(),
            currency: demo.currency,
            customer: { name: customer, phone: `+9665${String(10_000_000 + Math.floor(random() * 89_999_999))}` },
            delivery: pickup
              ? null
              : {
                  address: pick(demo.areas),
                  notes: random() < 0.3 ? 'Ring the bell twice' : null,
                  lat: null,
                  lng: null,
                },
            items,
            subtotal,
            deliveryFee,
            discount,
            tax,
            tip,
            total: subtotal + deliveryFee + tax + tip - discount,
            payment: { method: random() < 0.3 ? 'CASH' : 'CARD', paid: random() >= 0.3 },
            notes: random() < 0.1 ? 'Please include extra napkins' : null,
            warnings: [],
          },
        },
      ];
      let at = placedAt.getTime();
      for (const status of path.slice(1)) {
        at += (status === 'ACCEPTED' ? 1 + random() * 3 : 4 + random() * 10) * 60_000;
        events.push({
          connectionId: connection.id,
          provider: mix.provider,
          eventKey: `seed-${externalId}-${status}`,
          kind: 'STATUS_CHANGED',
          externalId,
          occurredAt: new Date(Math.min(at, now.getTime())).toISOString(),
          status,
        });
      }
      orders.push({ externalId, events });
    }
  }
  await applyInRounds(
    orders.map((order) => order.events),
    apply,
  );
  return orders.map((order) => order.externalId);
}

/**
 * Applies every order's events through the batch mutation, in rounds: the
 * first event of every order, then every second one, and so on, so an
 * order's events keep their order while one call carries many orders (a
 * seed of hundreds of orders took minutes one event per call on a busy
 * machine). Any event the subgraph did not apply fails the seed.
 */
async function applyInRounds(
  eventsByOrder: Record<string, unknown>[][],
  apply: (query: string, variables: Record<string, unknown>) => Promise<unknown>,
): Promise<void> {
  const rounds = Math.max(0, ...eventsByOrder.map((events) => events.length));
  for (let round = 0; round < rounds; round += 1) {
    const events = eventsByOrder.flatMap((orderEvents) => (round < orderEvents.length ? [orderEvents[round]!] : []));
    const batches = Array.from({ length: Math.ceil(events.length / SEED_BATCH) }, (_, i) =>
      events.slice(i * SEED_BATCH, (i + 1) * SEED_BATCH),
    );
    await runLimited(
      batches.map((inputs) => async () => {
        const { applyProviderOrderEvents: results } = (await apply(APPLY_MANY, { inputs })) as {
          applyProviderOrderEvents: { outcome: string | null; error: { code: string; message: string } | null }[];
        };
        const failed = results.findIndex((result) => result.error !== null);
        if (failed >= 0) {
          const { code, message } = results[failed]!.error!;
          throw new Error(`seed event ${String(inputs[failed]!['eventKey'])} was not applied: ${code} ${message}`);
        }
      }),
      2,
    );
  }
}

/** Runs jobs with at most `limit` at once, keeping results in order. */
async function runLimited<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
