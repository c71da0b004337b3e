import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import {
  actionLabel,
  allowedOrderActions,
  PREP_MINUTE_CHOICES,
  validPrepMinutes,
  type OrderAction,
} from './order-actions';
import {
  ACCEPT_ORDER,
  CANCEL_ORDER,
  MARK_DELIVERED,
  MARK_PICKED_UP,
  MARK_PREPARING,
  MARK_READY,
  REJECT_ORDER,
} from './order.operations';
import { InlineError } from '../../ui/states';
import { useTranslation } from '../../i18n/translate';
import { statusLabel } from '../../ui/StatusBadge';

type Props = { orderId: string; status: string; role: string; onDone: () => void };

/** The buttons for the order's next steps; accept asks for a prep time, reject and cancel for a reason. */
export function OrderActions({ orderId, status, role, onDone }: Props) {
  const [pending, setPending] = useState<OrderAction | null>(null);
  const { t } = useTranslation('orders', { keyPrefix: 'actions' });
  const [prepMinutes, setPrepMinutes] = useState(20);
  const [reason, setReason] = useState('');
  const [accept, acceptState] = useMutation(ACCEPT_ORDER);
  const [reject, rejectState] = useMutation(REJECT_ORDER);
  const [cancel, cancelState] = useMutation(CANCEL_ORDER);
  const [preparing, preparingState] = useMutation(MARK_PREPARING);
  const [ready, readyState] = useMutation(MARK_READY);
  const [pickedUp, pickedUpState] = useMutation(MARK_PICKED_UP);
  const [delivered, deliveredState] = useMutation(MARK_DELIVERED);
  const states = [acceptState, rejectState, cancelState, preparingState, readyState, pickedUpState, deliveredState];
  const busy = states.some((s) => s.loading);
  const error = states.find((s) => s.error)?.error;

  const actions = allowedOrderActions(status, role);
  if (actions.length === 0) return <p className="muted">{t('done', { status: statusLabel(status).toLowerCase() })}</p>;

  const variables = { id: orderId };
  const run = async (action: OrderAction) => {
    const calls: Record<OrderAction, () => Promise<unknown>> = {
      ACCEPT: () => accept({ variables: { ...variables, prepMinutes } }),
      REJECT: () => reject({ variables: { ...variables, reason: reason.trim() } }),
      CANCEL: () => cancel({ variables: { ...variables, reason: reason.trim() } }),
      MARK_PREPARING: () => preparing({ variables }),
      MARK_READY: () => ready({ variables }),
      MARK_PICKED_UP: () => pickedUp({ variables }),
      MARK_DELIVERED: () => delivered({ variables }),
    };
    const ok = await calls[action]().then(
      () => true,
      () => false,
    );
    if (ok) {
      setPending(null);
      setReason('');
      onDone();
    }
  };
  const choose = (action: OrderAction) => {
    if (action === 'ACCEPT' || action === 'REJECT' || action === 'CANCEL') setPending(action);
    else void run(action);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) void run(pending);
  };

  return (
    <div className="order-actions">
      {!pending && (
        <div className="button-row">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'ACCEPT' ? 'primary' : action === 'REJECT' || action === 'CANCEL' ? 'danger' : ''}
              disabled={busy}
              onClick={() => choose(action)}
            >
              {actionLabel(action)}
            </button>
          ))}
        </div>
      )}
      {pending === 'ACCEPT' && (
        <form className="inline-form" onSubmit={submit} aria-label={t('acceptForm')}>
          <label>
            {t('readyInMinutes')}
            <select value={prepMinutes} onChange={(e) => setPrepMinutes(Number(e.target.value))} autoFocus>
              {PREP_MINUTE_CHOICES.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {t('minutes', { n: minutes })}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={busy || !validPrepMinutes(prepMinutes)}>
            {t('confirmAccept')}
          </button>
          <button type="button" onClick={() => setPending(null)}>
            {t('back')}
          </button>
        </form>
      )}
      {(pending === 'REJECT' || pending === 'CANCEL') && (
        <form
          className="inline-form"
          onSubmit={submit}
          aria-label={pending === 'REJECT' ? t('rejectForm') : t('cancelForm')}
        >
          <label>
            {t('reason')}
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              autoFocus
              placeholder={t('reasonPlaceholder')}
            />
          </label>
          <button type="submit" className="danger" disabled={busy || !reason.trim()}>
            {pending === 'REJECT' ? t('confirmReject') : t('confirmCancel')}
          </button>
          <button type="button" onClick={() => setPending(null)}>
            {t('back')}
          </button>
        </form>
      )}
      <InlineError error={error} />
    </div>
  );
}
