import { busyModeInput, parseWeek, periodsText, storeStatusInput } from './store-change';

const now = Date.parse('2026-12-04T18:30:00.000Z');

describe('storeStatusInput', () => {
  it.each([
    [{ kind: 'OPEN' } as const, { status: 'OPEN', until: null, reason: null }],
    [
      { kind: 'PAUSE', minutes: 15, reason: 'TOO_BUSY' } as const,
      { status: 'PAUSED', until: '2026-12-04T18:45:00.000Z', reason: 'TOO_BUSY' },
    ],
    [
      { kind: 'PAUSE', minutes: 60, reason: 'OTHER' } as const,
      { status: 'PAUSED', until: '2026-12-04T19:30:00.000Z', reason: 'OTHER' },
    ],
    // 21:30 in Riyadh: its day ends at 21:00 UTC.
    [{ kind: 'CLOSE_FOR_TODAY' } as const, { status: 'CLOSED', until: '2026-12-04T21:00:00.000Z', reason: null }],
  ])('%j', (action, expected) => {
    expect(storeStatusInput('b1', action, now, 'Asia/Riyadh')).toEqual({ branchId: 'b1', ...expected });
  });

  it("closes for the day of the branch's zone", () => {
    expect(storeStatusInput('b1', { kind: 'CLOSE_FOR_TODAY' }, now, 'Asia/Kuwait').until).toBe(
      '2026-12-04T21:00:00.000Z',
    );
    expect(storeStatusInput('b1', { kind: 'CLOSE_FOR_TODAY' }, now, 'UTC').until).toBe('2026-12-05T00:00:00.000Z');
  });
});

describe('busyModeInput', () => {
  it('is busy for an hour, or off with no end', () => {
    expect(busyModeInput('b1', 10, now)).toEqual({
      branchId: 'b1',
      prepMinutes: 10,
      until: '2026-12-04T19:30:00.000Z',
    });
    expect(busyModeInput('b1', null, now)).toEqual({ branchId: 'b1', prepMinutes: null, until: null });
  });
});

describe('opening hours as lines', () => {
  const week = [
    { day: 'MONDAY', start: '10:00', end: '15:00' },
    { day: 'MONDAY', start: '18:00', end: '23:00' },
    { day: 'FRIDAY', start: '13:00', end: '02:00' },
  ] as const;

  it('writes one line per day', () => {
    expect(periodsText(week, 'MONDAY')).toBe('10:00-15:00, 18:00-23:00');
    expect(periodsText(week, 'FRIDAY')).toBe('13:00-02:00');
    expect(periodsText(week, 'SUNDAY')).toBe('');
    expect(periodsText(null, 'SUNDAY')).toBe('');
  });

  it('reads the lines back into the week', () => {
    expect(parseWeek({ MONDAY: '10:00-15:00, 18:00 - 23:00', FRIDAY: ' 13:00-02:00 ', SUNDAY: '' })).toEqual({
      periods: week,
    });
    expect(parseWeek({})).toEqual({ periods: [] });
  });

  it.each(['10-15', '25:00-26:00', '10:00', '10:00-15:00; 18:00-23:00', 'closed'])(
    'names the day whose line %j does not read',
    (line) => {
      expect(parseWeek({ MONDAY: '10:00-11:00', TUESDAY: line })).toEqual({ invalid: ['TUESDAY'] });
    },
  );
});
