/** Builders for tests of code that runs adapters (`@nexara/providers/testing`). */
export {
  aConnection,
  aWebhook,
  CURRENT_SECRET,
  editedFixture,
  fixtureBytes,
  PREVIOUS_SECRET,
} from './common/test-support';

/**
 * What the providers' simulator parts are built from (each folder's
 * `simulator.ts`), for the simulator and the tests that play providers.
 */
export { createRandom, type Random } from './common/simulation/random';
export {
  CURRENCY_EXPONENTS,
  VAT_PERCENT,
  currencyExponentOf,
  minorToDecimalNumber,
  minorToDecimalString,
} from './common/simulation/money';
export {
  type ExpectedTotals,
  type Fulfilment,
  type BuiltOrder,
  type OrderBuildInput,
} from './common/simulation/basket';
export { MENUS, type Menu } from './common/simulation/menus';
export { OWN_MENU } from './common/simulation/own-menu.fixture';
export { countryProfileFor } from './common/simulation/people';
export { answeredDuplicate, hmacSha256Hex, TIMESTAMP_FAULT_SECONDS, WRONG_SECRET } from './common/simulation/signing';
export { aControlConnection, aControlMenu, EVERY_CONTROL_ID } from './common/control-fixture';
