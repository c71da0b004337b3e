import { Column, Entity, PrimaryColumn } from 'typeorm';

export const CALLBACK_OUTCOMES = ['DELIVERED', 'RETRYING', 'FAILED', 'NOT_SUPPORTED'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/** One outcome the integrations worker reported for a provider callback of an order. */
@Entity({ schema: 'orders', name: 'order_callbacks' })
export class OrderCallbackEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  /** The callback action kind, e.g. ACCEPTED. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  outcome: CallbackOutcome;

  /** Which try this was (1 = the first call); 0 when no call was made (NOT_SUPPORTED). */
  @Column({ type: 'integer' })
  attempt: number;

  @Column({ name: 'http_status', type: 'integer', nullable: true })
  httpStatus: number | null;

  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;
}
