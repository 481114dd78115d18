import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure and retention: erased persons keep their row (ids and role, for the record) with their fields
 * cleared; destruction requests with their clock; one retention clock per household.
 */
export class Erasure1764300000185 implements MigrationInterface {
  name = 'Erasure1764300000185';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table melding_person alter column name drop not null, add column erased_at timestamptz`);
    await queryRunner.query(`alter table melder alter column name drop not null, add column erased_at timestamptz`);
    await queryRunner.query(`
      create table person_erasure (
        person_id uuid primary key,
        erasure_id uuid not null unique,
        household_id uuid not null,
        subject_kind text not null check (subject_kind in ('person', 'melder')),
        reason text not null,
        request_id uuid,
        erased_at timestamptz not null,
        actor text not null
      )`);
    await queryRunner.query(`
      create table erasure_request (
        request_id uuid primary key,
        person_id uuid not null,
        household_id uuid not null,
        received_at timestamptz not null,
        due_at timestamptz not null,
        due_local_date text not null,
        approaching_at timestamptz not null,
        calendar text not null,
        legal_basis text not null,
        registered_by text not null,
        state text not null default 'open' check (state in ('open', 'approaching', 'breached', 'done')),
        erased_at timestamptz
      )`);
    // At most one destruction request per person is open at a time.
    await queryRunner.query(`create unique index erasure_request_open_per_person on erasure_request (person_id) where state <> 'done'`);
    await queryRunner.query(`create index erasure_request_next on erasure_request (least(approaching_at, due_at)) where state in ('open', 'approaching')`);
    await queryRunner.query(`
      create table household_retention (
        household_id uuid primary key,
        rule text not null,
        starts_at timestamptz not null,
        ends_at timestamptz not null,
        basis text not null,
        state text not null default 'running' check (state in ('running', 'erased')),
        erased_at timestamptz
      )`);
    await queryRunner.query(`create index household_retention_due on household_retention (ends_at) where state = 'running'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table household_retention');
    await queryRunner.query('drop table erasure_request');
    await queryRunner.query('drop table person_erasure');
    await queryRunner.query('alter table melder drop column erased_at');
    await queryRunner.query('alter table melding_person drop column erased_at');
  }
}
