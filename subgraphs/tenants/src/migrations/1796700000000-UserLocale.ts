import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each user's dashboard language and digits (docs/dashboard.md, "Language").
 * The row-level policies on tenants.users already cover new columns: a user's
 * preference is read and written only inside the user's own tenant.
 */
export class UserLocale1796700000000 implements MigrationInterface {
  name = 'UserLocale1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      alter table tenants.users
        add column locale text not null default 'en' constraint users_locale_known check (locale in ('en', 'ar')),
        add column arabic_digits boolean not null default false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table tenants.users drop column arabic_digits, drop column locale`);
  }
}
