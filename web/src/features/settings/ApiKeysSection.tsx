import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useWorkspace } from '../../common/workspace';
import type { ApiKeyScope } from '../../gql/graphql';
import { SecretOnce } from '../../ui/SecretOnce';
import { Empty, ErrorState, InlineError, Loading } from '../../ui/states';
import { formatDateTime } from '../../ui/time';
import { API_KEYS, CREATE_API_KEY, REVOKE_API_KEY } from './settings.operations';
import { useTranslation } from '../../i18n/translate';

const SCOPES = ['ORDERS_READ', 'ORDERS_WRITE', 'CONNECTIONS_READ'] as const satisfies readonly ApiKeyScope[];
const isListedScope = (scope: string): scope is (typeof SCOPES)[number] =>
  (SCOPES as readonly string[]).includes(scope);

export function ApiKeysSection() {
  const { tenant } = useWorkspace();
  const { t } = useTranslation('settings', { keyPrefix: 'apiKeys' });
  const { data, loading, error, refetch } = useQuery(API_KEYS);
  const [create, createState] = useMutation(CREATE_API_KEY, { refetchQueries: [API_KEYS] });
  const [revoke, revokeState] = useMutation(REVOKE_API_KEY);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['ORDERS_READ']);
  const [secret, setSecret] = useState<string | null>(null);
  const at = (iso: string | null) => (iso ? formatDateTime(iso, tenant.timeZone) : '—');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ variables: { input: { name, scopes } } }).catch(() => null);
    if (result?.data) {
      setSecret(result.data.createApiKey.secret);
      setName('');
    }
  };
  const toggleScope = (scope: ApiKeyScope, on: boolean) =>
    setScopes(on ? [...scopes, scope] : scopes.filter((s) => s !== scope));
  const mutationError = createState.error ?? revokeState.error;

  return (
    <section className="panel" aria-label={t('section')}>
      <h2>{t('title')}</h2>
      {secret && <SecretOnce title={t('newKey')} secret={secret} onDismiss={() => setSecret(null)} />}
      <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={t('create')}>
        <label>
          {t('purpose')}
          <input
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('purposePlaceholder')}
          />
        </label>
        <fieldset className="scopes">
          <legend>{t('scopes')}</legend>
          {SCOPES.map((scope) => (
            <label key={scope} className="checkbox">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => toggleScope(scope, e.target.checked)}
              />
              {t(scope)}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={createState.loading || scopes.length === 0}>
          {t('createButton')}
        </button>
      </form>
      <InlineError error={mutationError} />
      {!data && loading && <Loading />}
      {!data && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {data && data.apiKeys.length === 0 && <Empty title={t('noneTitle')}>{t('noneBody')}</Empty>}
      {data && data.apiKeys.length > 0 && (
        <table className="data stack">
          <thead>
            <tr>
              <th>{t('name')}</th>
              <th>{t('key')}</th>
              <th>{t('scopes')}</th>
              <th>{t('created')}</th>
              <th>{t('lastUsed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.apiKeys.map((key) => (
              <tr key={key.id}>
                <td data-label={t('name')}>
                  <span translate="no">{key.name}</span>{' '}
                  {!key.active && (
                    <span className="badge status status-neutral">{key.revokedAt ? t('revoked') : t('expired')}</span>
                  )}
                </td>
                <td data-label={t('key')} translate="no">
                  <code>nxk_{key.prefix}…</code>
                </td>
                <td data-label={t('scopes')}>{key.scopes.map((s) => (isListedScope(s) ? t(s) : s)).join(', ')}</td>
                <td data-label={t('created')}>{at(key.createdAt)}</td>
                <td data-label={t('lastUsed')}>{at(key.lastUsedAt)}</td>
                <td data-label="" className="num">
                  {key.active && (
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        if (window.confirm(t('revokeConfirm', { name: key.name })))
                          void revoke({ variables: { id: key.id } }).catch(() => undefined);
                      }}
                    >
                      {t('revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
