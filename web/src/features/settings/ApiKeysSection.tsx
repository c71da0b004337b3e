import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useWorkspace } from '../../app/workspace';
import type { ApiKeyScope } from '../../gql/graphql';
import { SecretOnce } from '../../ui/SecretOnce';
import { Empty, ErrorState, InlineError, Loading } from '../../ui/states';
import { formatDateTime } from '../../ui/time';
import { API_KEYS, CREATE_API_KEY, REVOKE_API_KEY } from './settings.operations';

const SCOPES: { scope: ApiKeyScope; label: string }[] = [
  { scope: 'ORDERS_READ', label: 'Read orders' },
  { scope: 'ORDERS_WRITE', label: 'Act on orders' },
  { scope: 'CONNECTIONS_READ', label: 'Read connections' },
];

export function ApiKeysSection() {
  const { tenant } = useWorkspace();
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
    <section className="panel" aria-label="API keys">
      <h2>Partner API keys</h2>
      {secret && <SecretOnce title="New API key" secret={secret} onDismiss={() => setSecret(null)} />}
      <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Create an API key">
        <label>
          What it is for
          <input required value={name} onChange={(e) => setName(e.target.value)} placeholder="POS integration" />
        </label>
        <fieldset className="scopes">
          <legend>Scopes</legend>
          {SCOPES.map(({ scope, label }) => (
            <label key={scope} className="checkbox">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => toggleScope(scope, e.target.checked)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={createState.loading || scopes.length === 0}>
          Create key
        </button>
      </form>
      <InlineError error={mutationError} />
      {!data && loading && <Loading />}
      {!data && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {data && data.apiKeys.length === 0 && (
        <Empty title="No API keys">Create one for a partner system (a POS, a kitchen display).</Empty>
      )}
      {data && data.apiKeys.length > 0 && (
        <table className="data stack">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Scopes</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.apiKeys.map((key) => (
              <tr key={key.id}>
                <td data-label="Name">
                  {key.name}{' '}
                  {!key.active && (
                    <span className="badge status status-neutral">{key.revokedAt ? 'Revoked' : 'Expired'}</span>
                  )}
                </td>
                <td data-label="Key">
                  <code>nxk_{key.prefix}…</code>
                </td>
                <td data-label="Scopes">
                  {key.scopes.map((s) => SCOPES.find((x) => x.scope === s)?.label ?? s).join(', ')}
                </td>
                <td data-label="Created">{at(key.createdAt)}</td>
                <td data-label="Last used">{at(key.lastUsedAt)}</td>
                <td data-label="" className="num">
                  {key.active && (
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        if (window.confirm(`Revoke "${key.name}"? It stops working at once.`))
                          void revoke({ variables: { id: key.id } }).catch(() => undefined);
                      }}
                    >
                      Revoke
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
