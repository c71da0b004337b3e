import { BilingualText } from '../../ui/BilingualText';
import { fill } from '../../ui/fill';
import { providerStyle } from '../../ui/providers';
import { formatDateTime, formatHourMinute } from '../../ui/time';
import { printingText } from './printing-text';
import { ticketItemLines, ticketTotals, type PrintableOrder } from './ticket-lines';

type Props = { order: PrintableOrder; tenantName: string; timeZone: string; printedAt: number };

/**
 * An order as a thermal printer prints it: 80 mm wide, one column of text,
 * black on white, large order code, what to cook, then the money. Styles in
 * print.css; the page itself is sized by TicketPrinter.
 */
export function OrderTicket({ order, tenantName, timeZone, printedAt }: Props) {
  const lines = ticketItemLines(order.items);
  const readyBy =
    order.acceptedAt && order.prepMinutes ? Date.parse(order.acceptedAt) + order.prepMinutes * 60_000 : null;
  return (
    <article className="ticket" aria-label={fill(printingText().ticketLabel, { code: order.displayCode })}>
      <header className="ticket-head">
        <div dir="auto">{tenantName}</div>
        <div dir="auto">{order.connection.name}</div>
        <div className="ticket-code">#{order.displayCode}</div>
        <div className="ticket-kind">
          {order.delivery ? printingText().delivery : printingText().pickUp} · {providerStyle(order.provider).label}
        </div>
      </header>
      <dl className="ticket-facts">
        <dt>{printingText().placed}</dt>
        <dd>{formatDateTime(order.placedAt, timeZone)}</dd>
        {order.acceptedAt && (
          <>
            <dt>{printingText().accepted}</dt>
            <dd>{formatHourMinute(order.acceptedAt, timeZone)}</dd>
          </>
        )}
        {readyBy !== null && (
          <>
            <dt>{printingText().readyBy}</dt>
            <dd className="ticket-strong">{formatHourMinute(readyBy, timeZone)}</dd>
          </>
        )}
        {order.customer?.name && (
          <>
            <dt>{printingText().customer}</dt>
            <dd dir="auto">{order.customer.name}</dd>
          </>
        )}
        {order.customer?.phone && (
          <>
            <dt>{printingText().phone}</dt>
            <dd dir="ltr">{order.customer.phone}</dd>
          </>
        )}
        {order.delivery?.address && (
          <>
            <dt>{printingText().address}</dt>
            <dd dir="auto">{order.delivery.address}</dd>
          </>
        )}
        {order.delivery?.notes && (
          <>
            <dt>{printingText().deliveryNotes}</dt>
            <dd dir="auto">{order.delivery.notes}</dd>
          </>
        )}
      </dl>
      <ol className="ticket-items">
        {lines.map((line, index) =>
          line.kind === 'note' ? (
            <li key={index} className="ticket-note" dir="auto">
              » {line.text}
            </li>
          ) : (
            <li key={index} className={line.kind === 'item' ? 'ticket-item' : `ticket-modifier depth-${line.depth}`}>
              <span className="ticket-qty">
                {line.kind === 'item' ? `${line.quantity}×` : line.quantity > 1 ? `${line.quantity}×` : '+'}
              </span>
              <BilingualText className="ticket-name" text={line.name} />
              <span className="ticket-amount">{line.amount}</span>
            </li>
          ),
        )}
      </ol>
      {order.notes && (
        <div className="ticket-order-notes">
          <strong>{printingText().orderNotes}</strong>
          <div dir="auto">{order.notes}</div>
        </div>
      )}
      <table className="ticket-totals">
        <tbody>
          {ticketTotals(order).map((line) => (
            <tr key={line.label} className={line.label === 'total' ? 'ticket-total' : undefined}>
              <th scope="row">{printingText()[line.label]}</th>
              <td>{line.amount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {order.payment && (
        <div className="ticket-payment">
          {order.payment.paid
            ? fill(printingText().paid, { method: order.payment.method })
            : fill(printingText().toCollect, { method: order.payment.method })}
        </div>
      )}
      <footer className="ticket-foot">
        <div>
          {fill(printingText().providerOrder, { provider: providerStyle(order.provider).label, id: order.externalId })}
        </div>
        <div>
          {fill(printingText().printedAt, { time: formatDateTime(new Date(printedAt).toISOString(), timeZone) })}
        </div>
      </footer>
    </article>
  );
}
