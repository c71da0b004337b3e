/**
 * The kinds of event services announce on the bus (kit's EventBus), and what
 * each event's `id` names. Events carry ids only (`{tenantId, kind, id}`): a
 * consumer re-reads what it needs with its own credentials. Publishers and the
 * gateway's subscriptions both use these names.
 */
export const BUS_EVENTS = {
  /** An order changed (orders subgraph); `id` is the order's id, `version` the order version the change produced. */
  orderChanged: 'order.changed',
  /** A tenant's totals changed, coalesced to about one a second (orders subgraph); `id` is the tenant's id. */
  metricsChanged: 'metrics.changed',
  /** A connection's health may have changed, coalesced per connection (integrations); `id` is the connection's id. */
  connectionHealth: 'connection.health',
  /** A connection's name, status or settings changed (integrations); `id` is the connection's id. Gateways drop cached names. */
  connectionChanged: 'connection.changed',
  /** An alert opened (integrations); `id` is the alert's id. */
  alertRaised: 'alert.raised',
  /** An alert was acknowledged or resolved (integrations); `id` is the alert's id. */
  alertChanged: 'alert.changed',
  /** A catalog sync job was queued or changed state (catalog); `id` is the job's id. */
  catalogSyncChanged: 'catalog.sync.changed',
  /** A branch's store status, busy mode or opening hours changed (catalog); `id` is the branch's id. */
  storeStatusChanged: 'catalog.store_status.changed',
} as const;

export type BusEventKind = (typeof BUS_EVENTS)[keyof typeof BUS_EVENTS];
