import { act, render, screen } from '@testing-library/react';
import { Countdown } from './Countdown';
import { clock, countdown } from './countdown';

describe('countdown to acceptBy', () => {
  const deadline = '2026-03-12T12:05:00.000Z';
  const at = (iso: string) => Date.parse(iso);

  it.each([
    ['2026-03-12T12:00:00.000Z', '5:00', 'calm'],
    ['2026-03-12T12:03:00.000Z', '2:00', 'urgent'],
    ['2026-03-12T12:04:59.000Z', '0:01', 'urgent'],
    ['2026-03-12T12:05:00.000Z', 'overdue 0:00', 'overdue'],
    ['2026-03-12T12:06:15.000Z', 'overdue 1:15', 'overdue'],
    ['2026-03-12T10:00:00.000Z', '2:05:00', 'calm'],
  ])('at %s shows "%s" (%s)', (now, label, tone) => {
    expect(countdown(deadline, at(now))).toEqual({ label, tone });
  });

  it('pads minutes only under an hour mark', () => {
    expect(clock(59)).toBe('0:59');
    expect(clock(3725)).toBe('1:02:05');
  });

  describe('<Countdown>', () => {
    beforeEach(() => jest.useFakeTimers({ now: at('2026-03-12T12:02:58.000Z') }));
    afterEach(() => jest.useRealTimers());

    it('ticks every second and turns urgent, then overdue', () => {
      render(<Countdown deadline={deadline} />);
      const timer = screen.getByRole('timer');
      expect(timer.textContent).toBe('2:02');
      expect(timer.className).toContain('countdown-calm');

      act(() => jest.advanceTimersByTime(3000));
      expect(timer.textContent).toBe('1:59');
      expect(timer.className).toContain('countdown-urgent');

      act(() => jest.advanceTimersByTime(120_000));
      expect(timer.textContent).toBe('overdue 0:01');
      expect(timer.className).toContain('countdown-overdue');
    });
  });
});
