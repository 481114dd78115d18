import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable timers for statutory clocks. A replica picks due rows with FOR UPDATE SKIP LOCKED and moves
 * their state in the same transaction as the event it emits, so no two replicas fire the same timer.
 */
export class CreateTimerTables1764300000050 implements MigrationInterface {
  name = 'CreateTimerTables1764300000050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table timer (
        timer_id uuid primary key,
        clock text not null,
        legal_basis text not null,
        counting text not null,
        calendar text not null,
        household_id uuid not null,
        subject_id uuid not null,
        started_at timestamptz not null,
        due_at timestamptz not null,
        approaching_at timestamptz not null,
        extensions integer not null default 0,
        state text not null default 'running' check (state in ('running', 'approaching', 'breached', 'met', 'completed-late', 'cancelled')),
        completed_at timestamptz,
        unique (clock, subject_id)
      )`);
    await queryRunner.query(`create index timer_next on timer (least(approaching_at, due_at)) where state in ('running', 'approaching')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table timer');
  }
}
