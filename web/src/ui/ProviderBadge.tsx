/** One colour per provider, used everywhere a provider is shown. */
export const PROVIDER_STYLE: Record<string, { label: string; color: string }> = {
  CAREEM: { label: 'Careem', color: '#1a9e5b' },
  TALABAT: { label: 'Talabat', color: '#ff5a00' },
  DELIVEROO: { label: 'Deliveroo', color: '#00a8a0' },
  JAHEZ: { label: 'Jahez', color: '#c8102e' },
};

export function ProviderBadge({ provider }: { provider: string }) {
  const style = PROVIDER_STYLE[provider] ?? { label: provider, color: '#666' };
  return (
    <span className="provider-badge" style={{ backgroundColor: style.color }}>
      {style.label}
    </span>
  );
}
