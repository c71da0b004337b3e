import { BilingualText } from '../../ui/BilingualText';
import { fill } from '../../ui/fill';
import { providerStyle } from '../../ui/providers';
import { formatDateTime, formatHourMinute } from '../../ui/time';
import { PRINTING_TEXT } from './printing.strings';
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
    <article className="ticket" aria-label={fill(PRINTING_TEXT.ticketLabel, { code: order.displayCode })}>
      <header className="ticket-head">
        <div dir="auto">{tenantName}</div>
        <div dir="auto">{order.connection.name}</div>
        <div className="ticket-code">#{order.displayCode}</div>
        <div className="ticket-kind">
          {order.delivery ? PRINTING_TEXT.delivery : PRINTING_TEXT.pickUp} · {providerStyle(order.provider).label}
        </div>
      </header>
      <dl className="ticket-facts">
        <dt>{PRINTING_TEXT.placed}</dt>
        <dd>{formatDateTime(order.placedAt, timeZone)}</dd>
        {order.acceptedAt && (
          <>
            <dt>{PRINTING_TEXT.accepted}</dt>
            <dd>{formatHourMinute(order.acceptedAt, timeZone)}</dd>
          </>
        )}
        {readyBy !== null && (
          <>
            <dt>{PRINTING_TEXT.readyBy}</dt>
            <dd className="ticket-strong">{formatHourMinute(readyBy, timeZone)}</dd>
          </>
        )}
        {order.customer?.name && (
          <>
            <dt>{PRINTING_TEXT.customer}</dt>
            <dd dir="auto">{order.customer.name}</dd>
          </>
        )}
        {order.customer?.phone && (
          <>
            <dt>{PRINTING_TEXT.phone}</dt>
            <dd dir="ltr">{order.customer.phone}</dd>
          </>
        )}
        {order.delivery?.address && (
          <>
            <dt>{PRINTING_TEXT.address}</dt>
            <dd dir="auto">{order.delivery.address}</dd>
          </>
        )}
        {order.delivery?.notes && (
          <>
            <dt>{PRINTING_TEXT.deliveryNotes}</dt>
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
          <strong>{PRINTING_TEXT.orderNotes}</strong>
          <div dir="auto">{order.notes}</div>
        </div>
      )}
      <table className="ticket-totals">
        <tbody>
          {ticketTotals(order).map((line) => (
            <tr key={line.label} className={line.label === 'total' ? 'ticket-total' : undefined}>
              <th scope="row">{PRINTING_TEXT[line.label]}</th>
              <td>{line.amount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {order.payment && (
        <div className="ticket-payment">
          {order.payment.paid
            ? fill(PRINTING_TEXT.paid, { method: order.payment.method })
            : fill(PRINTING_TEXT.toCollect, { method: order.payment.method })}
        </div>
      )}
      <footer className="ticket-foot">
        <div>
          {fill(PRINTING_TEXT.providerOrder, { provider: providerStyle(order.provider).label, id: order.externalId })}
        </div>
        <div>
          {fill(PRINTING_TEXT.printedAt, { time: formatDateTime(new Date(printedAt).toISOString(), timeZone) })}
        </div>
      </footer>
    </article>
  );
}
