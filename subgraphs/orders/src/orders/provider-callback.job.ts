import type { ProviderCallbackJob, StaffCallbackAction } from '@nexara/contracts';
import type { OrderEntity } from './order.entity';

type CallbackOrder = Pick<OrderEntity, 'tenantId' | 'id' | 'connectionId' | 'provider' | 'externalId' | 'placedAt'>;

/** The job (docs/architecture.md, "where each contract lives") telling the order's provider about a staff move. */
export function providerCallbackJob(order: CallbackOrder, action: StaffCallbackAction): ProviderCallbackJob {
  return {
    tenantId: order.tenantId,
    orderId: order.id,
    connectionId: order.connectionId,
    provider: order.provider,
    externalId: order.externalId,
    placedAt: order.placedAt.toISOString(),
    action,
  };
}
