import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys may carry the catalog scopes: a POS pushes its menu and its 86s (docs/control-plane.md). */
export class CatalogApiKeyScopes1796400000200 implements MigrationInterface {
  name = 'CatalogApiKeyScopes1796400000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table tenants.api_keys drop constraint api_keys_scopes_known`);
    await queryRunner.query(`
      alter table tenants.api_keys add constraint api_keys_scopes_known check (
        cardinality(scopes) > 0
        and scopes <@ array['orders:read', 'orders:write', 'connections:read', 'catalog:read', 'catalog:write']::text[]
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table tenants.api_keys drop constraint api_keys_scopes_known`);
    await queryRunner.query(`
      alter table tenants.api_keys add constraint api_keys_scopes_known check (
        cardinality(scopes) > 0
        and scopes <@ array['orders:read', 'orders:write', 'connections:read']::text[]
      )`);
  }
}
