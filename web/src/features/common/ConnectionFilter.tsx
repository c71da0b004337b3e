import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { CONNECTION_CHOICES } from './connection.operations';
import { SelectFilter, type FilterPickerProps } from './SelectFilter';

/** A filter's connection picker (docs/dashboard.md): every connection of the tenant by name, or all of them. */
export function ConnectionFilter(props: FilterPickerProps) {
  const { data } = useQuery(CONNECTION_CHOICES);
  const options = useMemo(
    () => data?.connections.map((connection) => ({ value: connection.id, label: connection.name })) ?? [],
    [data],
  );
  return <SelectFilter {...props} options={options} names />;
}
