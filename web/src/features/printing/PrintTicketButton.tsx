import { useState } from 'react';
import { fill } from '../../ui/fill';
import { InlineError } from '../../ui/states';
import { printingText } from './printing-text';
import { usePrinter } from './TicketPrinter';

/** Prints an order's 80 mm ticket (the order drawer, the kitchen display's recall). */
export function PrintTicketButton({ orderId, className }: { orderId: string; className?: string }) {
  const printer = usePrinter();
  const [error, setError] = useState<Error | null>(null);
  const busy = printer.printing === orderId;
  const print = () => {
    setError(null);
    printer
      .print(orderId)
      .catch((failure: Error) => setError(new Error(fill(printingText().printFailed, { message: failure.message }))));
  };
  return (
    <>
      <button type="button" className={className} onClick={print} disabled={busy}>
        {busy ? printingText().printing : printingText().print}
      </button>
      <InlineError error={error} />
    </>
  );
}
