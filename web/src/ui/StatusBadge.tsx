import { translator } from '../i18n/translate';

/** Order, delivery, health and alert states share one look: a tone per state word. */
const TONES: Record<string, 'info' | 'progress' | 'good' | 'bad' | 'neutral' | 'warn'> = {
  RECEIVED: 'info',
  ACCEPTED: 'progress',
  PREPARING: 'progress',
  READY: 'progress',
  PICKED_UP: 'progress',
  DELIVERED: 'good',
  REJECTED: 'bad',
  CANCELLED: 'neutral',
  QUEUED: 'info',
  PROCESSING: 'progress',
  PROCESSED: 'good',
  FAILED: 'bad',
  DEAD: 'bad',
  ACTIVE: 'good',
  PAUSED: 'neutral',
  HEALTHY: 'good',
  DEGRADED: 'warn',
  FAILING: 'bad',
  SILENT: 'warn',
  OPEN: 'bad',
  ACKNOWLEDGED: 'warn',
  RESOLVED: 'good',
  RETRYING: 'warn',
  NOT_SUPPORTED: 'neutral',
  PENDING: 'info',
  APPLIED: 'good',
  AVAILABLE: 'good',
  SOLD_OUT: 'bad',
  HIDDEN: 'neutral',
  CLOSED: 'bad',
};

export type StatusTone = (typeof TONES)[string];

/** A state word in the dashboard's language ("PICKED_UP": "Picked up"); an unknown one as it reads. */
export function statusLabel(status: string): string {
  const fallback = status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, ' ');
  return translator.t(`ui:status.${status}` as 'ui:status.RECEIVED', { defaultValue: fallback });
}

/** `tone` where a word means otherwise on this page (a store OPEN is good, an alert OPEN is not). */
export function StatusBadge({ status, tone }: { status: string; tone?: StatusTone }) {
  return <span className={`badge status status-${tone ?? TONES[status] ?? 'neutral'}`}>{statusLabel(status)}</span>;
}
