import { useCallback, useRef, useState } from 'react';

const MUTED_KEY = 'nexara.chimeMuted';

/**
 * A short two-tone chime for new orders, made with Web Audio (no file to
 * load). Browsers only let audio start after a user gesture: until then the
 * chime is silently skipped; the mute button counts as that gesture.
 */
export function useChime(): { muted: boolean; toggleMuted: () => void; chime: () => void } {
  const [muted, setMuted] = useState(() => localStorage.getItem(MUTED_KEY) === '1');
  const context = useRef<AudioContext | null>(null);

  const audio = useCallback((): AudioContext | null => {
    if (typeof AudioContext === 'undefined') return null;
    context.current ??= new AudioContext();
    return context.current;
  }, []);

  const chime = useCallback(() => {
    const ctx = audio();
    if (muted || !ctx || ctx.state !== 'running') return;
    [880, 1320].forEach((frequency, index) => {
      const start = ctx.currentTime + index * 0.16;
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.32);
    });
  }, [audio, muted]);

  const toggleMuted = useCallback(() => {
    void audio()?.resume();
    setMuted((was) => {
      localStorage.setItem(MUTED_KEY, was ? '0' : '1');
      return !was;
    });
  }, [audio]);

  return { muted, toggleMuted, chime };
}
