import type { ReactNode } from 'react';
import { useTranslation } from '../i18n/translate';

/**
 * Designed placeholders: a page is never blank while loading, empty or broken.
 * Loading is a skeleton (grey bars where the content will be, shimmering)
 * rather than a spinner: the layout holds still when the content arrives.
 * The label is for screen readers.
 */
export function Loading({ label, lines = 3 }: { label?: string; lines?: number }) {
  const { t } = useTranslation('ui');
  return (
    <div className="state state-loading skeleton" role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{label ?? t('loading')}</span>
      {Array.from({ length: lines }, (_, index) => (
        <span key={index} className="skeleton-line" aria-hidden="true" />
      ))}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children && <p className="muted">{children}</p>}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: { message: string }; onRetry?: () => void }) {
  const { t } = useTranslation('ui');
  return (
    <div className="state state-error" role="alert">
      <strong>{t('somethingWrong')}</strong>
      <p>{error.message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('tryAgain')}
        </button>
      )}
    </div>
  );
}

/** The error of an action (a mutation) beside the form that made it; nothing when there is none. */
export function InlineError({ error }: { error: { message: string } | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {error.message}
    </p>
  );
}
