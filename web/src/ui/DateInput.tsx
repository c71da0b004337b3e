import { useEffect, useState } from 'react';
import { dateOrderFor, datePattern, formatDateEntry, parseDateEntry } from './date-entry';

type Props = {
  /** An ISO calendar date ("2026-03-05") or "" for none. */
  value: string;
  onChange: (isoDate: string) => void;
  /** The tenant's zone: it decides the order of day and month. */
  timeZone: string;
  label: string;
};

/**
 * A date field in the tenant's pattern (dd/mm/yyyy in Riyadh) whatever the
 * browser's locale. The value changes once the text is a whole real date
 * (or empty); anything else is marked invalid and left as typed.
 */
export function DateInput({ value, onChange, timeZone, label }: Props) {
  const order = dateOrderFor(timeZone);
  const [text, setText] = useState(() => formatDateEntry(value, order));
  useEffect(() => {
    // A value set from outside (Clear) replaces what was typed, unless it is the same date.
    setText((typed) => (parseDateEntry(typed, order) === value ? typed : formatDateEntry(value, order)));
  }, [value, order]);
  const parsed = parseDateEntry(text, order);
  const invalid = text.trim() !== '' && parsed === null;
  return (
    <label>
      {label}
      <input
        type="text"
        inputMode="numeric"
        className="date-input"
        placeholder={datePattern(order)}
        title={`${label}: ${datePattern(order)}`}
        value={text}
        aria-invalid={invalid || undefined}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          if (next.trim() === '') onChange('');
          else {
            const date = parseDateEntry(next, order);
            if (date) onChange(date);
          }
        }}
        onBlur={() => {
          if (parsed) setText(formatDateEntry(parsed, order));
        }}
      />
    </label>
  );
}
