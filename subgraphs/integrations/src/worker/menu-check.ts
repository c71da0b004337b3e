import type { Logger } from '@nexara/kit';
import type { CanonicalOrder, MenuWarning } from '@nexara/providers';
import type { BranchItemState, CatalogClient } from '../control/catalog-client';
import type { IntegrationsMetrics } from '../metrics';

/** How long one branch's availability is trusted (an answer, or the catalog not answering). */
export const MENU_CHECK_CACHE_MS = 5_000;
/** How long the worker waits for the catalog before applying an order without the check. */
export const MENU_CHECK_TIMEOUT_MS = 2_000;

export type MenuCheck = {
  /**
   * The items of `order` that the connection's branch has sold out or
   * hidden; empty when none are, and when the catalog could not be asked
   * (then a log line and `nexara_menu_check_unavailable_total` say so).
   * Never throws: an order is never held back by the menu.
   */
  warningsFor(
    connection: { tenantId: string; branchId: string; provider: string },
    order: Pick<CanonicalOrder, 'items'>,
  ): Promise<MenuWarning[]>;
};

type Cached = { at: number; items: Promise<BranchItemState[] | null> };

/**
 * Orders meet the menu (docs/control-plane.md, "Orders meet the menu"):
 * each line of a new order is matched to the branch's catalog items by POS
 * id (the line's `externalId` against the item's `externalPosId`), else by
 * name in either language, and a match that is SOLD_OUT or HIDDEN becomes a
 * warning. One catalog call per branch per `cacheMs`, shared by the orders
 * arriving meanwhile; a branch still receiving orders past half that time is
 * asked again in the background, its orders keeping the answer in hand.
 */
export function createMenuCheck(options: {
  catalog: Pick<CatalogClient, 'branchAvailability'>;
  logger: Logger;
  metrics?: Pick<IntegrationsMetrics, 'menuCheckUnavailable'>;
  cacheMs?: number;
  now?: () => number;
}): MenuCheck {
  const cacheMs = options.cacheMs ?? MENU_CHECK_CACHE_MS;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Cached>();
  /** Asked ahead of time for a branch whose cached answer is past half its life: it replaces that one on arrival. */
  const refreshing = new Map<string, Cached>();

  const ask = (tenantId: string, branchId: string): Cached => ({
    at: now(),
    items: options.catalog.branchAvailability(tenantId, branchId).catch((error: unknown) => {
      options.logger.warn(
        { tenantId, branchId, error: error instanceof Error ? error.message : String(error) },
        'catalog did not answer the menu check; orders are applied without menu warnings',
      );
      return null;
    }),
  });

  function availability(tenantId: string, branchId: string): Promise<BranchItemState[] | null> {
    const key = `${tenantId}/${branchId}`;
    const cached = cache.get(key);
    const age = cached ? now() - cached.at : Infinity;
    if (cached && age < cacheMs) {
      // A busy branch is asked again before its answer expires, so no order waits for the catalog at the expiry
      // (one did every cacheMs per branch: 0.3-1.6 s in `npm run bench`, endToEnd, on a loaded machine).
      if (age >= cacheMs / 2 && !refreshing.has(key)) {
        const next = ask(tenantId, branchId);
        refreshing.set(key, next);
        void next.items.then(() => {
          if (refreshing.get(key) !== next) return;
          refreshing.delete(key);
          cache.set(key, next);
        });
      }
      return cached.items;
    }
    // Expired: an answer already asked for is awaited rather than asked for again.
    const entry = refreshing.get(key) ?? ask(tenantId, branchId);
    refreshing.delete(key);
    cache.set(key, entry);
    // Forget expired entries now and then, so branches no longer seen do not pile up.
    if (cache.size > 1_000) {
      for (const [other, old] of cache) if (now() - old.at >= cacheMs) cache.delete(other);
    }
    return entry.items;
  }

  return {
    async warningsFor(connection, order) {
      const items = await availability(connection.tenantId, connection.branchId);
      if (!items) {
        options.metrics?.menuCheckUnavailable.inc({ provider: connection.provider });
        return [];
      }
      return menuWarnings(order.items, items);
    },
  };
}

const normalized = (text: string | null | undefined): string => (text ?? '').trim().toLocaleLowerCase();

/** The warnings of `lines` against the branch's items: one per line matching a sold-out or hidden item. */
export function menuWarnings(
  lines: readonly { externalId: string | null; name: string }[],
  items: readonly BranchItemState[],
): MenuWarning[] {
  const byPosId = new Map<string, BranchItemState>();
  const byName = new Map<string, BranchItemState>();
  for (const entry of items) {
    if (entry.item.externalPosId && !byPosId.has(entry.item.externalPosId)) {
      byPosId.set(entry.item.externalPosId, entry);
    }
    for (const name of [entry.item.name.en, entry.item.name.ar]) {
      const key = normalized(name);
      if (key && !byName.has(key)) byName.set(key, entry);
    }
  }
  const warnings: MenuWarning[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const byPos = line.externalId ? byPosId.get(line.externalId) : undefined;
    const match = byPos ?? byName.get(normalized(line.name));
    if (!match || match.state === 'AVAILABLE' || seen.has(match.item.id)) continue;
    seen.add(match.item.id);
    const soldOut = match.state === 'SOLD_OUT';
    warnings.push({
      code: soldOut ? 'ITEM_SOLD_OUT' : 'ITEM_HIDDEN',
      itemId: match.item.id,
      itemName: line.name,
      externalPosId: byPos ? line.externalId : null,
      message: `${line.name} is ${soldOut ? 'sold out' : 'hidden'} on this branch's menu.`,
    });
  }
  return warnings;
}
