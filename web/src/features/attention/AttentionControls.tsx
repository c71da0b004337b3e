import { useAttention } from './AttentionProvider';

const plural = (count: number) => `${count} new ${count === 1 ? 'order' : 'orders'} waiting`;

/** In the top bar: the new orders still ringing, and the switch for browser notifications. */
export function AttentionControls() {
  const { notifications, enableNotifications, ringingCount } = useAttention();
  return (
    <>
      {ringingCount > 0 && (
        <span className="attention-waiting" data-testid="attention-waiting">
          {plural(ringingCount)}
        </span>
      )}
      {notifications === 'default' && (
        <button type="button" onClick={enableNotifications} title="A browser notification for each new order">
          Notify me
        </button>
      )}
      {notifications === 'granted' && (
        <span className="muted small" title="Each new order shows a browser notification; click it to open the order">
          Notifications on
        </span>
      )}
      {notifications === 'denied' && (
        <span
          className="muted small"
          title="The browser blocks notifications for this site: allow them in its site settings"
        >
          Notifications blocked
        </span>
      )}
    </>
  );
}
