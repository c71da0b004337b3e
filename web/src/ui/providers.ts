/**
 * The one place provider colours and names live: badges, chart series, tiles
 * and grid cells all read them here, so Talabat is the same orange everywhere.
 */
export const PROVIDERS = ['CAREEM', 'TALABAT', 'DELIVEROO', 'JAHEZ'] as const;
export type ProviderCode = (typeof PROVIDERS)[number];

type ProviderStyle = { label: string; color: string; /** Text colour readable on `color`. */ ink: string };

const STYLES: Record<ProviderCode, ProviderStyle> = {
  CAREEM: { label: 'Careem', color: '#1a7f4b', ink: '#fff' },
  TALABAT: { label: 'Talabat', color: '#d94a00', ink: '#fff' },
  DELIVEROO: { label: 'Deliveroo', color: '#00857e', ink: '#fff' },
  JAHEZ: { label: 'Jahez', color: '#b50e29', ink: '#fff' },
};

const UNKNOWN: ProviderStyle = { label: 'Unknown', color: '#5b6475', ink: '#fff' };

export function providerStyle(provider: string): ProviderStyle {
  return STYLES[provider as ProviderCode] ?? { ...UNKNOWN, label: provider };
}
