import { translator } from '../i18n/translate';

/** What an order's acceptBy deadline looks like from `now`. */
export type CountdownState = { label: string; tone: 'calm' | 'urgent' | 'overdue' };

/** Under this many seconds left the countdown turns urgent (the gateway's "at risk" window). */
export const URGENT_SECONDS = 120;

export function countdown(deadlineIso: string, now: number): CountdownState {
  const seconds = Math.floor((new Date(deadlineIso).getTime() - now) / 1000);
  if (seconds <= 0) return { label: translator.t('ui:overdue', { clock: clock(-seconds) }), tone: 'overdue' };
  return { label: clock(seconds), tone: seconds <= URGENT_SECONDS ? 'urgent' : 'calm' };
}

/** 75 -> "1:15", 3725 -> "1:02:05". */
export function clock(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mm = hours ? String(minutes).padStart(2, '0') : String(minutes);
  return `${hours ? `${hours}:` : ''}${mm}:${String(seconds).padStart(2, '0')}`;
}
