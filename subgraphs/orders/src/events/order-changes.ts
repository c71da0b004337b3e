import { BUS_EVENTS } from '@nexara/contracts';
import type { EventBus, Logger } from '@nexara/kit';

/** Announces that an order changed, after its transaction committed (ids only; subscribers re-read). */
export type OrderChanges = (tenantId: string, orderId: string) => void;

/** Nothing listens (SDL printing, unit tests). */
export const noOrderChanges: OrderChanges = () => undefined;

/**
 * Publishing is fire-and-forget: the change is already committed, and a lost
 * announcement only delays a dashboard until the next one (consumers re-read
 * state, they never rebuild it from events).
 */
export function orderChangesOn(bus: EventBus, logger: Logger): OrderChanges {
  return (tenantId, orderId) => {
    bus
      .publish({ tenantId, kind: BUS_EVENTS.orderChanged, id: orderId })
      .catch((error: unknown) => logger.warn({ err: error, orderId }, 'could not announce an order change'));
  };
}
