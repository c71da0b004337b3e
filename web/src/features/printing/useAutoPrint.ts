import { useCallback, useEffect, useRef, useState } from 'react';
import {
  AUTO_PRINT_SETTING_KEY,
  autoPrintEnabled,
  markPrinted,
  ordersInProgress,
  ordersToAutoPrint,
  printedOrders,
  setAutoPrint,
} from './auto-print.store';
import { usePrinter } from './TicketPrinter';

/** Only one tab of a device prints: the one holding this Web Lock. */
const LOCK_NAME = 'nexara.auto-print';

/**
 * Holds a device-wide lock while `wanted`, so two tabs of the same tablet
 * never both print an order; when the holder closes, the next tab takes
 * over. Browsers without Web Locks (old ones, jsdom) count as holding it.
 */
function useDeviceLock(name: string, wanted: boolean): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!wanted) return;
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) {
      setHeld(true);
      return () => setHeld(false);
    }
    const abort = new AbortController();
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    locks
      .request(name, { signal: abort.signal }, () => {
        setHeld(true);
        return released;
      })
      .catch(() => undefined); // aborted while waiting: this tab was closed or auto-print turned off
    return () => {
      abort.abort();
      release();
      setHeld(false);
    };
  }, [name, wanted]);
  return held;
}

/**
 * Auto-print on this device: prints each order of `orders` once it is
 * accepted, once per device (the ledger in localStorage survives reloads).
 * An order enters the ledger as its ticket goes to print; one whose print
 * failed (it could not be read) stays out and is tried at the next change.
 */
export function useAutoPrint(orders: readonly { id: string; status: string }[], ready: boolean) {
  const printer = usePrinter();
  const [enabled, setEnabled] = useState(() => autoPrintEnabled());
  const leader = useDeviceLock(LOCK_NAME, enabled);
  const queued = useRef(new Set<string>());
  const [failure, setFailure] = useState<string | null>(null);

  // Another tab switched it: follow.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === AUTO_PRINT_SETTING_KEY) setEnabled(autoPrintEnabled());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  useEffect(() => {
    if (!enabled || !leader || !ready) return;
    for (const id of ordersToAutoPrint(orders, printedOrders())) {
      if (queued.current.has(id)) continue;
      queued.current.add(id);
      printer
        .print(id, { onPrinting: () => markPrinted(id) })
        .then(
          () => setFailure(null),
          (error: Error) => setFailure(error.message),
        )
        .finally(() => queued.current.delete(id));
    }
  }, [orders, enabled, leader, ready, printer]);

  const toggle = useCallback(() => {
    setAutoPrint(!enabled, enabled ? [] : ordersInProgress(orders));
    setEnabled(!enabled);
  }, [enabled, orders]);

  return { enabled, printing: enabled && leader, failure, toggle };
}
