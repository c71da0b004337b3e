import { BUS_EVENTS } from '@nexara/contracts';
import type { EventBus, Logger } from '@nexara/kit';

/** How long changes of one tenant are gathered into one `metrics.changed`. */
export const METRICS_CHANGED_WINDOW_MS = 1_000;

export type MetricsChanges = {
  /** A change of this tenant's orders committed. */
  changed: (tenantId: string) => void;
  /** Drops the announcements still waiting (the service is stopping). */
  close: () => void;
};

/**
 * Every subscriber of `metricsChanged` re-reads today's totals (several
 * aggregate queries) on each announcement, so announcing every order change
 * would cost a busy tenant a burst of re-reads per second. Instead the first
 * change of a tenant opens a window; changes inside it are absorbed; when
 * it closes one `metrics.changed` is published for that tenant (trailing
 * edge). As subscribers re-read state when they get it, that one event
 * reflects every change made before it, the last included; a change made
 * after it opens the next window. At most one event per tenant per window,
 * at most `windowMs` late. Each orders instance coalesces its own changes.
 */
export function coalescedMetricsChanges(
  publish: (tenantId: string) => void,
  windowMs = METRICS_CHANGED_WINDOW_MS,
): MetricsChanges {
  const open = new Map<string, NodeJS.Timeout>();
  return {
    changed: (tenantId) => {
      if (open.has(tenantId)) return;
      const timer = setTimeout(() => {
        open.delete(tenantId);
        publish(tenantId);
      }, windowMs);
      open.set(tenantId, timer);
    },
    close: () => {
      for (const timer of open.values()) clearTimeout(timer);
      open.clear();
    },
  };
}

/** `metrics.changed` on the bus (the tenant is the event's id too: the subject is the tenant's totals). */
export function metricsChangesOn(bus: EventBus, logger: Logger, windowMs?: number): MetricsChanges {
  return coalescedMetricsChanges((tenantId) => {
    bus
      .publish({ tenantId, kind: BUS_EVENTS.metricsChanged, id: tenantId })
      .catch((error: unknown) => logger.warn({ err: error, tenantId }, 'could not announce a metrics change'));
  }, windowMs);
}
