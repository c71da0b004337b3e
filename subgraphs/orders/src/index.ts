export { ordersDatabase } from './database';
export { ordersConfigShape, type OrdersConfig } from './config';
export { createOrdersServer, type OrdersServer } from './server';
export { buildOrdersSchema, createOrdersServices, ordersSdl, type OrdersServices } from './schema';
export { OrderService, type OrderFilter, type OrderListArgs, type OrderPage } from './orders/order.service';
export { ProviderOrderEventService, type ProviderOrderEventResult } from './orders/provider-order-event.service';
export type { ProviderOrderEventInput, ProviderOrderInput } from './orders/order.inputs';
export { providerTransition, staffTransitionAllowed, isFinalStatus } from './orders/order-status.machine';
export { ProviderCallbackService } from './callbacks/provider-callback.service';
export {
  PROVIDER_CALLBACK_TASK,
  providerCallbackJobKey,
  type ProviderCallbackAction,
  type ProviderCallbackJob,
} from './callbacks/provider-callback.job';
export { ACCEPTANCE_AT_RISK_MARGIN_MS } from './orders/order-acceptance';
export { BUCKET_METRICS_SQL } from './metrics/order-metrics.service';
