import { BUS_EVENTS } from '@nexara/contracts';
import type { EventBus, Logger } from '@nexara/kit';

/**
 * Announces that an order changed, after its transaction committed: ids and
 * the version the change produced (subscribers read the order at that version).
 */
export type OrderChanges = (tenantId: string, orderId: string, version: number) => void;

/** Nothing listens (SDL printing, unit tests). */
export const noOrderChanges: OrderChanges = () => undefined;

/**
 * Publishing is fire-and-forget: the change is already committed, and a lost
 * announcement only delays a dashboard until the next one (the gateway fills
 * a subscriber's gap from the order's versions when it hears of the order
 * again). One order's announcements go out one after the other, in version
 * order (the bus publishes over a pool, where two could overtake each other);
 * different orders' go out concurrently.
 */
export function orderChangesOn(bus: EventBus, logger: Logger): OrderChanges {
  const inFlight = new Map<string, Promise<void>>();
  return (tenantId, orderId, version) => {
    const previous = inFlight.get(orderId) ?? Promise.resolve();
    const publishing = previous
      .then(() => bus.publish({ tenantId, kind: BUS_EVENTS.orderChanged, id: orderId, version }))
      .catch((error: unknown) => logger.warn({ err: error, orderId }, 'could not announce an order change'))
      .finally(() => {
        if (inFlight.get(orderId) === publishing) inFlight.delete(orderId);
      });
    inFlight.set(orderId, publishing);
  };
}
