import { useApolloClient, useMutation, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import type { SendTestWebhookMutation, TestWebhookKind } from '../../gql/graphql';
import { StatusBadge } from '../../ui/StatusBadge';
import { CONNECTION_ORDER_CHANGED, SAMPLE_ORDER, SEND_TEST_WEBHOOK } from './connection.operations';
import { InlineError } from '../../ui/states';

const KINDS: { kind: TestWebhookKind; label: string }[] = [
  { kind: 'NEW_ORDER', label: 'New order' },
  { kind: 'STATUS_UPDATE', label: 'Status update' },
  { kind: 'CANCELLATION', label: 'Cancellation' },
];

type Sent = SendTestWebhookMutation['sendTestWebhook'];
type Arrival = { externalId: string; displayCode: string; status: string };

/**
 * Sends a signed sample through the connection's real webhook URL, then
 * watches the connection's orders until the sample's order shows up.
 */
export function TestWebhookTool({ connectionId }: { connectionId: string }) {
  const client = useApolloClient();
  const [kind, setKind] = useState<TestWebhookKind>('NEW_ORDER');
  const [watching, setWatching] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  // Orders seen on the connection since the first send, by provider order id: the worker may finish before the answer is back.
  const [seen, setSeen] = useState<ReadonlyMap<string, Arrival>>(new Map());
  const [send, { loading, error }] = useMutation(SEND_TEST_WEBHOOK);
  useSubscription(CONNECTION_ORDER_CHANGED, {
    variables: { connectionId },
    skip: !watching,
    onData: ({ data }) => {
      const order = data.data?.orderChanged;
      if (order) setSeen((map) => new Map(map).set(order.externalId, order));
    },
  });
  const submit = async () => {
    setWatching(true);
    setSent(null);
    const result = await send({ variables: { connectionId, kind } }).catch(() => null);
    const answer = result?.data?.sendTestWebhook ?? null;
    setSent(answer);
    if (!answer?.delivered) return;
    // Processing may have finished before the subscription started: read the order once as well.
    const found = await client
      .query({
        query: SAMPLE_ORDER,
        variables: { connectionId, search: answer.externalId },
        fetchPolicy: 'network-only',
      })
      .catch(() => null);
    const order = found?.data?.orders.edges
      .map((edge) => edge.node)
      .find((node) => node.externalId === answer.externalId);
    if (order) setSeen((map) => (map.has(order.externalId) ? map : new Map(map).set(order.externalId, order)));
  };
  const arrived = sent ? seen.get(sent.externalId) : undefined;
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
      <InlineError error={error} />
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
