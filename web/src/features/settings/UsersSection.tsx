import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { isAdmin, useWorkspace } from '../../common/workspace';
import type { Role } from '../../gql/graphql';
import { SecretOnce } from '../../ui/SecretOnce';
import { Empty, ErrorState, InlineError, Loading } from '../../ui/states';
import { statusLabel } from '../../ui/StatusBadge';
import { formatDateTime } from '../../ui/time';
import { CREATE_USER, DISABLE_USER, ENABLE_USER, SET_USER_ROLE, USERS } from './settings.operations';
import { temporaryPassword } from './temporary-password';
import { useTranslation } from '../../i18n/translate';

/** Roles an admin may switch a user between (PLATFORM_ADMIN is never granted from the dashboard). */
const ROLE_CHOICES: Role[] = ['TENANT_ADMIN', 'MANAGER', 'STAFF'];

/** Roles a user may give: managers invite staff only (the API enforces it too). */
function assignableRoles(role: string): Role[] {
  if (role === 'MANAGER') return ['STAFF'];
  return ROLE_CHOICES;
}

export function UsersSection() {
  const { user, tenant } = useWorkspace();
  const { t } = useTranslation('settings', { keyPrefix: 'users' });
  const { data, loading, error, refetch } = useQuery(USERS);
  const [invite, inviteState] = useMutation(CREATE_USER, { refetchQueries: [USERS] });
  const [disable, disableState] = useMutation(DISABLE_USER);
  const [enable, enableState] = useMutation(ENABLE_USER);
  const [setRole, setRoleState] = useMutation(SET_USER_ROLE);
  const roles = assignableRoles(user.role);
  const [form, setForm] = useState({ email: '', name: '', role: roles.at(-1)! });
  const [issued, setIssued] = useState<{ email: string; password: string } | null>(null);
  const admin = isAdmin(user.role);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const password = temporaryPassword();
    const result = await invite({ variables: { input: { ...form, password } } }).catch(() => null);
    if (result?.data) {
      setIssued({ email: result.data.createUser.email, password });
      setForm({ email: '', name: '', role: form.role });
    }
  };
  const mutationError = inviteState.error ?? disableState.error ?? enableState.error ?? setRoleState.error;

  return (
    <section className="panel" aria-label={t('title')}>
      <h2>{t('title')}</h2>
      {issued && (
        <SecretOnce
          title={t('firstPassword', { email: issued.email })}
          secret={issued.password}
          onDismiss={() => setIssued(null)}
        />
      )}
      <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={t('invite')}>
        <label>
          {t('email')}
          <input
            type="email"
            required
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </label>
        <label>
          {t('name')}
          <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          {t('role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {statusLabel(role)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={inviteState.loading}>
          {t('inviteButton')}
        </button>
      </form>
      <InlineError error={mutationError} />
      {!data && loading && <Loading />}
      {!data && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {data && data.users.length === 0 && <Empty title={t('none')} />}
      {data && data.users.length > 0 && (
        <table className="data stack">
          <thead>
            <tr>
              <th>{t('name')}</th>
              <th>{t('email')}</th>
              <th>{t('role')}</th>
              <th>{t('lastSignIn')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.users.map((u) => (
              <tr key={u.id}>
                <td data-label={t('name')}>
                  <span translate="no">{u.name}</span>{' '}
                  {u.disabled && <span className="badge status status-neutral">{t('disabled')}</span>}
                </td>
                <td data-label={t('email')} translate="no">
                  {u.email}
                </td>
                <td data-label={t('role')}>
                  {admin && u.id !== user.id && u.role !== 'PLATFORM_ADMIN' ? (
                    <select
                      aria-label={t('roleOf', { email: u.email })}
                      value={u.role}
                      disabled={setRoleState.loading}
                      onChange={(e) =>
                        void setRole({ variables: { id: u.id, role: e.target.value as Role } }).catch(() => undefined)
                      }
                    >
                      {ROLE_CHOICES.map((role) => (
                        <option key={role} value={role}>
                          {statusLabel(role)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    statusLabel(u.role)
                  )}
                </td>
                <td data-label={t('lastSignIn')}>
                  {u.lastLoginAt ? formatDateTime(u.lastLoginAt, tenant.timeZone) : t('never')}
                </td>
                <td data-label="" className="num">
                  {admin && u.id !== user.id && (
                    <button
                      type="button"
                      onClick={() =>
                        void (u.disabled ? enable : disable)({ variables: { id: u.id } }).catch(() => undefined)
                      }
                    >
                      {u.disabled ? t('enable') : t('disable')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">{t('note')}</p>
    </section>
  );
}
