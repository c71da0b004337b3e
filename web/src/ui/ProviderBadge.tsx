import { providerStyle } from './providers';

export function ProviderBadge({ provider }: { provider: string }) {
  const style = providerStyle(provider);
  return (
    // The title keeps the whole name where a narrow cell cuts the badge short.
    <span
      translate="no"
      className="badge provider-badge"
      title={style.label}
      style={{ backgroundColor: style.color, color: style.ink }}
    >
      {style.label}
    </span>
  );
}
