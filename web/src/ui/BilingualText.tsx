import { useTranslation } from '../i18n/translate';
import { splitBilingualName } from './bilingual-name';

/**
 * A provider's name for something, with the Arabic part of a bilingual name
 * on its own right-to-left line: below the other part in English, leading in
 * Arabic (a name already in Arabic is shown as such). A name is never translated.
 */
export function BilingualText({ text, className }: { text: string; className?: string }) {
  const { i18n } = useTranslation();
  const name = splitBilingualName(text);
  const arabic = name.arabic && (
    <span className="arabic-line" dir="rtl" lang="ar">
      {name.arabic}
    </span>
  );
  if (arabic && i18n.resolvedLanguage === 'ar') {
    return (
      <span className={className} translate="no">
        {arabic}
        <span className="arabic-line" dir="auto">
          {name.primary}
        </span>
      </span>
    );
  }
  return (
    <span className={className} translate="no">
      <span dir="auto">{name.primary}</span>
      {arabic}
    </span>
  );
}
