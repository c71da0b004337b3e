import { CopyField } from './CopyField';
import { useTranslation } from '../i18n/translate';

/** A secret Nexara will never show again: copy it now, then dismiss. */
export function SecretOnce({ title, secret, onDismiss }: { title: string; secret: string; onDismiss: () => void }) {
  const { t } = useTranslation('ui');
  return (
    <div className="secret-once" role="alert">
      <strong>{title}</strong>
      <span>{t('secretOnce')}</span>
      <CopyField label={t('secretLabel')} value={secret} />
      <div>
        <button type="button" onClick={onDismiss}>
          {t('secretStored')}
        </button>
      </div>
    </div>
  );
}
