import type { OrderStatus } from '@nexara/kit';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PROVIDER_ORDER_EVENT_KINDS = ['ORDER_PLACED', 'STATUS_CHANGED'] as const;
export type ProviderOrderEventKind = (typeof PROVIDER_ORDER_EVENT_KINDS)[number];

export const PROVIDER_EVENT_OUTCOMES = [
  'CREATED',
  'ADVANCED',
  'UNCHANGED',
  'DUPLICATE',
  'IGNORED_FINAL',
  'IGNORED_BACKWARD',
] as const;
export type ProviderEventOutcome = (typeof PROVIDER_EVENT_OUTCOMES)[number];

/**
 * The receipt of one provider event applied to an order: its key makes
 * applying the same event again a no-op, and its outcome says what it did.
 */
@Entity({ schema: 'orders', name: 'provider_events' })
export class ProviderEventEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'connection_id', type: 'uuid' })
  connectionId: string;

  @PrimaryColumn({ name: 'event_key', type: 'text' })
  eventKey: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ type: 'text' })
  kind: ProviderOrderEventKind;

  @Column({ type: 'text', nullable: true })
  status: OrderStatus | null;

  @Column({ type: 'text' })
  outcome: ProviderEventOutcome;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
