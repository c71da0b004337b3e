import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import type { Provider } from '../../gql/graphql';
import { useTranslation } from '../../i18n/translate';
import { formatCount } from '../../ui/money';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { ImportMenuForm } from './ImportMenuForm';
import { MenuItemsGrid } from './MenuItemsGrid';
import { MENU_TARGETS, MENUS } from './menu.operations';
import { PublishPanel } from './PublishPanel';

/** Menus (docs/dashboard.md, "Menu"): import, edit names and prices, publish and watch each connection's result. */
export function MenuPage() {
  const { t } = useTranslation('menu');
  const menus = useQuery(MENUS, { fetchPolicy: 'cache-and-network' });
  const targets = useQuery(MENU_TARGETS);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const list = menus.data?.menus ?? [];
  const menu = list.find((m) => m.id === selectedId) ?? list.at(-1) ?? null;
  const connections = useMemo(
    () => (targets.data?.connections ?? []).filter((c) => c.branch && menu?.branchIds.includes(c.branch.id)),
    [targets.data, menu],
  );
  // A price column for each provider the menu goes to, and any that already has a price of its own.
  const providers = useMemo(() => {
    const set = new Set<Provider>(connections.map((c) => c.provider));
    menu?.items.forEach((item) => item.priceOverrides.forEach((o) => o.provider && set.add(o.provider)));
    return [...set].sort();
  }, [connections, menu]);

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('title')}</h1>
      </div>
      <ImportMenuForm
        menus={list}
        branches={targets.data?.branches ?? []}
        onImported={(imported) => {
          setSelectedId(imported.id);
          void menus.refetch();
        }}
      />
      {menus.error && <ErrorState error={menus.error} onRetry={() => void menus.refetch()} />}
      {!menus.data && menus.loading && <Loading />}
      {menus.data && !menu && <Empty title={t('noMenus')}>{t('noMenusHint')}</Empty>}
      {menu && (
        <section className="panel" aria-label={t('menus')}>
          <div className="grid-toolbar">
            <label>
              {t('menu')}{' '}
              <select value={menu.id} onChange={(e) => setSelectedId(e.target.value)} translate="no">
                {list.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name.en}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted small">
              {t('version', { n: menu.version })} ·{' '}
              {t('itemsCount', { count: menu.items.length, n: formatCount(menu.items.length) })}
            </span>
          </div>
          <MenuItemsGrid menu={menu} providers={providers} />
        </section>
      )}
      {menu && <PublishPanel key={menu.id} menu={menu} connections={connections} />}
    </div>
  );
}
