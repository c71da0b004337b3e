import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The transaction-local setting of the OrderMetricsRollup migration: 'on' once the transaction queued its fold. */
const FOLD_QUEUED = 'orders.metrics_fold_queued';

/**
 * The rollup's commit-time fold (OrderMetricsRollup migration) was queued
 * by every pending row a statement wrote before the statement set
 * FOLD_QUEUED, so one statement touching many keys (a bulk insert of a
 * million orders: 69,000 quarter hours, providers and currencies) queued
 * one fold per key, and each after the first searched the pending index
 * through all the rows the first had deleted: quadratic, 500 s instead of
 * 17 s in `npm run bench`. Now a row trigger marks only the transaction's
 * first pending row (`fold`), setting FOLD_QUEUED as it does, and only a
 * marked row queues the fold. A savepoint rolled back takes back the mark's
 * row, its queued fold and the setting together.
 */
export class OrderMetricsFoldOnce1795920000008 implements MigrationInterface {
  name = 'OrderMetricsFoldOnce1795920000008';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table orders.order_metrics_pending add column fold boolean not null default false`);
    await queryRunner.query(`
      create function orders.order_metrics_mark_fold() returns trigger language plpgsql as $fn$
      begin
        new.fold := current_setting('${FOLD_QUEUED}', true) is distinct from 'on';
        if new.fold then perform set_config('${FOLD_QUEUED}', 'on', true); end if;
        return new;
      end
      $fn$`);
    await queryRunner.query(`revoke all on function orders.order_metrics_mark_fold() from public`);
    await queryRunner.query(`
      create trigger order_metrics_mark_fold before insert on orders.order_metrics_pending
        for each row execute function orders.order_metrics_mark_fold()`);
    await queryRunner.query(`drop trigger order_metrics_apply on orders.order_metrics_pending`);
    await queryRunner.query(`
      create constraint trigger order_metrics_apply after insert on orders.order_metrics_pending
        deferrable initially deferred for each row when (new.fold) execute function orders.order_metrics_apply()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop trigger order_metrics_apply on orders.order_metrics_pending`);
    await queryRunner.query(`
      create constraint trigger order_metrics_apply after insert on orders.order_metrics_pending
        deferrable initially deferred for each row
        when (current_setting('${FOLD_QUEUED}', true) is distinct from 'on')
        execute function orders.order_metrics_apply()`);
    await queryRunner.query(`drop trigger order_metrics_mark_fold on orders.order_metrics_pending`);
    await queryRunner.query(`drop function orders.order_metrics_mark_fold()`);
    await queryRunner.query(`alter table orders.order_metrics_pending drop column fold`);
  }
}
