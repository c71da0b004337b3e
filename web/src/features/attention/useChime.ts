import { useCallback, useEffect, useRef, useState } from 'react';

const MUTED_KEY = 'nexara.chimeMuted';

/**
 * What the sound button says: `on` only when a chime would really be heard.
 * `blocked`: not muted, but the browser keeps audio off until the page gets a
 * click or key press (after every load); the button, or any click, lifts it.
 */
export type ChimeState = 'on' | 'off' | 'blocked';

/**
 * A short two-tone chime for new orders, made with Web Audio (no file to
 * load). Browsers only let audio start after a user gesture, so the audio
 * context is made at once and its real state shown; the first click or key
 * press anywhere on the page resumes it.
 */
export function useChime(): { state: ChimeState; toggleMuted: () => void; chime: () => void } {
  const [muted, setMuted] = useState(() => localStorage.getItem(MUTED_KEY) === '1');
  const [running, setRunning] = useState(false);
  const context = useRef<AudioContext | null>(null);
  // Whether the audio was still held when the current press or key began: the context can start between the
  // press and the click it ends in, and that click must still count as the one that lets sound play.
  const heldAtGesture = useRef(false);

  useEffect(() => {
    if (typeof AudioContext === 'undefined') return;
    const ctx = new AudioContext();
    context.current = ctx;
    const update = () => setRunning(ctx.state === 'running');
    const unlock = () => {
      heldAtGesture.current = ctx.state !== 'running';
      void ctx.resume().then(update, update);
    };
    // After the click's own handlers (the page's root sits inside the document): the next click is a gesture of its own.
    const settle = () => (heldAtGesture.current = false);
    ctx.addEventListener('statechange', update);
    document.addEventListener('pointerdown', unlock, true);
    document.addEventListener('keydown', unlock, true);
    document.addEventListener('click', settle);
    update();
    return () => {
      ctx.removeEventListener('statechange', update);
      document.removeEventListener('pointerdown', unlock, true);
      document.removeEventListener('keydown', unlock, true);
      document.removeEventListener('click', settle);
      context.current = null;
      void ctx.close();
    };
  }, []);

  const chime = useCallback(() => {
    const ctx = context.current;
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
  }, [muted]);

  const blocked = !muted && !running;
  const toggleMuted = useCallback(() => {
    // While blocked, the click is the gesture that lets sound play: it turns sound on rather than off.
    if (blocked || (!muted && heldAtGesture.current)) return;
    setMuted((was) => {
      localStorage.setItem(MUTED_KEY, was ? '0' : '1');
      return !was;
    });
  }, [blocked, muted]);

  return { state: muted ? 'off' : running ? 'on' : 'blocked', toggleMuted, chime };
}
