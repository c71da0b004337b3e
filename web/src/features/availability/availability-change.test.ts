import { availabilityChange, matchesItemSearch } from './availability-change';

describe('availabilityChange', () => {
  const now = Date.parse('2026-12-04T18:30:00.000Z');

  it.each([
    ['SOLD_OUT', 'SOLD_OUT', null],
    ['HIDDEN', 'HIDDEN', null],
    ['AVAILABLE', 'AVAILABLE', null],
    ['SNOOZE_30', 'SOLD_OUT', '2026-12-04T19:00:00.000Z'],
    ['SNOOZE_60', 'SOLD_OUT', '2026-12-04T19:30:00.000Z'],
    // 21:30 in Riyadh: tomorrow starts at 21:00 UTC today.
    ['SNOOZE_TOMORROW', 'SOLD_OUT', '2026-12-04T21:00:00.000Z'],
  ] as const)('%s -> %s until %s', (action, state, until) => {
    expect(availabilityChange(action, now, 'Asia/Riyadh')).toEqual({ state, until });
  });

  it("ends 'until tomorrow' at the branch's midnight, wherever the browser is", () => {
    expect(availabilityChange('SNOOZE_TOMORROW', now, 'America/New_York').until).toBe('2026-12-05T05:00:00.000Z');
  });
});

describe('matchesItemSearch', () => {
  const item = { ref: 'burger-1', externalPosId: 'POS-11', name: { en: 'Chicken Burger', ar: 'برجر دجاج' } };
  it.each([
    ['', true],
    ['  ', true],
    ['chicken', true],
    ['BURGER', true],
    ['دجاج', true],
    ['pos-11', true],
    ['burger-1', true],
    ['pizza', false],
  ])('%j -> %s', (query, expected) => {
    expect(matchesItemSearch(item, query)).toBe(expected);
  });

  it('searches an item with neither Arabic name nor POS id by the rest', () => {
    expect(matchesItemSearch({ ref: 'x', externalPosId: null, name: { en: 'Fries', ar: null } }, 'fri')).toBe(true);
  });
});
