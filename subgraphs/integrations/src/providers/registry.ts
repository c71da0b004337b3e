import type { Provider } from '@nexara/kit';
import type { ProviderAdapter } from './adapter';
import { careemAdapter } from './careem/careem.adapter';
import { deliverooAdapter } from './deliveroo/deliveroo.adapter';
import { jahezAdapter } from './jahez/jahez.adapter';
import { talabatAdapter } from './talabat/talabat.adapter';

/** One adapter per provider; the `Record` makes a new provider without an adapter a compile error. */
export const ADAPTERS: Readonly<Record<Provider, ProviderAdapter>> = {
  CAREEM: careemAdapter,
  TALABAT: talabatAdapter,
  DELIVEROO: deliverooAdapter,
  JAHEZ: jahezAdapter,
};

export function adapterFor(provider: Provider): ProviderAdapter {
  return ADAPTERS[provider];
}

/** The `:provider` segment of a webhook URL ('careem', 'talabat', ...), or null for any other value. */
export function providerFromPath(segment: string): Provider | null {
  const provider = segment.toUpperCase();
  return Object.prototype.hasOwnProperty.call(ADAPTERS, provider) ? (provider as Provider) : null;
}
