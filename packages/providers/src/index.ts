/**
 * The server entry of @nexara/providers: the adapters and definitions behind
 * the registry (display.ts). Node only; the browser imports
 * `@nexara/providers/display`.
 */
export * from './display';
export type * from './adapter';
export {
  canonicalCustomerSchema,
  canonicalDeliverySchema,
  canonicalItemSchema,
  canonicalModifierSchema,
  canonicalOrderEventSchema,
  canonicalOrderProblems,
  canonicalOrderSchema,
  canonicalPaymentSchema,
  MENU_WARNING_CODES,
  menuWarningSchema,
  providerOrderEventSchema,
  type MenuWarning,
  type MenuWarningCode,
} from './canonical-order';
export { orderTotalsWarnings, showMoney, totalsOverflow, type OrderAmounts } from './order-totals';
export type { CallbackAction, CallbackActionKind } from './callback-action';
export type { FixtureDelivery, ProviderDefinition } from './definition';
export { adapterFor, PROVIDER_DEFINITIONS, providerDefinition, providerFromPath } from './registry';
export { PayloadError } from './common/errors';
export { MAX_IDEMPOTENCY_KEY_LENGTH } from './common/json-body';
export type * from './simulator';
export { SIMULATED_REJECTION } from './simulator';
export type * from './control';
export { capabilityFor, ControlBuildError } from './control';
