import { useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { isAdmin, useWorkspace } from '../../app/workspace';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { ConnectionCard } from './ConnectionCard';
import { CONNECTIONS } from './connection.operations';
import { CreateConnectionForm } from './CreateConnectionForm';
import { INTEGRATION_HEALTH_CHANGED } from './health.operations';

export function IntegrationsPage() {
  const { user } = useWorkspace();
  const { data, loading, error, refetch } = useQuery(CONNECTIONS);
  useSubscription(INTEGRATION_HEALTH_CHANGED);
  const [creating, setCreating] = useState(false);
  return (
    <div className="page">
      <div className="page-header">
        <h1>Integrations</h1>
        <span className="spacer" />
        {isAdmin(user.role) && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            Connect a provider
          </button>
        )}
      </div>
      {creating && data && <CreateConnectionForm branches={data.branches} onClose={() => setCreating(false)} />}
      {!data && loading && <Loading label="Loading connections…" />}
      {!data && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {data && data.connections.length === 0 && (
        <Empty title="No provider connected">Connect a provider to start receiving its orders.</Empty>
      )}
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
