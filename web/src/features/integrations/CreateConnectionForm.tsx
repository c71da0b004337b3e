import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useWorkspace } from '../../common/workspace';
import type { Provider } from '../../gql/graphql';
import { PROVIDERS, providerStyle } from '../../ui/providers';
import { SecretOnce } from '../../ui/SecretOnce';
import { CONNECT_PROVIDER, CONNECTIONS } from './connection.operations';
import { InlineError } from '../../ui/states';
import { useTranslation } from '../../i18n/translate';

type Props = { branches: readonly { id: string; name: string }[]; onClose: () => void };

/** Connects a provider store; the secret in the answer is shown once. */
export function CreateConnectionForm({ branches, onClose }: Props) {
  const { tenant } = useWorkspace();
  const { t } = useTranslation('integrations');
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

  if (secret) return <SecretOnce title={t('form.connected')} secret={secret} onDismiss={onClose} />;
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label={t('connect')}>
      <h2>{t('connect')}</h2>
      <div className="form-grid">
        <label>
          {t('form.provider')}
          <select value={form.provider} onChange={set('provider')}>
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {providerStyle(p).label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('form.name')}
          <input required value={form.name} onChange={set('name')} placeholder={t('form.namePlaceholder')} />
        </label>
        <label>
          {t('form.branch')}
          <select value={form.branchId} onChange={set('branchId')} required>
            {branches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('form.store')}
          <input required value={form.externalStoreId} onChange={set('externalStoreId')} />
        </label>
        <label>
          {t('form.currency')}
          <input required pattern="[A-Za-z]{3}" maxLength={3} value={form.currency} onChange={set('currency')} />
        </label>
        <label>
          {t('form.callback')}
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
          {t('autoAccept')}
        </label>
      </div>
      <InlineError error={error} />
      <div className="button-row">
        <button type="submit" disabled={loading}>
          {loading ? t('form.connecting') : t('form.connect')}
        </button>
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
