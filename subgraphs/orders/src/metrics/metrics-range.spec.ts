import { metricsRange, requestedTimeZone } from './metrics-range';

/** The BAD_USER_INPUT error a client would see, with a message matching `message`. */
const badInput = (message: RegExp) =>
  expect.objectContaining({
    message: expect.stringMatching(message),
    extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
  });

const at = (iso: string): Date => new Date(iso);

describe(metricsRange.name, () => {
  it.each([
    ['HOUR', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'],
    ['HOUR', '2026-11-01T00:00:00Z', '2026-12-02T00:00:00Z'], // exactly 31 days
    ['DAY', '2026-01-01T00:00:00Z', '2027-02-05T00:00:00Z'], // exactly 400 days
    ['DAY', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00.001Z'],
  ] as const)('accepts %s from %s to %s', (bucket, from, to) => {
    expect(metricsRange(at(from), at(to), bucket)).toEqual({ from: at(from), to: at(to), bucket });
  });

  it.each([
    ['HOUR', '2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z', /from \(2026-11-02T00:00:00.000Z\) must be before to/],
    ['DAY', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', /must be before to/],
    ['HOUR', '2026-11-01T00:00:00Z', '2026-12-02T00:00:00.001Z', /at most 31 days.*bucket by DAY/],
    ['DAY', '2026-01-01T00:00:00Z', '2027-02-05T00:00:00.001Z', /at most 400 days/],
  ] as const)('refuses %s from %s to %s', (bucket, from, to, message) => {
    expect(() => metricsRange(at(from), at(to), bucket)).toThrow(badInput(message));
  });
});

describe(requestedTimeZone.name, () => {
  it.each([
    [null, null],
    [undefined, null],
    ['asia/dubai', 'Asia/Dubai'],
    ['America/New_York', 'America/New_York'],
  ])('reads %p as %p', (input, zone) => {
    expect(requestedTimeZone(input)).toBe(zone);
  });

  it.each(['+04:00', 'GMT+4', 'Mars/Olympus_Mons', ''])('refuses %p', (input) => {
    expect(() => requestedTimeZone(input)).toThrow(badInput(/^timeZone must be an IANA time zone/));
  });
});
