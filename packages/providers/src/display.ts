import { careemIdentity } from './careem/identity';
import { deliverooIdentity } from './deliveroo/identity';
import { hungerstationIdentity } from './hungerstation/identity';
import type { ProviderIdentity } from './identity';
import { jahezIdentity } from './jahez/identity';
import { talabatIdentity } from './talabat/identity';

/**
 * The registry: every provider Nexara integrates, one line each, in the order
 * lists show them. Everything else that enumerates providers (the GraphQL
 * `Provider` enum, the adapters, the dashboard's badges, the demo, the
 * simulator) is derived from this list or checked against it by the compiler.
 *
 * This entry (`@nexara/providers/display`) is data only, safe for the browser.
 */
export const PROVIDER_IDENTITIES = [
  careemIdentity,
  talabatIdentity,
  deliverooIdentity,
  jahezIdentity,
  hungerstationIdentity,
] as const;

export type { ProviderIdentity } from './identity';

/** A provider's code (GraphQL enum `Provider`). */
export type Provider = (typeof PROVIDER_IDENTITIES)[number]['code'];

/** Every provider's code, in registry order (a non-empty tuple, as `z.enum` and GraphQL enums want). */
export const PROVIDERS = PROVIDER_IDENTITIES.map((identity) => identity.code) as unknown as readonly [
  Provider,
  ...Provider[],
];

const BY_CODE = new Map<string, ProviderIdentity>(PROVIDER_IDENTITIES.map((identity) => [identity.code, identity]));

export function isProvider(value: string): value is Provider {
  return BY_CODE.has(value);
}

export function providerIdentity(provider: Provider): ProviderIdentity {
  return BY_CODE.get(provider)!;
}

/** The provider a `/webhooks/:provider/...` path segment names (exactly, lower-case), or null. */
export function providerOfPathSegment(segment: string): Provider | null {
  return (PROVIDER_IDENTITIES.find((identity) => identity.pathSegment === segment)?.code as Provider) ?? null;
}

/** The status a provider is answered with for one of our statuses (its `answerStatuses`, else unchanged). */
export function answerStatusFor(provider: Provider, status: number): number {
  return providerIdentity(provider).answerStatuses[status] ?? status;
}
