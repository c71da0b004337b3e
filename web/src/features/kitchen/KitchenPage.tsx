import { useCallback, useMemo, useRef, useState } from 'react';
import { useLiveStatus } from '../../common/live-status';
import { Link } from '../../common/router';
import { useWorkspace } from '../../common/workspace';
import { fill } from '../../ui/fill';
import { formatHourMinute } from '../../ui/time';
import { useAutoPrint } from '../printing/useAutoPrint';
import { BumpBar } from './BumpBar';
import { KITCHEN_COLUMNS, ticketsByColumn } from './kitchen-board';
import { kitchenStep, type KitchenStep } from './kitchen-bump';
import { kitchenText } from './kitchen-text';
import { RecallPanel } from './RecallPanel';
import { TicketCard } from './TicketCard';
import { useKitchenBoard, type KitchenOrder } from './useKitchenBoard';
import { useKitchenBumps } from './useKitchenBumps';
import { useFullScreen, useScreenWakeLock } from './useKitchenDevice';
import { useSecondClock } from './useSecondClock';

function WallClock({ timeZone }: { timeZone: string }) {
  const now = useSecondClock();
  return <span className="kitchen-clock">{formatHourMinute(now, timeZone)}</span>;
}

/**
 * The kitchen display: a full-screen board for a tablet at the pass. New
 * orders wait on the left; a tap takes a ticket one column to the right,
 * and off the board once picked up. Made for touch (large targets, no
 * hover, nothing needs a keyboard), at 1024x768 and up.
 */
export function KitchenPage() {
  const { user, tenant } = useWorkspace();
  const live = useLiveStatus();
  const { board, boardRef, read, apply, clear } = useKitchenBoard();
  const bumps = useKitchenBumps(boardRef, apply);
  const columns = useMemo(() => ticketsByColumn(board, bumps.moving), [board, bumps.moving]);
  const open = useMemo(
    () => [...board.tickets.values()].filter((ticket) => ticket.cancelledAt === null).map((ticket) => ticket.order),
    [board],
  );
  const autoPrint = useAutoPrint(open, read.loaded);
  const fullScreen = useFullScreen();
  const [recalling, setRecalling] = useState(false);
  useScreenWakeLock();

  // Read through a ref so the tap handler stays the same function and untouched tickets do not re-render.
  const moving = useRef(bumps.moving);
  moving.current = bumps.moving;
  const { bump } = bumps;
  const onBump = useCallback(
    (order: KitchenOrder, step: KitchenStep, prepMinutes: number | null) =>
      bump({
        id: order.id,
        displayCode: order.displayCode,
        from: moving.current.get(order.id) ?? order.status,
        to: step.to,
        action: step.action,
        prepMinutes,
      }),
    [bump],
  );

  return (
    <div className="kitchen" data-testid="kitchen">
      <header className="kitchen-bar">
        <h1>{kitchenText().title}</h1>
        <span className="kitchen-tenant" translate="no">
          {tenant.name}
        </span>
        <WallClock timeZone={tenant.timeZone} />
        <span className={`kitchen-live kitchen-live-${live}`} role="status">
          {kitchenText().live[live]}
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="kitchen-button"
          aria-pressed={autoPrint.enabled}
          title={
            autoPrint.enabled && !autoPrint.printing ? kitchenText().autoPrintElsewhere : kitchenText().autoPrintHint
          }
          disabled={!read.loaded}
          onClick={autoPrint.toggle}
        >
          {kitchenText().autoPrint}
        </button>
        <button type="button" className="kitchen-button" onClick={() => setRecalling(true)}>
          {kitchenText().recall}
        </button>
        {fullScreen.available && (
          <button type="button" className="kitchen-button" onClick={fullScreen.toggle}>
            {fullScreen.fullScreen ? kitchenText().leaveFullScreen : kitchenText().fullScreen}
          </button>
        )}
        <Link to="/" className="kitchen-button kitchen-exit">
          {kitchenText().exit}
        </Link>
      </header>
      {(read.error || read.notShown > 0 || autoPrint.failure) && (
        <div className="kitchen-notice" role="alert">
          {read.error && <p>{fill(kitchenText().readFailed, { message: read.error.message })}</p>}
          {read.notShown > 0 && <p>{fill(kitchenText().notShown, { count: read.notShown })}</p>}
          {autoPrint.failure && <p>{autoPrint.failure}</p>}
        </div>
      )}
      <main className="kitchen-columns" aria-busy={!read.loaded}>
        {KITCHEN_COLUMNS.map((column) => (
          <section
            key={column}
            className={`kitchen-column kitchen-column-${column.toLowerCase()}`}
            aria-label={kitchenText().columns[column]}
          >
            <h2>
              {kitchenText().columns[column]} <span className="kitchen-count">{columns[column].length}</span>
            </h2>
            {!read.loaded && column === 'NEW' && <p className="kitchen-empty">{kitchenText().loading}</p>}
            {read.loaded && columns[column].length === 0 && (
              <p className="kitchen-empty">{kitchenText().emptyColumn}</p>
            )}
            <ul className="kitchen-tickets">
              {columns[column].map((ticket) => {
                const movingTo = bumps.moving.get(ticket.order.id) ?? null;
                return (
                  <TicketCard
                    key={ticket.order.id}
                    ticket={ticket}
                    movingTo={movingTo}
                    step={kitchenStep(movingTo ?? ticket.order.status, user.role)}
                    timeZone={tenant.timeZone}
                    onBump={onBump}
                    onClear={clear}
                  />
                );
              })}
            </ul>
          </section>
        ))}
      </main>
      <BumpBar pending={bumps.pending} failures={bumps.failures} onUndo={bumps.undo} onDismiss={bumps.dismissFailure} />
      {recalling && <RecallPanel departed={board.departed} onClose={() => setRecalling(false)} />}
    </div>
  );
}
