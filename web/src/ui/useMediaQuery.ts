import { useSyncExternalStore } from 'react';

/** Phones: the width the dashboard's phone layout (base.css) starts at. */
export const PHONE_QUERY = '(max-width: 600px)';

/** Whether a CSS media query matches, following it as the window changes (false where unsupported). */
export function useMediaQuery(query: string): boolean {
  const supported = typeof window !== 'undefined' && typeof window.matchMedia === 'function';
  return useSyncExternalStore(
    (onChange) => {
      if (!supported) return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => supported && window.matchMedia(query).matches,
    () => false,
  );
}
