import {
  formatAgo,
  formatDateTime,
  formatDateTimeSeconds,
  formatRowTime,
  formatTime,
  nextDate,
  nextZonedMidnight,
  startOfZonedDay,
  zonedDate,
  zoneOffsetMinutes,
} from './time';

describe('time in the tenant time zone', () => {
  const instant = '2026-03-12T21:30:00.000Z';

  it('shows the same instant as each zone reads it', () => {
    expect(formatTime(instant, 'Asia/Riyadh', 'en-GB')).toBe('00:30:00');
    expect(formatTime(instant, 'UTC', 'en-GB')).toBe('21:30:00');
    expect(formatDateTime(instant, 'Asia/Riyadh', 'en-GB')).toBe('13 Mar 2026, 00:30');
    expect(formatDateTime(instant, 'America/New_York', 'en-GB')).toBe('12 Mar 2026, 17:30');
    expect(formatDateTimeSeconds('2026-03-12T21:30:07.900Z', 'Asia/Riyadh', 'en-GB')).toBe('13 Mar 2026, 00:30:07');
  });

  it('knows zone offsets, daylight saving included', () => {
    expect(zoneOffsetMinutes(new Date(instant), 'Asia/Riyadh')).toBe(180);
    expect(zoneOffsetMinutes(new Date(instant), 'Asia/Kolkata')).toBe(330);
    expect(zoneOffsetMinutes(new Date('2026-01-15T12:00:00Z'), 'Europe/London')).toBe(0);
    expect(zoneOffsetMinutes(new Date('2026-07-15T12:00:00Z'), 'Europe/London')).toBe(60);
  });

  it('turns a picked calendar day into the instant it starts in the zone', () => {
    expect(startOfZonedDay('2026-03-12', 'Asia/Riyadh')).toBe('2026-03-11T21:00:00.000Z');
    expect(startOfZonedDay('2026-03-12', 'UTC')).toBe('2026-03-12T00:00:00.000Z');
    expect(startOfZonedDay('2026-03-12', 'Asia/Kolkata')).toBe('2026-03-11T18:30:00.000Z');
    // The day London's clocks go forward (29 March 2026) still starts at local midnight, GMT.
    expect(startOfZonedDay('2026-03-29', 'Europe/London')).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfZonedDay('2026-03-30', 'Europe/London')).toBe('2026-03-29T23:00:00.000Z');
  });

  it("finds the zone's next midnight: the end of the branch's day, not the browser's", () => {
    // 21:30 UTC is already 00:30 on the 13th in Riyadh: its next midnight starts the 14th there.
    expect(nextZonedMidnight(Date.parse(instant), 'Asia/Riyadh')).toBe('2026-03-13T21:00:00.000Z');
    expect(nextZonedMidnight(Date.parse(instant), 'UTC')).toBe('2026-03-13T00:00:00.000Z');
    expect(nextZonedMidnight(Date.parse('2026-03-12T20:59:59Z'), 'Asia/Riyadh')).toBe('2026-03-12T21:00:00.000Z');
    expect(nextZonedMidnight(Date.parse('2026-03-28T12:00:00Z'), 'Europe/London')).toBe('2026-03-29T00:00:00.000Z');
  });

  it('reads the zone calendar date of an instant and steps days', () => {
    expect(zonedDate(new Date(instant), 'Asia/Riyadh')).toBe('2026-03-13');
    expect(zonedDate(new Date(instant), 'UTC')).toBe('2026-03-12');
    expect(nextDate('2026-02-28')).toBe('2026-03-01');
    expect(nextDate('2028-02-28')).toBe('2028-02-29');
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
  });

  it.each([
    [10, 'just now'],
    [4 * 60, '4 min ago'],
    [3 * 3600, '3 h ago'],
    [3 * 86400, '3 d ago'],
  ])('says %i seconds ago as "%s"', (seconds, expected) => {
    const now = Date.parse(instant);
    expect(formatAgo(new Date(now - seconds * 1000).toISOString(), now)).toBe(expected);
  });
});

describe('a row time', () => {
  const now = new Date('2026-03-12T10:00:00.000Z').getTime(); // 13:00 on 12 Mar in Riyadh

  it('is the clock alone on the tenant’s today, with the date on other days', () => {
    expect(formatRowTime('2026-03-12T08:05:09.000Z', 'Asia/Riyadh', now, { locale: 'en-GB' })).toBe('11:05');
    expect(formatRowTime('2026-03-12T08:05:09.000Z', 'Asia/Riyadh', now, { seconds: true, locale: 'en-GB' })).toBe(
      '11:05:09',
    );
    // 22:30 UTC on the 11th is already the 12th in Riyadh.
    expect(formatRowTime('2026-03-11T22:30:00.000Z', 'Asia/Riyadh', now, { locale: 'en-GB' })).toBe('01:30');
    expect(formatRowTime('2026-03-11T20:30:00.000Z', 'Asia/Riyadh', now, { locale: 'en-GB' })).toBe('11 Mar, 23:30');
    expect(formatRowTime('2025-12-31T08:00:00.000Z', 'Asia/Riyadh', now, { locale: 'en-GB' })).toBe(
      '31 Dec 2025, 11:00',
    );
  });
});
