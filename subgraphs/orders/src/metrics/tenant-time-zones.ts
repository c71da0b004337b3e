import { serviceGraphQL } from '@nexara/kit';

/** The IANA time zone of a tenant, as the tenants subgraph keeps it. */
export type TenantTimeZones = (tenantId: string) => Promise<string>;

const TENANT_TIME_ZONE = 'query OrdersTenantTimeZone { tenant { timeZone } }';
const DEFAULT_TTL_MS = 5 * 60_000;
/** Far above any real tenant count; only bounds memory if ids were ever made up. */
const MAX_CACHED = 10_000;

/**
 * Metrics follow the tenant's days, but the zone lives in the tenants
 * schema, which orders may not read. So orders asks the owner, the tenants
 * subgraph, over GraphQL as the `orders` service acting in that tenant (the
 * way the integrations worker calls orders), and remembers the answer for a
 * few minutes: a zone is set once when the tenant is created, while the
 * dashboard re-reads today's metrics on every change, so almost every read
 * is served from memory. Concurrent first reads share one call; a failed
 * call is not remembered.
 */
export function tenantTimeZonesFrom(options: {
  url: string;
  internalTokenSecret: string;
  ttlMs?: number;
  timeoutMs?: number;
}): TenantTimeZones {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const cache = new Map<string, { zone: Promise<string>; until: number }>();

  const tenants = serviceGraphQL({ ...options, timeoutMs: options.timeoutMs ?? 5_000, service: 'orders' });
  const fetchZone = async (tenantId: string): Promise<string> => {
    const data = await tenants.data<{ tenant?: { timeZone?: unknown } | null }>(tenantId, TENANT_TIME_ZONE);
    const zone = data.tenant?.timeZone;
    if (typeof zone !== 'string') throw new Error(`tenants answered no time zone for tenant ${tenantId}`);
    return zone;
  };

  return (tenantId) => {
    const now = Date.now();
    const cached = cache.get(tenantId);
    if (cached && cached.until > now) return cached.zone;
    if (cache.size >= MAX_CACHED) cache.clear();
    const zone = fetchZone(tenantId);
    cache.set(tenantId, { zone, until: now + ttlMs });
    zone.catch(() => {
      if (cache.get(tenantId)?.zone === zone) cache.delete(tenantId);
    });
    return zone;
  };
}
