import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { isManager, useWorkspace } from '../../common/workspace';
import { useTranslation } from '../../i18n/translate';
import type { BranchStoreStatusQuery, Weekday } from '../../gql/graphql';
import { InlineError } from '../../ui/states';
import { parseWeek, periodsText, WEEKDAYS } from './store-change';
import { SET_OPENING_HOURS } from './store-status.operations';

type Status = BranchStoreStatusQuery['storeStatus'];

/** The branch's week as set through Nexara; managers edit it one line per day (setOpeningHours replaces the week). */
export function OpeningHours({ status, onChanged }: { status: Status; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation('storeStatus');
  const { user } = useWorkspace();
  const [editing, setEditing] = useState<Partial<Record<Weekday, string>> | null>(null);
  const [invalid, setInvalid] = useState<Weekday[]>([]);
  const [save, saving] = useMutation(SET_OPENING_HOURS);

  const startEditing = () => {
    setInvalid([]);
    setEditing(Object.fromEntries(WEEKDAYS.map((day) => [day, periodsText(status.openingHours, day)])));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const week = parseWeek(editing);
    if ('invalid' in week) {
      setInvalid(week.invalid);
      return;
    }
    setInvalid([]);
    const result = await save({ variables: { input: { branchId: status.branchId, periods: week.periods } } }).catch(
      () => null,
    );
    if (!result?.data) return;
    setEditing(null);
    await onChanged().catch(() => undefined);
  };

  return (
    <section className="card" aria-label={t('hoursTitle')}>
      <header>
        <h2>{t('hoursTitle')}</h2>
        {isManager(user.role) && !editing && (
          <button type="button" onClick={startEditing}>
            {t('editHours')}
          </button>
        )}
      </header>
      {editing ? (
        <form onSubmit={(event) => void submit(event)} aria-label={t('editHours')}>
          <p className="muted">{t('hoursHint')}</p>
          <div className="form-grid">
            {WEEKDAYS.map((day) => (
              <label key={day}>
                {t(`day.${day}`)}
                <input
                  value={editing[day] ?? ''}
                  dir="ltr"
                  aria-invalid={invalid.includes(day)}
                  onChange={(event) => setEditing({ ...editing, [day]: event.target.value })}
                />
              </label>
            ))}
          </div>
          {invalid.length > 0 && (
            <p role="alert" className="error">
              {t('invalidDays', { days: invalid.map((day) => t(`day.${day}`)).join('، ') })}
            </p>
          )}
          <InlineError error={saving.error} />
          <div className="button-row">
            <button type="submit" className="primary" disabled={saving.loading}>
              {t('saveHours')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : status.openingHours ? (
        <table className="data" data-testid="opening-hours">
          <tbody>
            {WEEKDAYS.map((day) => (
              <tr key={day}>
                <th scope="row">{t(`day.${day}`)}</th>
                <td dir="ltr">{periodsText(status.openingHours, day) || t('closedDay')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t('hoursNotSet')}</p>
      )}
    </section>
  );
}
