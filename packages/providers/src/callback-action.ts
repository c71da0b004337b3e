/**
 * What the restaurant (or Nexara for it) decided, which an adapter turns into
 * the provider's call. Besides the staff actions, `RECEIVED` /
 * `RECEIVE_FAILED` report whether a new order made it into Nexara (queued by
 * the worker, never by orders); only a provider that confirms receipts has a
 * call for them. The provider-callback job (@nexara/contracts) carries it.
 */
export type CallbackAction =
  | { kind: 'RECEIVED' }
  | { kind: 'RECEIVE_FAILED'; reason: string }
  | { kind: 'ACCEPTED'; prepMinutes?: number }
  | { kind: 'REJECTED'; reason: string }
  | { kind: 'PREPARING' }
  | { kind: 'READY' }
  | { kind: 'PICKED_UP' }
  | { kind: 'CANCELLED'; reason: string };

export type CallbackActionKind = CallbackAction['kind'];
