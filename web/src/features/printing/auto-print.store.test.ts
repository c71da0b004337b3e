import {
  autoPrintEnabled,
  LEDGER_KEPT,
  LEDGER_TTL_MS,
  markPrinted,
  ordersInProgress,
  ordersToAutoPrint,
  printedOrders,
  setAutoPrint,
} from './auto-print.store';

describe('auto-print device setting and ledger', () => {
  beforeEach(() => localStorage.clear());

  it('is off on a device until it is turned on there', () => {
    expect(autoPrintEnabled()).toBe(false);
    setAutoPrint(true, []);
    expect(autoPrintEnabled()).toBe(true);
    setAutoPrint(false, []);
    expect(autoPrintEnabled()).toBe(false);
  });

  it('prints accepted orders (and further, within the kitchen) that are not in the ledger', () => {
    const orders = ['RECEIVED', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP', 'CANCELLED'].map((status, i) => ({
      id: `o${i}`,
      status,
    }));
    expect(ordersToAutoPrint(orders, new Set())).toEqual(['o1', 'o2', 'o3']);
    expect(ordersToAutoPrint(orders, new Set(['o2']))).toEqual(['o1', 'o3']);
    expect(ordersInProgress(orders)).toEqual(['o1', 'o2', 'o3']);
  });

  it('starts with the next accepted order: the ones in progress when it is turned on are skipped', () => {
    setAutoPrint(true, ['already-cooking'], localStorage, 1_000);
    expect(
      ordersToAutoPrint([{ id: 'already-cooking', status: 'PREPARING' }], printedOrders(localStorage, 2_000)),
    ).toEqual([]);
  });

  it('remembers what it printed across reloads (localStorage), for 48 hours', () => {
    markPrinted('a', localStorage, 1_000);
    expect(printedOrders(localStorage, 1_000 + LEDGER_TTL_MS - 1).has('a')).toBe(true);
    expect(printedOrders(localStorage, 1_000 + LEDGER_TTL_MS).has('a')).toBe(false);
  });

  it('keeps the ledger bounded, dropping the oldest entries', () => {
    const full = Object.fromEntries(Array.from({ length: LEDGER_KEPT }, (_, i) => [`o${i}`, 10_000 + i]));
    localStorage.setItem('nexara.printedTickets', JSON.stringify(full));
    markPrinted('newest', localStorage, 20_000);
    const printed = printedOrders(localStorage, 20_000);
    expect(printed.size).toBe(LEDGER_KEPT);
    expect(printed.has('o0')).toBe(false);
    expect(printed.has('o1')).toBe(true);
    expect(printed.has('newest')).toBe(true);
  });

  it('survives a ledger it cannot read (another version, a hand edit): it starts empty', () => {
    localStorage.setItem('nexara.printedTickets', '{not json');
    expect(printedOrders().size).toBe(0);
    localStorage.setItem('nexara.printedTickets', JSON.stringify({ a: 'yesterday', b: Date.now() }));
    expect([...printedOrders()]).toEqual(['b']);
  });
});
