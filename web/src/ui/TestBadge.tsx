import { useTranslation } from '../i18n/translate';

/** Marks a test order (sent with "Send test webhook"): it is shown but left out of figures and alerts. */
export function TestBadge() {
  const { t } = useTranslation('ui');
  return (
    <span className="badge badge-test" title={t('testHint')}>
      {t('test')}
    </span>
  );
}
