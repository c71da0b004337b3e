import type { BranchChoice } from './useBranchChoice';

/** A select of the tenant's branches; names are shown as they are, never translated. */
export function BranchPicker({
  label,
  branches,
  value,
  onPick,
}: {
  label: string;
  branches: readonly BranchChoice[];
  value: string;
  onPick: (branchId: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onPick(event.target.value)} translate="no">
        {branches.map((branch) => (
          <option key={branch.id} value={branch.id}>
            {branch.name}
          </option>
        ))}
      </select>
    </label>
  );
}
