import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { useWorkspace } from '../common/workspace';
import { useTranslation } from '../i18n/translate';

const TENANTS = graphql(`
  query TenantsForSwitcher {
    tenants {
      id
      name
      currency
    }
  }
`);

/** Platform admins act in any tenant; the choice rides on every request as `x-nexara-tenant`. */
export function TenantSwitcher({ onSwitch }: { onSwitch: (tenantId: string | null) => void }) {
  const { tenant, user } = useWorkspace();
  const { data, loading } = useQuery(TENANTS);
  const { t } = useTranslation();
  const tenants = data?.tenants ?? [{ id: tenant.id, name: tenant.name, currency: tenant.currency }];
  return (
    <label className="tenant-switcher">
      <span className="visually-hidden">{t('actingTenant')}</span>
      <select
        value={tenant.id}
        disabled={loading}
        onChange={(event) => onSwitch(event.target.value === user.homeTenantId ? null : event.target.value)}
        aria-label={t('actingTenant')}
        translate="no"
      >
        {tenants.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} ({t.currency})
          </option>
        ))}
      </select>
    </label>
  );
}
