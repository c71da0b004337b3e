/** The signed-in session, kept in localStorage so a reload keeps the user signed in. */
export type Session = { token: string; expiresAt: string; email: string; role: string };

const SESSION_KEY = 'nexara.session';
const ACTING_TENANT_KEY = 'nexara.actingTenant';
/** Why the last session ended, for the other tabs (they hear of it by the storage event). */
const ENDED_REASON_KEY = 'nexara.sessionEndedReason';
/** Set by a tab about to sign out: the gateway refusing the ending session in the other tabs is no news to them. */
const SIGNING_OUT_KEY = 'nexara.signingOut';

/** Tells the other tabs this one is signing out (before it asks the gateway to end the session). */
export function announceSigningOut(): void {
  localStorage.setItem(SIGNING_OUT_KEY, String(Date.now()));
}

export function loadSession(now = Date.now()): Session | null {
  const raw = localStorage.getItem(SESSION_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return new Date(session.expiresAt).getTime() > now ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

/** Forgets the session; `reasonForOtherTabs` is what the dashboard's other tabs show on their sign-in page. */
export function clearSession(reasonForOtherTabs: string): void {
  localStorage.setItem(ENDED_REASON_KEY, reasonForOtherTabs);
  localStorage.removeItem(SESSION_KEY);
  localStorage.removeItem(ACTING_TENANT_KEY);
}

/** A stored session whose time is up (the tab was closed or asleep when it expired): the sign-in page says so. */
export function expiredSessionNotice(now = Date.now()): string | null {
  const raw = localStorage.getItem(SESSION_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Partial<Session>;
    if (new Date(session.expiresAt ?? 0).getTime() > now) return null;
  } catch {
    return null;
  }
  clearSession(SESSION_EXPIRED_MESSAGE);
  return SESSION_EXPIRED_MESSAGE;
}

/**
 * Another tab of the dashboard signed in (`session`) or its session ended
 * (`null`, with the reason it gave): every tab follows, so signing out in one
 * signs out all of them. The storage event fires only in the other tabs.
 */
export function onSessionChangedElsewhere(
  listener: (session: Session | null, reason: string | null) => void,
  onSigningOut: () => void,
): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === SIGNING_OUT_KEY) onSigningOut();
    if (event.key !== SESSION_KEY && event.key !== null) return;
    const session = loadSession();
    listener(session, session ? null : (localStorage.getItem(ENDED_REASON_KEY) ?? SIGNED_OUT_ELSEWHERE_MESSAGE));
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}

/** The tenant a platform admin chose to act in (null: their own). */
export function loadActingTenant(): string | null {
  return localStorage.getItem(ACTING_TENANT_KEY);
}

export function saveActingTenant(tenantId: string | null): void {
  if (tenantId) localStorage.setItem(ACTING_TENANT_KEY, tenantId);
  else localStorage.removeItem(ACTING_TENANT_KEY);
}

/** Whether a stored session may act in another tenant (the gateway refuses the header to anyone else). */
export function canSwitchTenant(session: Session): boolean {
  return session.role === 'PLATFORM_ADMIN';
}

export const SESSION_EXPIRED_MESSAGE = 'Your session has expired. Please sign in again.';
/** The gateway ended the session before its time: a sign-out elsewhere, or an admin disabled the user or changed the role or password. */
export const SESSION_ENDED_MESSAGE =
  'Your session was ended: you signed out elsewhere, or your account was changed. Please sign in again.';
export const SIGNED_OUT_ELSEWHERE_MESSAGE = 'You signed out in another tab.';
