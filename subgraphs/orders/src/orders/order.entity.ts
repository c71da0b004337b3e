import type { OrderStatus } from '@nexara/kit';
import type { Provider } from '@nexara/providers/display';
import type { CanonicalItem, CanonicalModifier, CanonicalOrder, MenuWarning } from '@nexara/providers';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '../common/column-transformers';

// JSON columns hold amounts as integer minor units in the order's currency.
// The stored parts of an order are the canonical order's (packages/providers/src/canonical-order.ts).
export type OrderCustomerData = NonNullable<CanonicalOrder['customer']>;
export type OrderDeliveryData = NonNullable<CanonicalOrder['delivery']>;
export type OrderItemModifierData = CanonicalModifier;
export type OrderItemData = CanonicalItem;
export type OrderPaymentData = NonNullable<CanonicalOrder['payment']>;

@Entity({ schema: 'orders', name: 'orders' })
export class OrderEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** `orderIdFor(connectionId, externalId)` for provider orders, so the id is known before the row exists. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'connection_id', type: 'uuid' })
  connectionId: string;

  @Column({ type: 'text' })
  provider: Provider;

  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  @Column({ name: 'display_code', type: 'text' })
  displayCode: string;

  @Column({ type: 'text' })
  status: OrderStatus;

  @Column({ name: 'placed_at', type: 'timestamptz' })
  placedAt: Date;

  @Column({ name: 'accept_by', type: 'timestamptz', nullable: true })
  acceptBy: Date | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'prep_minutes', type: 'integer', nullable: true })
  prepMinutes: number | null;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'bigint', transformer: bigintColumn })
  subtotal: number;

  @Column({ name: 'delivery_fee', type: 'bigint', transformer: bigintColumn })
  deliveryFee: number;

  @Column({ type: 'bigint', transformer: bigintColumn })
  discount: number;

  @Column({ type: 'bigint', transformer: bigintColumn })
  tax: number;

  @Column({ type: 'bigint', transformer: bigintColumn })
  tip: number;

  @Column({ type: 'bigint', transformer: bigintColumn })
  total: number;

  @Column({ type: 'jsonb', nullable: true })
  customer: OrderCustomerData | null;

  @Column({ type: 'jsonb', nullable: true })
  delivery: OrderDeliveryData | null;

  @Column({ type: 'jsonb' })
  items: OrderItemData[];

  @Column({ type: 'jsonb', nullable: true })
  payment: OrderPaymentData | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'jsonb' })
  warnings: string[];

  /** Items the branch's menu had sold out or hidden when the order arrived (docs/control-plane.md, "Orders meet the menu"). */
  @Column({ name: 'menu_warnings', type: 'jsonb', default: () => "'[]'::jsonb" })
  menuWarnings: MenuWarning[];

  /** Placed by the dashboard's "Send test webhook": kept out of metrics and acceptance alerts. */
  @Column({ type: 'boolean', default: false })
  test: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  /** 1 when the order arrives, one more with each change (`updateOrder`); earlier states are in `order_versions`. */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version: number;
}
