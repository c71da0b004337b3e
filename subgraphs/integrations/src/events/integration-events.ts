import { BUS_EVENTS, type BusEventKind } from '@nexara/contracts';
import type { EventBus, Logger } from '@nexara/kit';

/**
 * What integrations announces on the bus, always after the change committed
 * (ids only; subscribers re-read). Fire-and-forget like order changes: a lost
 * announcement only delays a dashboard until the next one.
 */
export type IntegrationEvents = {
  /** Coalesced per connection: at most one event per `coalesceMs`, and always one after the last call. */
  connectionHealthMayHaveChanged: (tenantId: string, connectionId: string) => void;
  alertRaised: (tenantId: string, alertId: string) => void;
  /** A connection's name, status or settings changed: gateways drop the names they keep (not coalesced: rare, admin-made). */
  connectionChanged: (tenantId: string, connectionId: string) => void;
  alertChanged: (tenantId: string, alertId: string) => void;
  /** Sends what is still held back by coalescing, then stops. */
  flush: () => Promise<void>;
};

/** Nothing listens (SDL printing, unit tests). */
export const noIntegrationEvents: IntegrationEvents = {
  connectionHealthMayHaveChanged: () => undefined,
  alertRaised: () => undefined,
  connectionChanged: () => undefined,
  alertChanged: () => undefined,
  flush: async () => undefined,
};

type Pending = { tenantId: string; connectionId: string; timer: NodeJS.Timeout };

export function integrationEventsOn(
  bus: EventBus,
  logger: Logger,
  options: { coalesceMs?: number } = {},
): IntegrationEvents {
  const coalesceMs = options.coalesceMs ?? 1_000;
  const lastSent = new Map<string, number>();
  const pending = new Map<string, Pending>();
  const sending = new Set<Promise<void>>();

  const publish = (tenantId: string, kind: BusEventKind, id: string): void => {
    const sent = bus
      .publish({ tenantId, kind, id })
      .catch((error: unknown) => logger.warn({ err: error, kind, id }, 'could not announce an integrations event'))
      .finally(() => sending.delete(sent));
    sending.add(sent);
  };

  const sendHealth = (key: string, tenantId: string, connectionId: string): void => {
    pending.delete(key);
    lastSent.set(key, Date.now());
    publish(tenantId, BUS_EVENTS.connectionHealth, connectionId);
  };

  return {
    // A burst of webhooks on one connection becomes one event now and one at the end of each
    // second: a dashboard re-reads health at most once a second per connection, and never misses the last change.
    connectionHealthMayHaveChanged: (tenantId, connectionId) => {
      const key = `${tenantId}:${connectionId}`;
      if (pending.has(key)) return;
      const wait = (lastSent.get(key) ?? 0) + coalesceMs - Date.now();
      if (wait <= 0) {
        sendHealth(key, tenantId, connectionId);
        return;
      }
      const timer = setTimeout(() => sendHealth(key, tenantId, connectionId), wait);
      timer.unref();
      pending.set(key, { tenantId, connectionId, timer });
    },
    alertRaised: (tenantId, alertId) => publish(tenantId, BUS_EVENTS.alertRaised, alertId),
    alertChanged: (tenantId, alertId) => publish(tenantId, BUS_EVENTS.alertChanged, alertId),
    connectionChanged: (tenantId, connectionId) => publish(tenantId, BUS_EVENTS.connectionChanged, connectionId),
    flush: async () => {
      for (const [key, held] of [...pending]) {
        clearTimeout(held.timer);
        sendHealth(key, held.tenantId, held.connectionId);
      }
      await Promise.all([...sending]);
    },
  };
}
