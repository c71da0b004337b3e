import { countdown } from './countdown';
import { useNow } from './useNow';

/** Time left to accept an order before its provider gives up on it. */
export function Countdown({ deadline }: { deadline: string }) {
  const now = useNow();
  const state = countdown(deadline, now);
  return (
    <span className={`countdown countdown-${state.tone}`} title="Time left to accept" role="timer">
      {state.label}
    </span>
  );
}
