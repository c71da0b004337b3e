import { useAttention } from './AttentionProvider';
import { useTranslation } from '../../i18n/translate';
import { formatCount } from '../../ui/money';

/** In the top bar: the new orders still ringing, and the switch for browser notifications. */
export function AttentionControls() {
  const { notifications, enableNotifications, ringingCount } = useAttention();
  const { t } = useTranslation('attention');
  return (
    <>
      {ringingCount > 0 && (
        <span className="attention-waiting" data-testid="attention-waiting">
          {t('waiting', { count: ringingCount, n: formatCount(ringingCount) })}
        </span>
      )}
      {notifications === 'default' && (
        <button type="button" onClick={enableNotifications} title={t('notifyMeTitle')}>
          {t('notifyMe')}
        </button>
      )}
      {notifications === 'granted' && (
        <span className="muted small" title={t('onTitle')}>
          {t('on')}
        </span>
      )}
      {notifications === 'denied' && (
        <span className="muted small" title={t('blockedTitle')}>
          {t('blocked')}
        </span>
      )}
    </>
  );
}
