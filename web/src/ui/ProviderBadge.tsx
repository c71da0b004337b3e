import { providerStyle } from './providers';

export function ProviderBadge({ provider }: { provider: string }) {
  const style = providerStyle(provider);
  return (
    <span translate="no" className="badge provider-badge" style={{ backgroundColor: style.color, color: style.ink }}>
      {style.label}
    </span>
  );
}
