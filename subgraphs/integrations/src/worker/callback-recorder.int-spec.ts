import { randomUUID } from 'node:crypto';
import { aConnectProviderInput } from '../testing/connection-factory';
import { tenantAdmin } from '../testing/identities';
import { integrationsOnNewDatabase } from '../testing/integrations-test-server';
import { batchedOutcomeKeeper } from './callback-recorder';

describe('batchedOutcomeKeeper (real PostgreSQL)', () => {
  const env = integrationsOnNewDatabase();

  it("keeps a moment's outcomes of a tenant in one write, each with its own fields; none of a connection that is gone", async () => {
    const tenantId = randomUUID();
    const { connection } = await env.integrations.server.services.connections.connectProvider(
      tenantAdmin(tenantId),
      aConnectProviderInput(),
    );
    const keep = batchedOutcomeKeeper(env.integrations.server.dataSource);
    const row = { tenantId, connectionId: connection.id, action: 'RECEIVED', attempt: 1 };
    await Promise.all([
      keep({ ...row, orderId: randomUUID(), outcome: 'DELIVERED', httpStatus: 200 }),
      keep({ ...row, orderId: null, outcome: 'FAILED', attempt: 6, httpStatus: null }),
      keep({ ...row, connectionId: randomUUID(), orderId: randomUUID(), outcome: 'DELIVERED', httpStatus: 200 }),
    ]);
    const kept = await env.db.queryAsAdmin<{
      connection_id: string;
      outcome: string;
      attempt: number;
      status: number | null;
    }>(
      `select connection_id, outcome, attempt, http_status as status from integrations.callback_outcomes
        where tenant_id = $1 order by outcome`,
      [tenantId],
    );
    expect(kept).toEqual([
      { connection_id: connection.id, outcome: 'DELIVERED', attempt: 1, status: 200 },
      { connection_id: connection.id, outcome: 'FAILED', attempt: 6, status: null },
    ]);
  });
});
