import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which providers exist is the provider registry's to say (@nexara/providers),
 * not the schema's: a CHECK listing them would need a migration per provider
 * (docs/adding-a-provider.md). The service takes the provider from a
 * connection, which the registry already checked; the database keeps only the
 * shape of a code, as the integrations and orders schemas do.
 */
export class ProviderCodesFromRegistry1796810000000 implements MigrationInterface {
  name = 'ProviderCodesFromRegistry1796810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      alter table catalog.sync_jobs
        drop constraint sync_jobs_provider_check,
        add constraint sync_jobs_provider_check check (provider ~ '^[A-Z][A-Z0-9_]{0,39}$')`);
  }

  /** Back to the list as it stood when this migration was written. */
  async down(queryRunner: QueryRunner): Promise<void> {
    const codes = ['CAREEM', 'TALABAT', 'DELIVEROO', 'JAHEZ'].map((code) => `'${code}'`).join(', ');
    await queryRunner.query(`
      alter table catalog.sync_jobs
        drop constraint sync_jobs_provider_check,
        add constraint sync_jobs_provider_check check (provider in (${codes}))`);
  }
}
