/** Builders for tests of code that runs adapters (`@nexara/providers/testing`). */
export {
  aConnection,
  aWebhook,
  CURRENT_SECRET,
  editedFixture,
  fixtureBytes,
  PREVIOUS_SECRET,
} from './common/test-support';
export { aControlConnection, aControlMenu } from './common/control-fixture';
