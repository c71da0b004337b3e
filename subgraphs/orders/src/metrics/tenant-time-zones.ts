import { CONTEXT_TOKEN_HEADER, signContextToken } from '@nexara/kit';

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

  const fetchZone = async (tenantId: string): Promise<string> => {
    const token = await signContextToken(
      { kind: 'service', service: 'orders', tenantId },
      options.internalTokenSecret,
      {
        issuer: 'nexara-orders',
      },
    );
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_TOKEN_HEADER]: token },
      body: JSON.stringify({ query: TENANT_TIME_ZONE }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    const body = (await response.json().catch(() => null)) as {
      data?: { tenant?: { timeZone?: unknown } | null };
    } | null;
    const zone = body?.data?.tenant?.timeZone;
    if (typeof zone !== 'string') {
      throw new Error(
        `tenants answered HTTP ${response.status} without a time zone for tenant ${tenantId}: ${JSON.stringify(body)}`,
      );
    }
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
