import { ApolloProvider } from '@apollo/client/react';
import { Fragment, lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { TicketPrinterProvider } from '../features/printing/TicketPrinter';
import { SignInPage } from '../features/sign-in/SignInPage';
import { Loading } from '../ui/states';
import { createDashboardClient, type LiveStatus } from '../common/apollo';
import { AttentionProvider } from '../features/attention/AttentionProvider';
import { Layout } from './Layout';
import { LiveStatusContext } from '../common/live-status';
import { FULL_SCREEN_ROUTES, useRoute, type RoutePath } from '../common/router';
import {
  announceSigningOut,
  canSwitchTenant,
  clearSession,
  expiredSessionNotice,
  loadActingTenant,
  loadSession,
  onSessionChangedElsewhere,
  saveActingTenant,
  saveSession,
  SESSION_ENDED_MESSAGE,
  SESSION_EXPIRED_MESSAGE,
  SIGNED_OUT_ELSEWHERE_MESSAGE,
  type Session,
} from '../common/session';
import { LOGOUT } from '../common/session.operations';
import { WorkspaceProvider } from '../common/workspace';
import { useLanguage } from '../common/language';
import { useTranslation } from '../i18n/translate';

/** Each page is its own chunk: the overview loads without AG Grid, the sign-in page without either. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const PAGES: Record<RoutePath, ComponentType> = {
  '/': page(() => import('../features/overview/OverviewPage'), 'OverviewPage'),
  '/orders': page(() => import('../features/orders/OrdersPage'), 'OrdersPage'),
  '/availability': page(() => import('../features/availability/AvailabilityPage'), 'AvailabilityPage'),
  '/store-status': page(() => import('../features/store-status/StoreStatusPage'), 'StoreStatusPage'),
  '/integrations': page(() => import('../features/integrations/IntegrationsPage'), 'IntegrationsPage'),
  '/webhooks': page(() => import('../features/webhook-events/WebhookEventsPage'), 'WebhookEventsPage'),
  '/alerts': page(() => import('../features/alerts/AlertsPage'), 'AlertsPage'),
  '/menu': page(() => import('../features/menu/MenuPage'), 'MenuPage'),
  '/sync-log': page(() => import('../features/sync-log/SyncLogPage'), 'SyncLogPage'),
  '/settings': page(() => import('../features/settings/SettingsPage'), 'SettingsPage'),
  '/kitchen': page(() => import('../features/kitchen/KitchenPage'), 'KitchenPage'),
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
  const [notice, setNotice] = useState<string | null>(() => (session ? null : expiredSessionNotice()));
  const [liveStatus, setLiveStatus] = useState<LiveStatus>('connecting');
  const route = useRoute();
  const { t } = useTranslation();
  const language = useLanguage();

  // While this tab signs out on purpose, the gateway refusing the ended session is no news.
  const signingOut = useRef(false);
  const signOut = useCallback((reason: string | null, reasonForOtherTabs: string) => {
    clearSession(reasonForOtherTabs);
    setNotice(reason);
    setActingTenant(null);
    setSession(null);
  }, []);
  // `ended`: the gateway ended it before its time (signed out elsewhere, user disabled, role or password changed).
  const expire = useCallback(
    (ended = false) => {
      if (signingOut.current) return;
      const reason = ended ? SESSION_ENDED_MESSAGE : SESSION_EXPIRED_MESSAGE;
      signOut(reason, reason);
    },
    [signOut],
  );
  const expireRef = useRef(expire);
  expireRef.current = expire;
  useExpiryTimer(session, expire);
  useEffect(
    () =>
      onSessionChangedElsewhere(
        (next, reason) => {
          if (next) signingOut.current = false;
          setNotice(reason);
          setActingTenant(next ? loadActingTenant() : null);
          setSession(next);
        },
        () => {
          signingOut.current = true;
        },
      ),
    [],
  );

  const client = useMemo(
    () =>
      createDashboardClient({
        token: session?.token ?? null,
        actingTenantId: actingTenant,
        onUnauthenticated: (ended) => expireRef.current(ended),
        onLiveStatus: setLiveStatus,
      }),
    [session, actingTenant],
  );
  useEffect(() => () => client.dispose(), [client]);

  const signIn = (next: Session) => {
    signingOut.current = false;
    saveSession(next);
    setNotice(null);
    setSession(next);
  };
  const switchTenant = (tenantId: string | null) => {
    saveActingTenant(tenantId);
    setActingTenant(tenantId);
  };

  const Page = PAGES[route];
  const page = (
    // Keyed on the language: a new choice renders the page anew, its numbers and dates included.
    <Fragment key={language.key}>
      <Suspense fallback={<Loading label={t('openingPage')} />}>
        <Page />
      </Suspense>
    </Fragment>
  );
  return (
    <ApolloProvider client={client.apollo}>
      <LiveStatusContext.Provider value={liveStatus}>
        {session ? (
          <WorkspaceProvider>
            <TicketPrinterProvider>
              {FULL_SCREEN_ROUTES.includes(route) ? (
                page
              ) : (
                <AttentionProvider>
                  <Layout
                    route={route}
                    liveStatus={liveStatus}
                    canSwitchTenant={canSwitchTenant(session)}
                    onSwitchTenant={switchTenant}
                    onSignOut={() => {
                      // Ends the session at the gateway too (its token stops working everywhere), then here and in the other tabs.
                      signingOut.current = true;
                      announceSigningOut();
                      void client.apollo
                        .mutate({ mutation: LOGOUT })
                        .catch(() => null)
                        .then(() => signOut(null, SIGNED_OUT_ELSEWHERE_MESSAGE));
                    }}
                  >
                    {page}
                  </Layout>
                </AttentionProvider>
              )}
            </TicketPrinterProvider>
          </WorkspaceProvider>
        ) : (
          <SignInPage notice={notice} onSignedIn={signIn} />
        )}
      </LiveStatusContext.Provider>
    </ApolloProvider>
  );
}
