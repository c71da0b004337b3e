import type { ReactNode } from 'react';
import { AttentionControls } from '../features/attention/AttentionControls';
import type { LiveStatus } from '../common/apollo';
import { Link, ROUTES, type RoutePath } from '../common/router';
import { TenantSwitcher } from './TenantSwitcher';
import { useWorkspace } from '../common/workspace';
import { useTranslation } from '../i18n/translate';
import { useChooseLanguage, useLanguage } from '../common/language';

type Props = {
  route: RoutePath;
  liveStatus: LiveStatus;
  canSwitchTenant: boolean;
  onSwitchTenant: (tenantId: string | null) => void;
  onSignOut: () => void;
  children: ReactNode;
};

export function Layout({ route, liveStatus, canSwitchTenant, onSwitchTenant, onSignOut, children }: Props) {
  const { user, tenant } = useWorkspace();
  const { t } = useTranslation();
  const { language, arabicDigits } = useLanguage();
  const choose = useChooseLanguage();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <nav className="sidebar" aria-label={t('nav.main')}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            N
          </span>{' '}
          <span translate="no">Nexara</span>
        </div>
        <ul>
          {ROUTES.map((r) => (
            <li key={r.path}>
              <Link to={r.path} current={r.path === route} className="nav-link">
                {t(`nav.${r.path}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <header className="topbar">
        {canSwitchTenant ? (
          <TenantSwitcher onSwitch={onSwitchTenant} />
        ) : (
          <strong className="tenant-name" translate="no">
            {tenant.name}
          </strong>
        )}
        <span className="muted tz" title={t('timeZoneHint')} translate="no">
          {tenant.timeZone}
        </span>
        <span className="spacer" />
        <AttentionControls />
        <span className={`live live-${liveStatus}`} role="status" aria-live="polite">
          <span className="live-dot" aria-hidden="true" />
          {t(`live.${liveStatus}`)}
        </span>
        <button
          type="button"
          lang={language === 'ar' ? 'en' : 'ar'}
          aria-label={t('language.switchToLabel')}
          onClick={() => choose({ language: language === 'ar' ? 'en' : 'ar', arabicDigits })}
        >
          {t('language.switchTo')}
        </button>
        <span className="muted user-email" translate="no">
          {user.email}
        </span>
        <button type="button" onClick={onSignOut}>
          {t('signOut')}
        </button>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
