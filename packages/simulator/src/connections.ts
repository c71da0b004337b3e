import { PROVIDERS, providerIdentity, type Provider, type SimulatedConnection } from '@nexara/providers';

/** Every registered provider: the simulator plays each through its folder's `simulator.ts`. */
export const SIMULATED_PROVIDERS = PROVIDERS;

export type SimulatedProvider = Provider;

export type { SimulatedConnection };

/** Lower-case path segment of a provider (`/webhooks/<slug>/...`, `/<slug>/...` on the provider API). */
export function providerSlug(provider: SimulatedProvider): string {
  return providerIdentity(provider).pathSegment;
}

export function isSimulatedProvider(value: string): value is SimulatedProvider {
  return (SIMULATED_PROVIDERS as readonly string[]).includes(value);
}
