import { isAdmin, isManager, useWorkspace } from '../../common/workspace';
import { Empty } from '../../ui/states';
import { ApiKeysSection } from './ApiKeysSection';
import { UsersSection } from './UsersSection';
import { useTranslation } from '../../i18n/translate';
import { LanguageSection } from './LanguageSection';

export function SettingsPage() {
  const { user, tenant } = useWorkspace();
  const { t } = useTranslation('settings');
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p className="muted">
        <span translate="no">{tenant.name}</span> · {tenant.currency} · {t('timesIn')}{' '}
        <span translate="no" dir="ltr">
          {tenant.timeZone}
        </span>
      </p>
      {isManager(user.role) ? <UsersSection /> : <Empty title={t('usersByManagers')} />}
      <LanguageSection />
      {isAdmin(user.role) && <ApiKeysSection />}
    </div>
  );
}
