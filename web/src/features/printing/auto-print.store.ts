/**
 * Auto-print is a setting of the device (a kitchen tablet with a printer
 * beside it), not of the user: it lives in this browser's localStorage,
 * together with the ledger of orders this device has printed, so each order
 * prints once per device, reloads included.
 */
const SETTING_KEY = 'nexara.autoPrint';
const LEDGER_KEY = 'nexara.printedTickets';

/** Entries kept in the ledger; the oldest go first. */
export const LEDGER_KEPT = 1_000;
/** How long an entry is kept: well past the kitchen display's window (12 h), so no open order can print twice. */
export const LEDGER_TTL_MS = 48 * 3_600_000;

/** An order prints once it is accepted and until it leaves the kitchen. */
const PRINTABLE = new Set(['ACCEPTED', 'PREPARING', 'READY']);

type Ledger = Record<string, number>;

function readLedger(storage: Storage, now: number): Ledger {
  try {
    const parsed = JSON.parse(storage.getItem(LEDGER_KEY) ?? '{}') as unknown;
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).filter(
        (entry): entry is [string, number] => typeof entry[1] === 'number' && now - entry[1] < LEDGER_TTL_MS,
      ),
    );
  } catch {
    return {};
  }
}

function writeLedger(storage: Storage, ledger: Ledger): void {
  const kept = Object.entries(ledger)
    .sort(([, a], [, b]) => b - a)
    .slice(0, LEDGER_KEPT);
  storage.setItem(LEDGER_KEY, JSON.stringify(Object.fromEntries(kept)));
}

export function autoPrintEnabled(storage: Storage = localStorage): boolean {
  return storage.getItem(SETTING_KEY) === 'on';
}

/**
 * Turns auto-print on or off. Turning it on enters `inProgress` (the
 * orders already accepted at that moment) in the ledger unprinted: the
 * printer starts with the next accepted order rather than the backlog.
 */
export function setAutoPrint(
  enabled: boolean,
  inProgress: readonly string[],
  storage: Storage = localStorage,
  now = Date.now(),
): void {
  if (enabled) {
    const ledger = readLedger(storage, now);
    for (const id of inProgress) ledger[id] ??= now;
    writeLedger(storage, ledger);
  }
  storage.setItem(SETTING_KEY, enabled ? 'on' : 'off');
}

export function printedOrders(storage: Storage = localStorage, now = Date.now()): ReadonlySet<string> {
  return new Set(Object.keys(readLedger(storage, now)));
}

export function markPrinted(orderId: string, storage: Storage = localStorage, now = Date.now()): void {
  const ledger = readLedger(storage, now);
  ledger[orderId] = now;
  writeLedger(storage, ledger);
}

/** The orders to print now: accepted (or further, within the kitchen) and not in the ledger. */
export function ordersToAutoPrint(
  orders: readonly { id: string; status: string }[],
  printed: ReadonlySet<string>,
): string[] {
  return orders.filter((order) => PRINTABLE.has(order.status) && !printed.has(order.id)).map((order) => order.id);
}

/** Orders that would print were auto-print on: the backlog `setAutoPrint(true, ...)` skips. */
export function ordersInProgress(orders: readonly { id: string; status: string }[]): string[] {
  return orders.filter((order) => PRINTABLE.has(order.status)).map((order) => order.id);
}

export const AUTO_PRINT_SETTING_KEY = SETTING_KEY;
