import { aTicketOrder } from './ticket.fixture';
import { ticketItemLines, ticketPageRule, ticketTotals } from './ticket-lines';

describe('printed ticket lines', () => {
  it('lists each item with its line total, its options indented under it (extra cost shown), then its note', () => {
    expect(ticketItemLines(aTicketOrder().items)).toEqual([
      { kind: 'item', quantity: 2, name: 'Chicken Shawarma Wrap | شاورما دجاج', amount: '3.500' },
      { kind: 'modifier', depth: 1, quantity: 1, name: 'Make it a meal | اجعلها وجبة', amount: '+0.750' },
      { kind: 'modifier', depth: 2, quantity: 1, name: 'Laban | لبن', amount: null },
      { kind: 'note', text: 'No pickles' },
      { kind: 'item', quantity: 1, name: 'كنافة', amount: '1.250' },
    ]);
  });

  it('keeps each currency’s exponent: three decimals for KWD, two for SAR, none for JPY', () => {
    const sar = { amount: 1850, currency: 'SAR' };
    const jpy = { amount: 1850, currency: 'JPY' };
    const lines = ticketItemLines([
      { name: 'Falafel', quantity: 1, total: sar, modifiers: [] },
      { name: 'Ramen', quantity: 1, total: jpy, modifiers: [] },
    ]);
    expect(lines.map((line) => line.kind === 'item' && line.amount)).toEqual(['18.50', '1,850']);
  });

  it('totals: subtotal, the charges that are not zero, a discount as a negative amount, the total with its currency', () => {
    expect(ticketTotals(aTicketOrder())).toEqual([
      { label: 'subtotal', amount: '4.750' },
      { label: 'deliveryFee', amount: '0.500' },
      { label: 'discount', amount: '-0.250' },
      { label: 'total', amount: expect.stringMatching(/^KWD\s5\.000$/) },
    ]);
  });

  it('sizes the print page to the ticket: 80 mm wide, its own height plus paper to feed past the cutter', () => {
    // 480 CSS px are 127 mm; 8 mm of feed follow.
    expect(ticketPageRule(480)).toBe('@page { size: 80mm 135mm; margin: 0; }');
    expect(ticketPageRule(0)).toBe('@page { size: 80mm 40mm; margin: 0; }');
  });
});
