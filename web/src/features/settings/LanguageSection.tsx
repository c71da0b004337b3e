import { useChooseLanguage, useLanguage } from '../../common/language';
import { isLanguage, LANGUAGES } from '../../i18n/language';
import { useTranslation } from '../../i18n/translate';

/** The signed-in user's language and digits, kept on their user for every device. */
export function LanguageSection() {
  const { t } = useTranslation(['settings', 'app']);
  const { language, arabicDigits } = useLanguage();
  const choose = useChooseLanguage();
  return (
    <section className="panel" aria-label={t('settings:language.title')}>
      <h2>{t('settings:language.title')}</h2>
      <div className="inline-form">
        <label>
          {t('settings:language.label')}
          <select
            value={language}
            onChange={(event) => {
              if (isLanguage(event.target.value)) choose({ language: event.target.value, arabicDigits });
            }}
          >
            {LANGUAGES.map((choice) => (
              <option key={choice} value={choice}>
                {t(`app:language.${choice}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={arabicDigits}
            onChange={(event) => choose({ language, arabicDigits: event.target.checked })}
          />
          {t('app:language.arabicDigits')}
        </label>
      </div>
      <p className="muted small">{t('app:language.saved')}</p>
    </section>
  );
}
