import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useWorkspace } from '../../app/workspace';
import type { Provider } from '../../gql/graphql';
import { PROVIDERS, providerStyle } from '../../ui/providers';
import { SecretOnce } from '../../ui/SecretOnce';
import { CONNECT_PROVIDER, CONNECTIONS } from './connection.operations';
import { InlineError } from '../../ui/states';

type Props = { branches: readonly { id: string; name: string }[]; onClose: () => void };

/** Connects a provider store; the secret in the answer is shown once. */
export function CreateConnectionForm({ branches, onClose }: Props) {
  const { tenant } = useWorkspace();
  const [form, setForm] = useState({
    provider: 'CAREEM' as Provider,
    name: '',
    branchId: branches[0]?.id ?? '',
    externalStoreId: '',
    currency: tenant.currency,
    apiBaseUrl: '',
    autoAccept: false,
  });
  const [secret, setSecret] = useState<string | null>(null);
  const [connect, { loading, error }] = useMutation(CONNECT_PROVIDER, { refetchQueries: [CONNECTIONS] });
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [field]: event.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await connect({ variables: { input: { ...form, currency: form.currency.toUpperCase() } } }).catch(
      () => null,
    );
    if (result?.data) setSecret(result.data.connectProvider.secret);
  };

  if (secret)
    return <SecretOnce title="Connected. The provider's webhook secret:" secret={secret} onDismiss={onClose} />;
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label="Connect a provider">
      <h2>Connect a provider</h2>
      <div className="form-grid">
        <label>
          Provider
          <select value={form.provider} onChange={set('provider')}>
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {providerStyle(p).label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name
          <input required value={form.name} onChange={set('name')} placeholder="Olaya on Careem" />
        </label>
        <label>
          Branch
          <select value={form.branchId} onChange={set('branchId')} required>
            {branches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Provider store id
          <input required value={form.externalStoreId} onChange={set('externalStoreId')} />
        </label>
        <label>
          Currency
          <input required pattern="[A-Za-z]{3}" maxLength={3} value={form.currency} onChange={set('currency')} />
        </label>
        <label>
          Callback API base URL
          <input
            required
            type="url"
            value={form.apiBaseUrl}
            onChange={set('apiBaseUrl')}
            placeholder="https://api.provider.example"
          />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.autoAccept}
            onChange={(e) => setForm({ ...form, autoAccept: e.target.checked })}
          />
          Auto-accept orders
        </label>
      </div>
      <InlineError error={error} />
      <div className="button-row">
        <button type="submit" disabled={loading}>
          {loading ? 'Connecting…' : 'Connect'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
