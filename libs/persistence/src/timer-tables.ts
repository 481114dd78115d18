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

/**
 * A clock may run for one person of its subject (`person_id`): `informeren-betrokkenen` runs one clock per
 * involved person of a melding (docs/adr/0021). A clock is unique per (clock, subject) when it runs for no person,
 * per (clock, subject, person) when it does. A clock replaced by others is `superseded`: neither met nor breached.
 */
export class TimerPersons1764300000060 implements MigrationInterface {
  name = 'TimerPersons1764300000060';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table timer add column person_id uuid');
    await queryRunner.query('alter table timer drop constraint timer_clock_subject_id_key');
    await queryRunner.query('create unique index timer_clock_subject on timer (clock, subject_id) where person_id is null');
    await queryRunner.query('create unique index timer_clock_subject_person on timer (clock, subject_id, person_id) where person_id is not null');
    await queryRunner.query('create index timer_household_person on timer (household_id, person_id) where person_id is not null');
    await queryRunner.query('alter table timer drop constraint timer_state_check');
    await queryRunner.query(`alter table timer add constraint timer_state_check check (state in ('running', 'approaching', 'breached', 'met', 'completed-late', 'cancelled', 'superseded'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`delete from timer where person_id is not null`);
    await queryRunner.query(`update timer set state = 'running' where state = 'superseded'`);
    await queryRunner.query('alter table timer drop constraint timer_state_check');
    await queryRunner.query(`alter table timer add constraint timer_state_check check (state in ('running', 'approaching', 'breached', 'met', 'completed-late', 'cancelled'))`);
    await queryRunner.query('drop index timer_household_person');
    await queryRunner.query('drop index timer_clock_subject_person');
    await queryRunner.query('drop index timer_clock_subject');
    await queryRunner.query('alter table timer add constraint timer_clock_subject_id_key unique (clock, subject_id)');
    await queryRunner.query('alter table timer drop column person_id');
  }
}
