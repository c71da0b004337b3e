import { PROVIDER_IDENTITIES, PROVIDERS, type Provider } from '@nexara/providers/display';

/**
 * Provider colours and names for badges, chart series, tiles and grid cells,
 * read from the provider registry (@nexara/providers/display), so each
 * provider is the same colour everywhere and a new one needs nothing here.
 */
export { PROVIDERS };
export type ProviderCode = Provider;

type ProviderStyle = { label: string; color: string; /** Text colour readable on `color`. */ ink: string };

const STYLES = new Map<string, ProviderStyle>(
  PROVIDER_IDENTITIES.map((identity) => [
    identity.code,
    { label: identity.name, color: identity.color, ink: identity.ink },
  ]),
);

const UNKNOWN: ProviderStyle = { label: 'Unknown', color: '#5b6475', ink: '#fff' };

export function providerStyle(provider: string): ProviderStyle {
  return STYLES.get(provider) ?? { ...UNKNOWN, label: provider };
}
