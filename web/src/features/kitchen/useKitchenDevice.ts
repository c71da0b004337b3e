import { useCallback, useEffect, useState } from 'react';

/**
 * Keeps a tablet's screen on while the kitchen display is open (Screen Wake
 * Lock; the browser drops the lock when the page is hidden, so it is taken
 * again each time the page shows). Browsers without it just do nothing.
 */
export function useScreenWakeLock(): void {
  useEffect(() => {
    const wakeLock = typeof navigator !== 'undefined' ? navigator.wakeLock : undefined;
    if (!wakeLock) return;
    let sentinel: WakeLockSentinel | null = null;
    let active = true;
    const acquire = () => {
      if (document.visibilityState !== 'visible') return;
      wakeLock.request('screen').then(
        (lock) => {
          if (active) sentinel = lock;
          else void lock.release();
        },
        () => undefined, // refused (battery saver, no user gesture yet): the screen may sleep
      );
    };
    acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      active = false;
      document.removeEventListener('visibilitychange', acquire);
      void sentinel?.release();
    };
  }, []);
}

/** Whether the page fills the screen, and a toggle for it (a tap: browsers allow it only from a gesture). */
export function useFullScreen(): { fullScreen: boolean; toggle: () => void; available: boolean } {
  const [fullScreen, setFullScreen] = useState(() => Boolean(document.fullscreenElement));
  useEffect(() => {
    const update = () => setFullScreen(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, []);
  const toggle = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);
  return { fullScreen, toggle, available: Boolean(document.fullscreenEnabled) };
}
