import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';

/** The dashboard's pages, by path. A tiny history router: a few pages need no library. */
export const ROUTES = [
  { path: '/', label: 'Overview' },
  { path: '/orders', label: 'Orders' },
  { path: '/availability', label: 'Availability' },
  { path: '/store-status', label: 'Store status' },
  { path: '/integrations', label: 'Integrations' },
  { path: '/webhooks', label: 'Webhook events' },
  { path: '/alerts', label: 'Alerts' },
  { path: '/menu', label: 'Menu' },
  { path: '/sync-log', label: 'Sync log' },
  { path: '/settings', label: 'Settings' },
  { path: '/kitchen', label: 'Kitchen display' },
] as const;

/** Pages that fill the screen on their own, without the dashboard's navigation (a kitchen tablet). */
export const FULL_SCREEN_ROUTES: readonly RoutePath[] = ['/kitchen'];

export type RoutePath = (typeof ROUTES)[number]['path'];

const NAVIGATE_EVENT = 'nexara:navigate';

export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function currentRoute(): RoutePath {
  const path = window.location.pathname.replace(/\/+$/, '') || '/';
  return ROUTES.find((route) => route.path === path)?.path ?? '/';
}

export function useRoute(): RoutePath {
  const [route, setRoute] = useState<RoutePath>(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return route;
}

/** A real link (middle-click opens a tab) that navigates in place on a plain click. */
export function Link({
  to,
  children,
  className,
  current,
}: {
  to: string;
  children: ReactNode;
  className?: string;
  current?: boolean;
}) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} className={className} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
