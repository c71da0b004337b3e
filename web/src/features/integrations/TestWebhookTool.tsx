import { useMutation, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import type { SendTestWebhookMutation, TestWebhookKind } from '../../gql/graphql';
import { StatusBadge } from '../../ui/StatusBadge';
import { CONNECTION_ORDER_CHANGED, SEND_TEST_WEBHOOK } from './connection.operations';

const KINDS: { kind: TestWebhookKind; label: string }[] = [
  { kind: 'NEW_ORDER', label: 'New order' },
  { kind: 'STATUS_UPDATE', label: 'Status update' },
  { kind: 'CANCELLATION', label: 'Cancellation' },
];

type Sent = SendTestWebhookMutation['sendTestWebhook'];

/**
 * Sends a signed sample through the connection's real webhook URL, then
 * watches the connection's orders until the sample's order shows up.
 */
export function TestWebhookTool({ connectionId }: { connectionId: string }) {
  const [kind, setKind] = useState<TestWebhookKind>('NEW_ORDER');
  const [sent, setSent] = useState<Sent | null>(null);
  const [arrived, setArrived] = useState<{ displayCode: string; status: string } | null>(null);
  const [send, { loading, error }] = useMutation(SEND_TEST_WEBHOOK);
  useSubscription(CONNECTION_ORDER_CHANGED, {
    variables: { connectionId },
    skip: !sent?.delivered,
    onData: ({ data }) => {
      const order = data.data?.orderChanged;
      if (order && order.externalId === sent?.externalId) setArrived({ displayCode: order.displayCode, status: order.status });
    },
  });
  const submit = async () => {
    setArrived(null);
    const result = await send({ variables: { connectionId, kind } }).catch(() => null);
    setSent(result?.data?.sendTestWebhook ?? null);
  };
  return (
    <div className="test-tool" aria-label="Test webhook">
      <div className="inline-form">
        <label>
          Sample
          <select value={kind} onChange={(e) => setKind(e.target.value as TestWebhookKind)}>
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={loading} onClick={() => void submit()}>
          {loading ? 'Sending…' : 'Send test webhook'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {sent && (
        <p role="status" className={sent.delivered ? '' : 'error'}>
          {sent.delivered
            ? `Accepted by the webhook endpoint (HTTP ${sent.httpStatus}) · provider order ${sent.externalId}. `
            : `Not delivered${sent.httpStatus ? ` (HTTP ${sent.httpStatus})` : ''}: ${sent.error ?? 'no answer'}. `}
          {sent.delivered &&
            (arrived ? (
              <span data-testid="test-arrived">
                Arrived as order #{arrived.displayCode} <StatusBadge status={arrived.status} />
              </span>
            ) : (
              <span className="muted">Waiting for it to be processed…</span>
            ))}
        </p>
      )}
    </div>
  );
}
