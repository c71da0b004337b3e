import { ticketUrgency, type TicketTiming } from './ticket-urgency';

const PLACED = '2026-03-12T12:00:00.000Z';
const at = (minutes: number, seconds = 0) => Date.parse(PLACED) + minutes * 60_000 + seconds * 1000;
const iso = (minutes: number) => new Date(at(minutes)).toISOString();

describe('ticket urgency', () => {
  const received: TicketTiming = { status: 'RECEIVED', placedAt: PLACED, acceptBy: iso(8), updatedAt: PLACED };
  const accepted: TicketTiming = {
    status: 'ACCEPTED',
    placedAt: PLACED,
    acceptedAt: iso(2),
    prepMinutes: 20,
    updatedAt: iso(2),
  };

  it.each<[string, TicketTiming, number, string]>([
    ['a new order with time to accept', received, at(1), 'new'],
    ['a new order in its last two minutes to accept', received, at(6), 'warn'],
    ['a new order past acceptBy', received, at(8), 'late'],
    ['a new order without a deadline', { ...received, acceptBy: null }, at(30), 'new'],
    ['cooking, under 75 % of the prep time', accepted, at(2 + 14), 'ok'],
    ['cooking, at 75 % of the prep time', accepted, at(2 + 15), 'warn'],
    ['cooking, past the promised time', { ...accepted, status: 'PREPARING' }, at(2 + 20), 'late'],
    ['accepted without a prep time: 20 min assumed', { ...accepted, prepMinutes: null }, at(2 + 19), 'warn'],
    ['accepted time unknown: timed from placement', { ...accepted, acceptedAt: null }, at(20), 'late'],
    ['ready, waiting under 5 min', { ...accepted, status: 'READY', updatedAt: iso(20) }, at(24), 'ok'],
    ['ready, waiting 5 min', { ...accepted, status: 'READY', updatedAt: iso(20) }, at(25), 'warn'],
    ['ready, waiting 10 min', { ...accepted, status: 'READY', updatedAt: iso(20) }, at(30), 'late'],
  ])('%s: %s', (_, ticket, now, level) => {
    expect(ticketUrgency(ticket, now).level).toBe(level);
  });

  it('counts time since the order was placed, never below zero (a clock behind the server)', () => {
    expect(ticketUrgency(accepted, at(12, 34)).elapsedSeconds).toBe(754);
    expect(ticketUrgency(accepted, at(-1)).elapsedSeconds).toBe(0);
  });

  it('says when it is due: acceptBy for a new order, acceptedAt + prep time while cooking, nothing once ready', () => {
    expect(ticketUrgency(received, at(1)).dueAt).toBe(at(8));
    expect(ticketUrgency(accepted, at(3)).dueAt).toBe(at(22));
    expect(ticketUrgency({ ...accepted, status: 'READY' }, at(3)).dueAt).toBeNull();
  });
});
