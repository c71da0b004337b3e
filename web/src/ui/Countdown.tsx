import { countdown } from './countdown';
import { useNow } from './useNow';
import { useTranslation } from '../i18n/translate';

/** Time left to accept an order before its provider gives up on it. */
export function Countdown({ deadline }: { deadline: string }) {
  const now = useNow();
  const state = countdown(deadline, now);
  const { t } = useTranslation('ui');
  return (
    <span className={`countdown countdown-${state.tone}`} title={t('timeLeft')} role="timer">
      {state.label}
    </span>
  );
}
