import { ApolloProvider } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AlertsPage } from '../features/alerts/AlertsPage';
import { IntegrationsPage } from '../features/integrations/IntegrationsPage';
import { OrdersPage } from '../features/orders/OrdersPage';
import { OverviewPage } from '../features/overview/OverviewPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SignInPage } from '../features/sign-in/SignInPage';
import { WebhookEventsPage } from '../features/webhook-events/WebhookEventsPage';
import { createDashboardClient, type LiveStatus } from './apollo';
import { Layout } from './Layout';
import { useRoute, type RoutePath } from './router';
import {
  canSwitchTenant,
  clearSession,
  loadActingTenant,
  loadSession,
  saveActingTenant,
  saveSession,
  SESSION_EXPIRED_MESSAGE,
  type Session,
} from './session';
import { WorkspaceProvider } from './workspace';

const PAGES: Record<RoutePath, () => React.JSX.Element> = {
  '/': OverviewPage,
  '/orders': OrdersPage,
  '/integrations': IntegrationsPage,
  '/webhooks': WebhookEventsPage,
  '/alerts': AlertsPage,
  '/settings': SettingsPage,
};

/** Signs the user out when the token's own expiry passes, even if nothing is requested then. */
function useExpiryTimer(session: Session | null, onExpired: () => void): void {
  useEffect(() => {
    if (!session) return;
    const left = new Date(session.expiresAt).getTime() - Date.now();
    // setTimeout holds at most ~24.8 days; tokens live hours.
    const timer = window.setTimeout(onExpired, Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => window.clearTimeout(timer);
  }, [session, onExpired]);
}

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [actingTenant, setActingTenant] = useState<string | null>(() => (session ? loadActingTenant() : null));
  const [notice, setNotice] = useState<string | null>(null);
  const [liveStatus, setLiveStatus] = useState<LiveStatus>('connecting');
  const route = useRoute();

  const signOut = useCallback((reason?: string) => {
    clearSession();
    setNotice(reason ?? null);
    setActingTenant(null);
    setSession(null);
  }, []);
  const expire = useCallback(() => signOut(SESSION_EXPIRED_MESSAGE), [signOut]);
  const expireRef = useRef(expire);
  expireRef.current = expire;
  useExpiryTimer(session, expire);

  const client = useMemo(
    () =>
      createDashboardClient({
        token: session?.token ?? null,
        actingTenantId: actingTenant,
        onUnauthenticated: () => expireRef.current(),
        onLiveStatus: setLiveStatus,
      }),
    [session, actingTenant],
  );
  useEffect(() => () => client.dispose(), [client]);

  const signIn = (next: Session) => {
    saveSession(next);
    setNotice(null);
    setSession(next);
  };
  const switchTenant = (tenantId: string | null) => {
    saveActingTenant(tenantId);
    setActingTenant(tenantId);
  };

  const Page = PAGES[route];
  return (
    <ApolloProvider client={client.apollo}>
      {session ? (
        <WorkspaceProvider>
          <Layout
            route={route}
            liveStatus={liveStatus}
            canSwitchTenant={canSwitchTenant(session)}
            onSwitchTenant={switchTenant}
            onSignOut={() => signOut()}
          >
            <Page />
          </Layout>
        </WorkspaceProvider>
      ) : (
        <SignInPage notice={notice} onSignedIn={signIn} />
      )}
    </ApolloProvider>
  );
}
