import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The read-only policies that let the platform functions see every tenant's rows. */
const PLATFORM_READ_POLICIES = [
  ['connections_platform_read', 'integrations.connections'],
  ['webhook_events_platform_read', 'integrations.webhook_events'],
] as const;

/**
 * The platform-read policies applied to every role: the service role could
 * `set_config('app.platform', 'on', true)` itself and read every tenant's
 * connections and deliveries. They are meant only for the security definer
 * functions (connection_for_key, stale_webhook_events, the alert
 * evaluator's tenant list), which run as their owner: the policies now apply
 * to that owner alone, so the setting means nothing to any other role.
 */
export class PlatformReadForOwnerOnly1796410000000 implements MigrationInterface {
  name = 'PlatformReadForOwnerOnly1796410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [policy, table] of PLATFORM_READ_POLICIES) {
      await queryRunner.query(`alter policy ${policy} on ${table} to nexara_owner`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [policy, table] of PLATFORM_READ_POLICIES) {
      await queryRunner.query(`alter policy ${policy} on ${table} to public`);
    }
  }
}
