/**
 * The simulator plays every registered provider on loopback. What is generic
 * lives here (sending, the callback API server, scenarios, the CLI); each
 * provider's wire format, signing and callback routes are its folder's
 * `simulator.ts` in @nexara/providers.
 */
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
  MENUS,
  createRandom,
  currencyExponentOf,
  minorToDecimalNumber,
  minorToDecimalString,
  type BuiltOrder,
  type ExpectedTotals,
  type Fulfilment,
  type Menu,
  type OrderBuildInput,
  type Random,
} from '@nexara/providers/testing';
export {
  SIGNING_FAULTS,
  TIMESTAMP_FAULT_SECONDS,
  WRONG_SECRET,
  hmacSha256Hex,
  signedHeaders,
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
  followUpReference,
  sendWebhook,
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
  type OwedResult,
  type ProviderApi,
  type ProviderApiOptions,
  type RecordedCallback,
  type ReceivedCall,
} from './callback-server';
