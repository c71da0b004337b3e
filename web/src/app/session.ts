/** The signed-in session, kept in localStorage so a reload keeps the user signed in. */
export type Session = { token: string; expiresAt: string; email: string; role: string };

const SESSION_KEY = 'nexara.session';
const ACTING_TENANT_KEY = 'nexara.actingTenant';

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

export function clearSession(): void {
  localStorage.removeItem(SESSION_KEY);
  localStorage.removeItem(ACTING_TENANT_KEY);
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
