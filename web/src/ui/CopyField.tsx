import { useState } from 'react';
import { useTranslation } from '../i18n/translate';

/** A read-only value with a Copy button (webhook URLs, one-time secrets). */
export function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  const { t } = useTranslation('ui');
  const copy = async () => {
    await navigator.clipboard.writeText(value).then(
      () => setCopied(true),
      () => setCopied(false),
    );
    window.setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div className="copy-field">
      <input readOnly dir="ltr" translate="no" value={value} aria-label={label} onFocus={(e) => e.target.select()} />
      <button type="button" onClick={() => void copy()} aria-label={t('copyLabel', { label })}>
        {copied ? t('copied') : t('copy')}
      </button>
    </div>
  );
}
