import { useQuery } from '@apollo/client/react';
import { CONNECTION_CHOICES } from './connection.operations';

type ConnectionFilterProps = {
  label: string;
  /** The first choice, no connection picked (value ''). */
  allLabel: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
};

/** A filter's connection picker (docs/dashboard.md): every connection of the tenant by name, or all of them. */
export function ConnectionFilter({ label, allLabel, value, onChange }: ConnectionFilterProps) {
  const { data } = useQuery(CONNECTION_CHOICES);
  return (
    <label>
      {label}
      <select value={value} onChange={onChange} translate="no">
        <option value="">{allLabel}</option>
        {data?.connections.map((connection) => (
          <option key={connection.id} value={connection.id}>
            {connection.name}
          </option>
        ))}
      </select>
    </label>
  );
}
