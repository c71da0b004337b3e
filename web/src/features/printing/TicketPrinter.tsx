import { useApolloClient } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useWorkspace } from '../../common/workspace';
import { ORDER_DETAIL } from '../common/order-detail.operations';
import { OrderTicket } from './OrderTicket';
import { ticketPageRule, type PrintableOrder } from './ticket-lines';

export type PrintOptions = {
  /** Called as the ticket goes to the browser's print, after its data was read: the moment it counts as printed. */
  onPrinting?: () => void;
};

export type Printer = {
  /** Prints the order's ticket; resolves once the browser says printing is over, rejects if the order could not be read. */
  print: (orderId: string, options?: PrintOptions) => Promise<void>;
  /** The order whose ticket is being printed now, if any. */
  printing: string | null;
};

/** While a ticket prints, only the ticket is laid out for print (print.css). */
export const PRINTING_CLASS = 'printing-ticket';
/**
 * Browsers send `afterprint` when the print dialog closes; should one never
 * do so, the queue moves on after this long instead of stalling.
 */
export const AFTERPRINT_FALLBACK_MS = 60_000;

type Job = { orderId: string; order: PrintableOrder; printedAt: number; onPrinting?: () => void; done: () => void };
type Queued = { orderId: string; options: PrintOptions; resolve: () => void; reject: (error: Error) => void };

const PrinterContext = createContext<Printer | null>(null);

export function usePrinter(): Printer {
  const printer = useContext(PrinterContext);
  if (!printer) throw new Error('usePrinter outside <TicketPrinterProvider>');
  return printer;
}

/**
 * Prints order tickets from any page, one at a time: reads the order (the
 * order drawer's query, fresh: the ticket shows the order as it is now),
 * renders its ticket outside the page's own content, sizes the print page
 * to it (80 mm wide, as long as the ticket), hides everything else from
 * print and calls the browser's print. A kiosk tablet started with
 * Chromium's `--kiosk-printing` prints without a dialog.
 */
export function TicketPrinterProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const { tenant } = useWorkspace();
  const [job, setJob] = useState<Job | null>(null);
  const queue = useRef<Queued[]>([]);
  const running = useRef(false);
  const alive = useRef(true);
  const root = useRef<HTMLDivElement>(null);

  const runNext = useCallback(async (): Promise<void> => {
    if (running.current || !alive.current) return;
    const next = queue.current.shift();
    if (!next) return;
    running.current = true;
    try {
      const { data } = await client.query({
        query: ORDER_DETAIL,
        variables: { id: next.orderId },
        fetchPolicy: 'no-cache',
      });
      if (!data) throw new Error(`Order ${next.orderId} could not be read.`);
      if (!alive.current) throw new Error('The page closed before the ticket was printed.');
      await new Promise<void>((done) =>
        setJob({
          orderId: next.orderId,
          order: data.order,
          printedAt: Date.now(),
          onPrinting: next.options.onPrinting,
          done,
        }),
      );
      next.resolve();
    } catch (error) {
      next.reject(error as Error);
    } finally {
      running.current = false;
      if (alive.current) setJob(null);
      void runNext();
    }
  }, [client]);

  const print = useCallback(
    (orderId: string, options: PrintOptions = {}) =>
      new Promise<void>((resolve, reject) => {
        queue.current.push({ orderId, options, resolve, reject });
        void runNext();
      }),
    [runNext],
  );

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      for (const queued of queue.current.splice(0))
        queued.reject(new Error('The page closed before the ticket was printed.'));
    };
  }, []);

  // A ticket is rendered: size the paper to it, print, and tidy up when the browser is done.
  useEffect(() => {
    if (!job) return;
    let finished = false;
    let fallback: ReturnType<typeof setTimeout> | undefined;
    const page = document.createElement('style');
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(fallback);
      window.removeEventListener('afterprint', finish);
      document.body.classList.remove(PRINTING_CLASS);
      page.remove();
      job.done();
    };
    const frame = requestAnimationFrame(() => {
      page.textContent = ticketPageRule(root.current?.scrollHeight ?? 0);
      document.head.appendChild(page);
      document.body.classList.add(PRINTING_CLASS);
      window.addEventListener('afterprint', finish);
      job.onPrinting?.();
      window.print();
      if (!finished) fallback = setTimeout(finish, AFTERPRINT_FALLBACK_MS);
    });
    return () => {
      cancelAnimationFrame(frame);
      finish();
    };
  }, [job]);

  const printer = useMemo<Printer>(() => ({ print, printing: job?.orderId ?? null }), [print, job]);
  return (
    <PrinterContext.Provider value={printer}>
      {children}
      {createPortal(
        <div className="print-root" ref={root} aria-hidden={job ? undefined : true} data-testid="print-root">
          {job && (
            <OrderTicket
              order={job.order}
              tenantName={tenant.name}
              timeZone={tenant.timeZone}
              printedAt={job.printedAt}
            />
          )}
        </div>,
        document.body,
      )}
    </PrinterContext.Provider>
  );
}
