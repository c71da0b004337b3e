import { useEffect, useRef } from 'react';
import { StatusBadge } from '../../ui/StatusBadge';
import { PrintTicketButton } from '../printing/PrintTicketButton';
import { kitchenText } from './kitchen-text';
import { TicketItems } from './TicketCard';
import type { KitchenOrder } from './useKitchenBoard';

/**
 * The last tickets that left the board (picked up, cleared, moved on
 * elsewhere), newest first, to read again or reprint. A bump still inside
 * its undo window is taken back from the bar at the bottom instead.
 */
export function RecallPanel({ departed, onClose }: { departed: readonly KitchenOrder[]; onClose: () => void }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);
  return (
    <div className="kitchen-overlay" onClick={onClose}>
      <div
        className="kitchen-recall"
        role="dialog"
        aria-modal="true"
        aria-label={kitchenText().recallTitle}
        tabIndex={-1}
        ref={panel}
        onClick={(event) => event.stopPropagation()}
      >
        <header>
          <h2>{kitchenText().recallTitle}</h2>
          <button type="button" className="kitchen-button" onClick={onClose}>
            {kitchenText().close}
          </button>
        </header>
        {departed.length === 0 ? (
          <p>{kitchenText().recallEmpty}</p>
        ) : (
          <ul className="kitchen-recall-list">
            {departed.map((order) => (
              <li key={order.id} className="kt" data-testid="recalled-ticket">
                <article aria-label={`Order ${order.displayCode}`}>
                  <header className="kt-head kt-ok">
                    <span className="kt-code">#{order.displayCode}</span>
                    <StatusBadge status={order.status} />
                  </header>
                  <div className="kt-body">
                    <TicketItems order={order} />
                  </div>
                  <div className="kt-foot">
                    <PrintTicketButton orderId={order.id} />
                  </div>
                </article>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
