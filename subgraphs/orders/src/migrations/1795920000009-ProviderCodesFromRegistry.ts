import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which providers exist is the provider registry's to say (@nexara/providers),
 * not the schema's: a CHECK listing them would need a migration per provider.
 * `applyProviderOrderEvent` validates the code against the registry; the
 * database keeps only the shape of a code.
 */
export class ProviderCodesFromRegistry1795920000009 implements MigrationInterface {
  name = 'ProviderCodesFromRegistry1795920000009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      alter table orders.orders
        drop constraint orders_provider_check,
        add constraint orders_provider_check check (provider ~ '^[A-Z][A-Z0-9_]{0,39}$')`);
  }

  /** Back to the list as it stood when this migration was written. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      alter table orders.orders
        drop constraint orders_provider_check,
        add constraint orders_provider_check check (provider in ('CAREEM', 'TALABAT', 'DELIVEROO', 'JAHEZ'))`);
  }
}
