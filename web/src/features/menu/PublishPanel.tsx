import { useMutation, useSubscription } from '@apollo/client/react';
import { useRef, useState } from 'react';
import type { MenuFieldsFragment, Provider, SyncJobRowFragment } from '../../gql/graphql';
import { useTranslation } from '../../i18n/translate';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { InlineError } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { MENU_SYNC_CHANGED, PUBLISH_MENU } from './menu.operations';

export type MenuConnection = { id: string; name: string; provider: Provider };

/** The newer of two reports of one job (a report may arrive before the publish answer does). */
const newer = (a: SyncJobRowFragment, b: SyncJobRowFragment | undefined) =>
  b && Date.parse(b.updatedAt) > Date.parse(a.updatedAt) ? b : a;

/**
 * Publish the menu to all its connections or the ones ticked, then each
 * connection's job as it goes PENDING -> APPLIED or FAILED with the
 * provider's reason (catalogSyncChanged).
 */
export function PublishPanel({ menu, connections }: { menu: MenuFieldsFragment; connections: MenuConnection[] }) {
  const { t } = useTranslation('menu');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [publish, publishState] = useMutation(PUBLISH_MENU);
  const [results, setResults] = useState<SyncJobRowFragment[]>([]);
  // Reports of jobs this page has not heard of yet: the publish answer may come after its first report.
  const early = useRef(new Map<string, SyncJobRowFragment>());

  useSubscription(MENU_SYNC_CHANGED, {
    onData: ({ data }) => {
      const job = data.data?.catalogSyncChanged;
      if (!job || job.kind !== 'MENU') return;
      early.current.set(job.id, newer(job, early.current.get(job.id)));
      setResults((shown) => shown.map((row) => (row.id === job.id ? newer(job, row) : row)));
    },
  });

  const doPublish = async () => {
    const connectionIds = chosen.size ? connections.filter((c) => chosen.has(c.id)).map((c) => c.id) : null;
    const result = await publish({ variables: { menuId: menu.id, connectionIds } }).catch(() => null);
    const jobs = result?.data?.publishMenu;
    if (jobs) setResults(jobs.map((job) => newer(job, early.current.get(job.id))));
  };
  const toggle = (id: string) =>
    setChosen((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <section className="panel" aria-label={t('publishTitle')}>
      <h2>{t('publishTitle')}</h2>
      <p className="muted small">{t('publishHint')}</p>
      {connections.length === 0 ? (
        <p className="muted">{t('noConnections')}</p>
      ) : (
        <>
          <fieldset className="inline-form">
            <legend>{t('allConnections')}</legend>
            {connections.map((c) => (
              <label key={c.id} className="checkbox">
                <input type="checkbox" checked={chosen.has(c.id)} onChange={() => toggle(c.id)} />{' '}
                <ProviderBadge provider={c.provider} /> <span translate="no">{c.name}</span>
              </label>
            ))}
          </fieldset>
          <div className="button-row">
            <button type="button" className="primary" disabled={publishState.loading} onClick={() => void doPublish()}>
              {publishState.loading
                ? t('publishing')
                : chosen.size
                  ? t('publishChosen', { count: chosen.size, n: chosen.size })
                  : t('publishAll')}
            </button>
          </div>
        </>
      )}
      <InlineError error={publishState.error} />
      {results.length > 0 && (
        <div data-testid="publish-results">
          <h3>{t('results')}</h3>
          <p className="muted small">{t('resultsLive')}</p>
          <table className="data">
            <tbody>
              {results.map((job) => (
                <tr key={job.id} data-connection-id={job.connection.id} data-status={job.status}>
                  <td>
                    <ProviderBadge provider={job.provider} />
                  </td>
                  <td translate="no">{job.connection.name}</td>
                  <td>
                    <StatusBadge status={job.status} />
                  </td>
                  <td translate="no" className={job.status === 'FAILED' ? 'error' : 'muted'}>
                    {job.reason ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
