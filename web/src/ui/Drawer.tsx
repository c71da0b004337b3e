import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from '../i18n/translate';

type Props = { title: ReactNode; onClose: () => void; children: ReactNode; label: string };

/**
 * A side panel over the page: focus moves into it, Escape or the close
 * button shut it, and focus returns to where it was.
 */
export function Drawer({ title, onClose, children, label }: Props) {
  const panel = useRef<HTMLElement>(null);
  const { t } = useTranslation('ui');
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, [onClose]);
  return (
    <div className="drawer-backdrop" onClick={onClose}>
      <aside
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-label={label}
        tabIndex={-1}
        ref={panel}
        onClick={(event) => event.stopPropagation()}
      >
        <header className="drawer-header">
          <h2>{title}</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')}>
            ×
          </button>
        </header>
        <div className="drawer-body">{children}</div>
      </aside>
    </div>
  );
}
