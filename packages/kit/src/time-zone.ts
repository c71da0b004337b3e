/**
 * IANA time zone names, as both services that take one (tenants: a tenant's
 * zone; orders: the zone metrics are bucketed in) accept them.
 *
 * Only names: POSIX-style offsets such as "+04:00" or "GMT+4" are refused,
 * because PostgreSQL reads their sign the opposite way round from ISO 8601.
 */
const IANA_ZONE_PATTERN = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/;

/**
 * The zone's name with its case fixed where Intl lists it ("asia/dubai" ->
 * "Asia/Dubai"), links such as "US/Eastern" kept as given (ICU would
 * "canonicalize" to retired names: Asia/Kolkata -> Asia/Calcutta); null when
 * it is not a zone Intl knows.
 */
export function canonicalTimeZone(value: string): string | null {
  const zone = value.trim();
  if (!IANA_ZONE_PATTERN.test(zone)) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return null;
  }
  return knownZones().get(zone.toLowerCase()) ?? zone;
}

let zonesByLowerCase: Map<string, string> | undefined;
function knownZones(): Map<string, string> {
  zonesByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((name) => [name.toLowerCase(), name]));
  return zonesByLowerCase;
}
