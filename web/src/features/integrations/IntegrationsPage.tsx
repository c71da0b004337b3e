import { useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { isAdmin, useWorkspace } from '../../common/workspace';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { ConnectionCard } from './ConnectionCard';
import { CONNECTIONS } from './connection.operations';
import { CreateConnectionForm } from './CreateConnectionForm';
import { INTEGRATION_HEALTH_CHANGED } from './health.operations';
import { useTranslation } from '../../i18n/translate';

export function IntegrationsPage() {
  const { user } = useWorkspace();
  const { t } = useTranslation('integrations');
  // Archived connections are kept for history but hidden unless asked for (docs/dashboard.md, "Archived connections").
  const [showArchived, setShowArchived] = useState(false);
  const { data, loading, error, refetch } = useQuery(CONNECTIONS, {
    variables: { includeArchived: showArchived },
    // Archiving changes both lists: the one not on screen is read again when shown.
    fetchPolicy: 'cache-and-network',
  });
  useSubscription(INTEGRATION_HEALTH_CHANGED);
  const [creating, setCreating] = useState(false);
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('title')}</h1>
        <span className="spacer" />
        <label className="checkbox">
          <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} />
          {t('showArchived')}
        </label>
        {isAdmin(user.role) && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t('connect')}
          </button>
        )}
      </div>
      {creating && data && <CreateConnectionForm branches={data.branches} onClose={() => setCreating(false)} />}
      {!data && loading && <Loading label={t('loading')} />}
      {!data && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {data && data.connections.length === 0 && <Empty title={t('noneTitle')}>{t('noneBody')}</Empty>}
      {data && data.connections.length > 0 && (
        <div className="cards">
          {data.connections.map((connection) => (
            <ConnectionCard key={connection.id} connection={connection} />
          ))}
        </div>
      )}
    </div>
  );
}
