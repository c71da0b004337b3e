import { createGatewayServer, gatewayConfigShape, type GatewayServer } from '@nexara/gateway';
import { catalogConfigShape, createCatalogServer } from '@nexara/catalog';
import {
  createIntegrationsServer,
  createWebhookWorker,
  integrationsConfigShape,
  webhookWorkerConfigShape,
} from '@nexara/integrations';
import { createLogger, freePorts, loadConfig, type EgressResolver, type RunningServer } from '@nexara/kit';
import { createOrdersServer, ordersConfigShape } from '@nexara/orders';
import { createTenantsServer, tenantsConfigShape } from '@nexara/tenants';
import { serviceEnvironments, type PlatformSettings, type Ports } from './environments';

export type RunningPlatform = {
  /** Base URLs (`http://127.0.0.1:port`) of each service (the worker's when it runs here). */
  urls: Record<Exclude<keyof Ports, 'worker'>, string> & { worker?: string };
  /** The dashboard API: `${urls.gateway}/graphql`. */
  graphqlUrl: string;
  settings: PlatformSettings;
  /** Subscriptions open on the gateway's WebSocket path now: a test waits for its subscribers before it acts. */
  activeSubscriptions: (path?: string) => number;
  stop: () => Promise<void>;
};

/**
 * Every service in this process on free ports, configured exactly as
 * `npm start` configures the real processes. Used by end-to-end tests.
 */
export async function startPlatformInProcess(
  settings: Omit<PlatformSettings, 'ports'> & {
    ports?: Partial<Ports>;
    /** Also run the webhook worker here (tests of the webhook path); extra variables override its settings. */
    worker?: boolean | Record<string, string>;
    /** How the worker's provider calls resolve names (DNS unless given): a test maps a name to loopback. */
    egressResolver?: EgressResolver;
  },
): Promise<RunningPlatform> {
  // Every port is fixed before anything starts: services name each other (the worker calls
  // orders, test webhooks go to the gateway), so none can wait to learn another's port.
  const [tenants, orders, integrations, catalog, gateway] = await freePorts(5);
  const ports: Ports = {
    tenants: settings.ports?.tenants || tenants!,
    orders: settings.ports?.orders || orders!,
    integrations: settings.ports?.integrations || integrations!,
    catalog: settings.ports?.catalog || catalog!,
    gateway: settings.ports?.gateway || gateway!,
  };
  /** How to stop what has started, in start order (stopped in reverse). */
  const started: (() => Promise<void>)[] = [];
  const logger = createLogger('platform', settings.logLevel);
  let gatewayServer: GatewayServer | null = null;
  let workerUrl: string | null = null;
  const listen = async (server: RunningServer, port: number): Promise<number> => {
    started.push(() => server.close());
    return Number(new URL(await server.listen(port, '127.0.0.1')).port);
  };
  try {
    const env = serviceEnvironments({ ...settings, ports });
    await listen(
      await createTenantsServer(loadConfig(tenantsConfigShape, env.tenants), {
        logger: logger.child({ service: 'tenants' }),
      }),
      ports.tenants,
    );
    await listen(
      await createOrdersServer(loadConfig(ordersConfigShape, env.orders), {
        logger: logger.child({ service: 'orders' }),
      }),
      ports.orders,
    );
    await listen(
      await createIntegrationsServer(loadConfig(integrationsConfigShape, env.integrations), {
        logger: logger.child({ service: 'integrations' }),
      }),
      ports.integrations,
    );
    await listen(
      await createCatalogServer(loadConfig(catalogConfigShape, env.catalog), {
        logger: logger.child({ service: 'catalog' }),
      }),
      ports.catalog,
    );
    if (settings.worker) {
      const overrides = typeof settings.worker === 'object' ? settings.worker : {};
      const worker = await createWebhookWorker(loadConfig(webhookWorkerConfigShape, { ...env.worker, ...overrides }), {
        logger: logger.child({ service: 'worker' }),
        egressResolver: settings.egressResolver,
      });
      started.push(() => worker.stop());
      workerUrl = worker.opsUrl;
    }
    gatewayServer = await createGatewayServer(loadConfig(gatewayConfigShape, env.gateway), {
      logger: logger.child({ service: 'gateway' }),
    });
    await listen(gatewayServer, ports.gateway);
  } catch (error) {
    for (const stop of started.reverse()) await stop().catch(() => undefined);
    throw error;
  }
  const base = (port: number): string => `http://127.0.0.1:${port}`;
  const urls = {
    tenants: base(ports.tenants),
    orders: base(ports.orders),
    integrations: base(ports.integrations),
    catalog: base(ports.catalog),
    gateway: base(ports.gateway),
    ...(workerUrl ? { worker: workerUrl } : {}),
  };
  return {
    urls,
    graphqlUrl: `${urls.gateway}/graphql`,
    settings: { ...settings, ports },
    activeSubscriptions: (path = '/graphql') => gatewayServer?.activeSubscriptions(path) ?? 0,
    stop: async () => {
      // A step that hangs (a client that never finishes its close handshake) must not hang the
      // caller: each gets 15 s, and a step that overruns is reported and left behind.
      for (const stop of started.reverse()) {
        let timer: NodeJS.Timeout | undefined;
        const overran = await Promise.race([
          stop().then(() => false),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), 15_000))),
        ]);
        clearTimeout(timer);
        if (overran) logger.warn({ step: stop.toString() }, 'a service did not stop within 15 s; moving on');
      }
    },
  };
}
