/** What every filter picker of a filter bar takes (docs/dashboard.md); the caller translates the words. */
export type FilterPickerProps = {
  label: string;
  /** The first choice, nothing picked (value ''). */
  allLabel: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
};

export type SelectFilterOption = { value: string; label: string };

type SelectFilterProps = FilterPickerProps & {
  options: readonly SelectFilterOption[];
  /**
   * The choices are names (providers, connections): shown as they are and
   * marked `translate="no"` (docs/dashboard.md, "Language").
   */
  names?: boolean;
};

/**
 * One choice of a filter bar: its label, "all" first, then the choices in
 * the order given. The direction comes from the page (right to left in
 * Arabic), so the picker sets none of its own.
 */
export function SelectFilter({ label, allLabel, value, options, names = false, onChange }: SelectFilterProps) {
  return (
    <label>
      {label}
      <select value={value} onChange={onChange}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value} translate={names ? 'no' : undefined}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
