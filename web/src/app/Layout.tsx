import type { ReactNode } from 'react';
import { AttentionControls } from '../features/attention/AttentionControls';
import type { LiveStatus } from './apollo';
import { Link, ROUTES, type RoutePath } from './router';
import { TenantSwitcher } from './TenantSwitcher';
import { useWorkspace } from './workspace';

type Props = {
  route: RoutePath;
  liveStatus: LiveStatus;
  canSwitchTenant: boolean;
  onSwitchTenant: (tenantId: string | null) => void;
  onSignOut: () => void;
  children: ReactNode;
};

const LIVE_LABEL: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

export function Layout({ route, liveStatus, canSwitchTenant, onSwitchTenant, onSignOut, children }: Props) {
  const { user, tenant } = useWorkspace();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            N
          </span>{' '}
          Nexara
        </div>
        <ul>
          {ROUTES.map((r) => (
            <li key={r.path}>
              <Link to={r.path} current={r.path === route} className="nav-link">
                {r.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <header className="topbar">
        {canSwitchTenant ? (
          <TenantSwitcher onSwitch={onSwitchTenant} />
        ) : (
          <strong className="tenant-name">{tenant.name}</strong>
        )}
        <span className="muted tz" title="Times are shown in this time zone">
          {tenant.timeZone}
        </span>
        <span className="spacer" />
        <AttentionControls />
        <span className={`live live-${liveStatus}`} role="status" aria-live="polite">
          <span className="live-dot" aria-hidden="true" />
          {LIVE_LABEL[liveStatus]}
        </span>
        <span className="muted user-email">{user.email}</span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
