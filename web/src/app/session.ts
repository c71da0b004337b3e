/** The signed-in session, kept in localStorage so a reload keeps the user signed in. */
export type Session = { token: string; expiresAt: string; email: string };

const KEY = 'nexara.session';

export function loadSession(now = Date.now()): Session | null {
  const raw = localStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return new Date(session.expiresAt).getTime() > now ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}
