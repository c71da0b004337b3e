import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in attempt counters (rate-limiter-flexible's PostgreSQL store), shared
 * by every tenants instance. Keys are `account:<sha256 of the email>` and
 * `address:<source address>`: no email is stored in clear. Not tenant data
 * (the tenant is unknown before sign-in), so no RLS.
 */
export class CreateLoginAttempts1796400000100 implements MigrationInterface {
  name = 'CreateLoginAttempts1796400000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The column layout rate-limiter-flexible's RateLimiterPostgres reads and writes (it is told tableCreated).
    await queryRunner.query(`
      create table tenants.login_attempts (
        key varchar(255) primary key,
        points integer not null default 0,
        expire bigint
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table tenants.login_attempts`);
  }
}
