import { fill } from '../../ui/fill';
import type { PendingBump } from './kitchen-bump';
import { kitchenText } from './kitchen-text';
import type { BumpFailure } from './useKitchenBumps';
import { useSecondClock } from './useSecondClock';

type Props = {
  pending: readonly PendingBump[];
  failures: readonly BumpFailure[];
  onUndo: (id: string) => void;
  onDismiss: (id: string) => void;
};

/** The bottom bar: each bump still in its undo window with a big Undo, and bumps that did not go through. */
export function BumpBar({ pending, failures, onUndo, onDismiss }: Props) {
  const now = useSecondClock();
  if (pending.length === 0 && failures.length === 0) return <div className="kitchen-bumps" aria-live="polite" />;
  return (
    <div className="kitchen-bumps" aria-live="polite">
      {pending.map((bump) => (
        <div key={bump.id} className="kitchen-bump">
          <span>{fill(kitchenText().moving, { code: bump.displayCode, step: kitchenText().step[bump.to] })}</span>
          <button
            type="button"
            className="kitchen-button"
            onClick={() => onUndo(bump.id)}
            aria-label={fill(kitchenText().undoLabel, { code: bump.displayCode })}
          >
            {fill(kitchenText().undo, { seconds: Math.max(0, Math.ceil((bump.sendsAt - now) / 1000)) })}
          </button>
        </div>
      ))}
      {failures.map((failure) => (
        <div key={failure.id} className="kitchen-bump kitchen-bump-failed" role="alert">
          <span>{failure.message}</span>
          <button type="button" className="kitchen-button" onClick={() => onDismiss(failure.id)}>
            {kitchenText().dismiss}
          </button>
        </div>
      ))}
    </div>
  );
}
