import type { OrderStatus } from '@nexara/kit';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '../common/column-transformers';

export const ORDER_EVENT_SOURCES = ['PROVIDER', 'USER', 'SYSTEM'] as const;
export type OrderEventSource = (typeof ORDER_EVENT_SOURCES)[number];

/** One entry of an order's timeline: the order reached `status` at `at`. */
@Entity({ schema: 'orders', name: 'order_events' })
export class OrderEventEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  /**
   * Insertion order. A provider jump writes several entries with the same
   * `at`; this keeps them in the order the steps were passed.
   */
  @Column({ type: 'bigint', insert: false, update: false, transformer: bigintColumn })
  seq: number;

  @Column({ type: 'text' })
  status: OrderStatus;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  source: OrderEventSource;

  /** Who made the change: a user id for USER entries, the provider for PROVIDER entries. */
  @Column({ type: 'text', nullable: true })
  actor: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The order's version whose change wrote this entry (null for entries older than versions). */
  @Column({ name: 'order_version', type: 'integer', nullable: true })
  orderVersion: number | null;
}
