import { useApolloClient, useMutation, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import type { SendTestWebhookMutation, TestWebhookKind } from '../../gql/graphql';
import { StatusBadge } from '../../ui/StatusBadge';
import { CONNECTION_ORDER_CHANGED, SAMPLE_ORDER, SEND_TEST_WEBHOOK } from './connection.operations';
import { InlineError } from '../../ui/states';
import { useTranslation } from '../../i18n/translate';

const KINDS: readonly TestWebhookKind[] = ['NEW_ORDER', 'STATUS_UPDATE', 'CANCELLATION'];

type Sent = SendTestWebhookMutation['sendTestWebhook'];
type Arrival = { externalId: string; displayCode: string; status: string };

/**
 * Sends a signed sample through the connection's real webhook URL, then
 * watches the connection's orders until the sample's order shows up.
 */
export function TestWebhookTool({ connectionId }: { connectionId: string }) {
  const client = useApolloClient();
  const { t } = useTranslation('integrations');
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
    <div className="test-tool" aria-label={t('test.tool')}>
      <div className="inline-form">
        <label>
          {t('test.sample')}
          <select value={kind} onChange={(e) => setKind(e.target.value as TestWebhookKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`test.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={loading} onClick={() => void submit()}>
          {loading ? t('test.sending') : t('test.send')}
        </button>
      </div>
      <InlineError error={error} />
      {sent && (
        <p role="status" className={sent.delivered ? '' : 'error'}>
          {sent.delivered
            ? t('test.accepted', { status: sent.httpStatus, id: sent.externalId })
            : t('test.notDelivered', {
                status: sent.httpStatus ? ` (HTTP ${sent.httpStatus})` : '',
                error: sent.error ?? t('test.noAnswer'),
              })}
          {sent.delivered &&
            (arrived ? (
              <span data-testid="test-arrived">
                {t('test.arrived', { code: arrived.displayCode })}
                <StatusBadge status={arrived.status} />
              </span>
            ) : (
              <span className="muted">{t('test.waiting')}</span>
            ))}
        </p>
      )}
    </div>
  );
}
