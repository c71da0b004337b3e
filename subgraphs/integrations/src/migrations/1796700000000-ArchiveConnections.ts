import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Archived connections (docs/dashboard.md, "Archived connections"): hidden
 * from lists, refused at the webhook door, kept with their orders and events
 * for history. The row-level policies on the table cover the new column.
 */
export class ArchiveConnections1796700000000 implements MigrationInterface {
  name = 'ArchiveConnections1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table integrations.connections add column archived_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table integrations.connections drop column archived_at`);
  }
}
