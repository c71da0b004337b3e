import type { ProviderAdapter } from './adapter';
import { careemProvider } from './careem/definition';
import type { ProviderDefinition } from './definition';
import { deliverooProvider } from './deliveroo/definition';
import { PROVIDERS, providerOfPathSegment, type Provider } from './display';
import { hungerstationProvider } from './hungerstation/definition';
import { jahezProvider } from './jahez/definition';
import { talabatProvider } from './talabat/definition';

/**
 * Each registered provider's definition. The list of providers is
 * `PROVIDER_IDENTITIES` (display.ts); the `Record` makes a provider without a
 * definition a compile error.
 */
const DEFINITIONS: Readonly<Record<Provider, ProviderDefinition>> = {
  CAREEM: careemProvider,
  TALABAT: talabatProvider,
  DELIVEROO: deliverooProvider,
  JAHEZ: jahezProvider,
  HUNGERSTATION: hungerstationProvider,
};

/** Every definition, in registry order. */
export const PROVIDER_DEFINITIONS: readonly ProviderDefinition[] = PROVIDERS.map((provider) => DEFINITIONS[provider]);

export function providerDefinition(provider: Provider): ProviderDefinition {
  return DEFINITIONS[provider];
}

export function adapterFor(provider: Provider): ProviderAdapter {
  return DEFINITIONS[provider].adapter;
}

/** The `:provider` segment of a webhook URL, in any case ('careem', 'Talabat'), or null for any other value. */
export function providerFromPath(segment: string): Provider | null {
  return providerOfPathSegment(segment.toLowerCase());
}
