import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which providers exist is the provider registry's to say (@nexara/providers),
 * not the schema's: a CHECK listing them would need a migration per provider.
 * The service validates the code against the registry before it writes; the
 * database keeps only the shape of a code.
 */
export class ProviderCodesFromRegistry1796600000000 implements MigrationInterface {
  name = 'ProviderCodesFromRegistry1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['connections', 'webhook_events']) {
      await queryRunner.query(`
        alter table integrations.${table}
          drop constraint ${table}_provider_check,
          add constraint ${table}_provider_check check (provider ~ '^[A-Z][A-Z0-9_]{0,39}$')`);
    }
  }

  /** Back to the list as it stood when this migration was written. */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['connections', 'webhook_events']) {
      await queryRunner.query(`
        alter table integrations.${table}
          drop constraint ${table}_provider_check,
          add constraint ${table}_provider_check check (provider in ('CAREEM', 'TALABAT', 'DELIVEROO', 'JAHEZ'))`);
    }
  }
}
