export {
  SIMULATED_PROVIDERS,
  isSimulatedProvider,
  providerSlug,
  type SimulatedConnection,
  type SimulatedProvider,
} from './connections';
export {
  CURRENCY_EXPONENTS,
  VAT_PERCENT,
  currencyExponentOf,
  minorToDecimalNumber,
  minorToDecimalString,
} from './money';
export { createRandom, type Random } from './random';
export { type ExpectedTotals, type Fulfilment, type BuiltOrder, type OrderBuildInput } from './payloads/basket';
export { MENUS, type Menu } from './payloads/menus';
export {
  buildCareemOrder,
  careemEvent,
  type CareemEvent,
  type CareemItem,
  type CareemOption,
  type CareemOrderDetails,
  type CareemOrderStatus,
} from './payloads/careem';
export {
  buildDeliverooOrder,
  deliverooEvent,
  deliverooOrderWithStatus,
  type DeliverooEvent,
  type DeliverooItem,
  type DeliverooMoney,
  type DeliverooOrder,
  type DeliverooOrderStatus,
} from './payloads/deliveroo';
export {
  buildJahezOrder,
  buildJahezOrderUpdate,
  type JahezModifier,
  type JahezOption,
  type JahezOrder,
  type JahezOrderStatus,
  type JahezOrderUpdate,
  type JahezProduct,
} from './payloads/jahez';
export {
  buildTalabatOrder,
  buildTalabatStatusUpdate,
  type TalabatOrder,
  type TalabatPosOrderStatus,
  type TalabatProduct,
  type TalabatStatusUpdate,
  type TalabatTopping,
} from './payloads/talabat';
export {
  SIGNING_FAULTS,
  TIMESTAMP_FAULT_SECONDS,
  WRONG_SECRET,
  careemHeaders,
  deliverooHeaders,
  hmacSha256Hex,
  jahezHeaders,
  signedHeaders,
  talabatHeaders,
  talabatToken,
  type RequestSigningInput,
  type SigningFault,
} from './signing';
export {
  CANCELLATION_STATUS,
  PROVIDER_STATUSES,
  STATUS_PROGRESSIONS,
  answeredDuplicate,
  buildWebhook,
  checkAnswer,
  sendWebhook,
  talabatRemoteOrderId,
  type BuildWebhookOptions,
  type BuiltWebhook,
  type ProviderOrder,
  type SendResult,
  type WebhookKind,
} from './send';
export {
  ScenarioRunner,
  percentile,
  summarizeLedger,
  type LedgerEntry,
  type ScenarioOptions,
  type ScenarioOrder,
  type ScenarioSummary,
} from './scenario-runner';
export {
  startProviderApi,
  type CallbackRoute,
  type ProviderApi,
  type ProviderApiOptions,
  type RecordedCallback,
} from './callback-server';
