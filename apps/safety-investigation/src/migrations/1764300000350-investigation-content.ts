import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an investigation holds (plan steps, findings per person, conclusion), the tijdelijk huisverboden,
 * and the durable schedule of facts that fall due later (monitoring check-ins, huisverbod clocks).
 */
export class InvestigationContent1764300000350 implements MigrationInterface {
  name = 'InvestigationContent1764300000350';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table investigation add column conclusion jsonb, add column concluded_at timestamptz, add column concluded_by text`);
    await queryRunner.query(`
      create table investigation_step (
        step_id uuid primary key,
        investigation_id uuid not null references investigation (investigation_id),
        kind text not null check (kind in ('gesprek', 'huisbezoek', 'informatie-derden')),
        person_id uuid,
        third_party text,
        legal_basis text,
        planned_at timestamptz not null,
        planned_by text not null,
        completed_at timestamptz,
        completed_by text,
        check (kind <> 'informatie-derden' or (third_party is not null and legal_basis is not null)),
        check (kind <> 'gesprek' or person_id is not null)
      )`);
    await queryRunner.query('create index investigation_step_by_investigation on investigation_step (investigation_id)');
    // The finding's text only as ciphertext under the person's data key (person_key): destroying the key erases it.
    await queryRunner.query(`
      create table investigation_finding (
        finding_id uuid primary key,
        investigation_id uuid not null references investigation (investigation_id),
        person_id uuid not null,
        step_id uuid references investigation_step (step_id),
        finding jsonb not null,
        recorded_at timestamptz not null,
        recorded_by text not null
      )`);
    await queryRunner.query('create index investigation_finding_by_investigation on investigation_finding (investigation_id)');
    await queryRunner.query(`
      create table huisverbod (
        huisverbod_id uuid primary key,
        household_id uuid not null,
        person_id uuid not null,
        burgemeester_of text not null,
        imposed_at timestamptz not null,
        ends_at timestamptz not null,
        max_ends_at timestamptz not null,
        status text not null default 'running' check (status in ('running', 'ended')),
        recorded_at timestamptz not null
      )`);
    await queryRunner.query('create index huisverbod_by_household on huisverbod (household_id)');
    await queryRunner.query(`
      create table scheduled_fact (
        scheduled_id uuid primary key,
        kind text not null,
        household_id uuid not null,
        subject_id uuid not null,
        due_at timestamptz not null,
        payload jsonb not null,
        state text not null default 'pending' check (state in ('pending', 'fired', 'cancelled')),
        fired_at timestamptz
      )`);
    await queryRunner.query(`create index scheduled_fact_due on scheduled_fact (due_at) where state = 'pending'`);
    await queryRunner.query('create index scheduled_fact_by_subject on scheduled_fact (subject_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table scheduled_fact');
    await queryRunner.query('drop table huisverbod');
    await queryRunner.query('drop table investigation_finding');
    await queryRunner.query('drop table investigation_step');
    await queryRunner.query('alter table investigation drop column conclusion, drop column concluded_at, drop column concluded_by');
  }
}
