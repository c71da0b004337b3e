import { BUS_EVENTS } from '@nexara/contracts';
import type { EventBus, Logger } from '@nexara/kit';

/**
 * Announces committed catalog changes on the bus (ids only): a sync job queued
 * or changed (`catalog.sync.changed`, id: the job) and a branch's store status,
 * busy mode or hours changed (`catalog.store_status.changed`, id: the branch).
 * Fire-and-forget: the change is committed, a lost announcement only delays a
 * dashboard until the next one.
 */
export type CatalogChanges = {
  syncJobs: (tenantId: string, jobIds: readonly string[]) => void;
  storeStatus: (tenantId: string, branchId: string) => void;
};

export const noCatalogChanges: CatalogChanges = { syncJobs: () => undefined, storeStatus: () => undefined };

export function catalogChangesOn(bus: EventBus, logger: Logger): CatalogChanges {
  const publish = (tenantId: string, kind: string, id: string): void => {
    bus
      .publish({ tenantId, kind, id })
      .catch((error: unknown) => logger.warn({ err: error, kind, id }, 'could not announce a catalog change'));
  };
  return {
    syncJobs: (tenantId, jobIds) => {
      for (const id of jobIds) publish(tenantId, BUS_EVENTS.catalogSyncChanged, id);
    },
    storeStatus: (tenantId, branchId) => publish(tenantId, BUS_EVENTS.storeStatusChanged, branchId),
  };
}
