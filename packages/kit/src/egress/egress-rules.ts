import ipaddr from 'ipaddr.js';

/**
 * The rule that refuses an outbound target, named so a person can act on it
 * (the message of a refused `apiBaseUrl` and the reason stored on a refused
 * callback both say which one fired).
 */
export type EgressRule =
  | 'scheme'
  | 'https-only'
  | 'credentials'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade NAT'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'IPv4-mapped IPv6'
  | 'unique-local'
  | 'reserved';

export type EgressRefusal = { rule: EgressRule; message: string };

/** ipaddr.js range names (both families) as our rules; any other non-unicast range is `reserved`. */
const RANGE_RULES: Record<string, EgressRule> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  ipv4Mapped: 'IPv4-mapped IPv6',
  uniqueLocal: 'unique-local',
};

/**
 * Why an IP address may not be called, or null for a public unicast address.
 * Every IPv4-mapped IPv6 address is refused whatever it maps to: it reaches
 * the IPv4 host through the IPv6 stack and would dodge the IPv4 rules. NAT64,
 * 6to4 and Teredo prefixes (which embed IPv4 addresses too) fall under
 * `reserved`, as does everything else ipaddr.js does not call unicast.
 * Not an address: null (the caller decides what a name means).
 */
export function addressRule(address: string): EgressRule | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return null;
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return 'IPv4-mapped IPv6';
  const range = parsed.range();
  if (range === 'unicast') return null;
  return RANGE_RULES[range] ?? 'reserved';
}

/** `localhost` and `*.localhost` always mean this machine (RFC 6761), whatever DNS says. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** `host:port` as a URL of `protocol` names it: the WHATWG parser's host and the port, default filled in. */
export function hostPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
  return `${url.hostname}:${port}`;
}

/**
 * `EGRESS_ALLOW`: comma-separated `host:port` entries, each normalized the way
 * a URL normalizes its host (`LOCALHOST:4010` and `127.1:4010` match what
 * `http://localhost:4010` and `http://127.0.0.1:4010` call). Throws naming
 * the first entry that is not a host with a port.
 */
export function parseEgressAllow(value: string | undefined): ReadonlySet<string> {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const allowed = new Set<string>();
  for (const entry of entries) {
    const match = /^(.+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    let url: URL | null = null;
    try {
      if (match && port > 0 && port <= 65535) url = new URL(`http://${match[1]}`);
    } catch {
      url = null;
    }
    if (!url || url.port || url.pathname !== '/' || url.username || url.password || url.search || url.hash) {
      throw new Error(`"${entry}" is not host:port (the port is required)`);
    }
    allowed.add(`${url.hostname}:${port}`);
  }
  return allowed;
}

export type EgressRules = {
  /** Normalized `host:port` entries that may be called over http and on internal addresses. */
  allow: ReadonlySet<string>;
  /** Production: only https, except allow-listed entries. */
  production: boolean;
};

/** The rules as configured: `EGRESS_ALLOW` and whether this is production. */
export function egressRules(settings: { allow?: string; production: boolean }): EgressRules {
  return { allow: parseEgressAllow(settings.allow), production: settings.production };
}

/**
 * Why `target` may not be called, or null. Checks what the URL alone says:
 * scheme, credentials, a literal address (in whatever notation the URL
 * parser accepts: `0x7f000001`, `2130706433` and `127.1` are 127.0.0.1 by
 * the time we see them) and localhost names. A name's resolved addresses are
 * checked when connecting (see `egress-client.ts`), so DNS rebinding is caught.
 */
export function urlRefusal(target: string | URL, rules: EgressRules): EgressRefusal | null {
  let url: URL;
  try {
    url = typeof target === 'string' ? new URL(target) : target;
  } catch {
    return { rule: 'scheme', message: 'is not an absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      rule: 'scheme',
      message: `uses ${url.protocol.replace(/:$/, '')}; only https (or http outside production)`,
    };
  }
  if (url.username || url.password) {
    return { rule: 'credentials', message: 'carries credentials in the URL; the provider secret is sent for you' };
  }
  if (rules.allow.has(hostPort(url))) return null;
  if (url.protocol === 'http:' && rules.production) {
    return { rule: 'https-only', message: 'must use https in production' };
  }
  const literal = addressRule(url.hostname);
  if (literal) return { rule: literal, message: refusedAddressMessage(literal, url.hostname) };
  if (isLocalhostName(url.hostname)) {
    return { rule: 'loopback', message: refusedAddressMessage('loopback', url.hostname) };
  }
  return null;
}

export function refusedAddressMessage(rule: EgressRule, address: string): string {
  return `points at a ${rule} address (${address}), which outbound calls may not reach`;
}
