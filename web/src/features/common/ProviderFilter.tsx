import { PROVIDERS, providerStyle } from '../../ui/providers';
import { SelectFilter, type FilterPickerProps } from './SelectFilter';

const PROVIDER_CHOICES = PROVIDERS.map((provider) => ({ value: provider, label: providerStyle(provider).label }));

/** A filter's provider picker (docs/dashboard.md): every provider by its own name, or all of them. */
export function ProviderFilter(props: FilterPickerProps) {
  return <SelectFilter {...props} options={PROVIDER_CHOICES} names />;
}
