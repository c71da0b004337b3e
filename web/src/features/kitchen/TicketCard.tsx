import { memo, type KeyboardEvent } from 'react';
import { BilingualText } from '../../ui/BilingualText';
import { clock } from '../../ui/countdown';
import { fill } from '../../ui/fill';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { formatHourMinute } from '../../ui/time';
import { PrintTicketButton } from '../printing/PrintTicketButton';
import type { BoardTicket } from './kitchen-board';
import { KITCHEN_PREP_CHOICES, type KitchenStep } from './kitchen-bump';
import { kitchenText } from './kitchen-text';
import { ticketUrgency } from './ticket-urgency';
import type { KitchenOrder } from './useKitchenBoard';
import { useSecondClock } from './useSecondClock';

type Modifier = { name: string; quantity: number; modifiers?: readonly Modifier[] | null };

function Modifiers({ modifiers }: { modifiers: readonly Modifier[] }) {
  if (modifiers.length === 0) return null;
  return (
    <ul className="kt-modifiers">
      {modifiers.map((modifier, index) => (
        <li key={index}>
          {modifier.quantity > 1 && <span className="kt-qty">{modifier.quantity}×</span>}
          <BilingualText text={modifier.name} />
          <Modifiers modifiers={modifier.modifiers ?? []} />
        </li>
      ))}
    </ul>
  );
}

/** What to cook: large, items first, modifiers under them, notes where nobody can miss them. */
export function TicketItems({ order }: { order: KitchenOrder }) {
  return (
    <>
      <ul className="kt-items">
        {order.items.map((item, index) => (
          <li key={index}>
            <span className="kt-qty">{item.quantity}×</span>
            <BilingualText className="kt-item-name" text={item.name} />
            <Modifiers modifiers={item.modifiers} />
            {item.notes && (
              <p className="kt-note" dir="auto" translate="no">
                {item.notes}
              </p>
            )}
          </li>
        ))}
      </ul>
      {order.notes && (
        <p className="kt-order-note" dir="auto" translate="no">
          {order.notes}
        </p>
      )}
    </>
  );
}

/** The ticket's head: the only part that changes every second (one shared clock), coloured by urgency. */
function TicketHead({ order, timeZone, moving }: { order: KitchenOrder; timeZone: string; moving: boolean }) {
  const now = useSecondClock();
  const urgency = ticketUrgency(order, now);
  const due =
    urgency.dueAt === null
      ? null
      : order.status === 'RECEIVED'
        ? fill(kitchenText().acceptBy, { time: formatHourMinute(urgency.dueAt, timeZone) })
        : fill(kitchenText().readyBy, { time: formatHourMinute(urgency.dueAt, timeZone) });
  return (
    <header className={`kt-head kt-${moving ? 'moving' : urgency.level}`} data-urgency={urgency.level}>
      <span className="kt-code">#{order.displayCode}</span>
      <span className="kt-timer" role="timer">
        {clock(urgency.elapsedSeconds)}
      </span>
      <span className="kt-meta">
        <ProviderBadge provider={order.provider} />
        <span className="kt-kind">{order.delivery ? kitchenText().delivery : kitchenText().pickUp}</span>
        {order.customer?.name && (
          <span dir="auto" translate="no">
            {order.customer.name}
          </span>
        )}
      </span>
      {due && <span className="kt-due">{due}</span>}
    </header>
  );
}

type Props = {
  ticket: BoardTicket<KitchenOrder>;
  /** Where a bump still in its undo window (or on its way) is taking it. */
  movingTo: string | null;
  /** What a tap does now; null when nothing (a role that may not, a final order). */
  step: KitchenStep | null;
  timeZone: string;
  onBump: (order: KitchenOrder, step: KitchenStep, prepMinutes: number | null) => void;
  onClear: (id: string) => void;
};

/**
 * One ticket. Tapping its body takes the order one step on (a new order
 * offers prep times instead); a cancelled ticket says so until tapped away.
 * Works by touch alone; Enter and Space work too.
 */
export const TicketCard = memo(function TicketCard({ ticket, movingTo, step, timeZone, onBump, onClear }: Props) {
  const { order } = ticket;
  const cancelled = ticket.cancelledAt !== null;
  const status = cancelled ? 'CANCELLED' : (movingTo ?? order.status);
  const bumpable = !cancelled && step !== null && step.action !== 'ACCEPT';
  const activate = () => {
    if (cancelled) onClear(order.id);
    else if (bumpable) onBump(order, step, null);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate();
    }
  };
  const interactive = cancelled || bumpable;
  return (
    <li className={`kt${cancelled ? ' kt-cancelled' : ''}${movingTo ? ' kt-is-moving' : ''}`}>
      <article aria-label={`Order ${order.displayCode}`} data-testid="kitchen-ticket" data-status={status}>
        <TicketHead order={order} timeZone={timeZone} moving={movingTo !== null} />
        <div
          className="kt-body"
          {...(interactive
            ? {
                role: 'button',
                tabIndex: 0,
                onClick: activate,
                onKeyDown,
                'aria-label': cancelled
                  ? fill(kitchenText().clearCancelled, { code: order.displayCode })
                  : fill(kitchenText().bumpLabel, {
                      code: order.displayCode,
                      step: step ? kitchenText().step[step.to] : status,
                    }),
              }
            : {})}
        >
          {cancelled && <p className="kt-cancel-banner">{kitchenText().cancelled}</p>}
          <TicketItems order={order} />
        </div>
        {!cancelled && order.status !== 'RECEIVED' && (
          <div className="kt-foot">
            <PrintTicketButton orderId={order.id} className="kt-print" />
          </div>
        )}
        {!cancelled && step?.action === 'ACCEPT' && !movingTo && (
          <div className="kt-accept">
            <span className="kt-accept-caption">{kitchenText().acceptIn}</span>
            {KITCHEN_PREP_CHOICES.map((minutes) => (
              <button
                key={minutes}
                type="button"
                onClick={() => onBump(order, step, minutes)}
                aria-label={fill(kitchenText().acceptLabel, { code: order.displayCode, minutes })}
              >
                {fill(kitchenText().minutes, { minutes })}
              </button>
            ))}
          </div>
        )}
      </article>
    </li>
  );
});
