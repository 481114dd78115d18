import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCrisisAndAssessments1764300000210 implements MigrationInterface {
  name = 'CreateCrisisAndAssessments1764300000210';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table crisis_intervention (
        intervention_id uuid primary key,
        melding_id uuid not null unique,
        household_id uuid not null,
        crisis_region text not null,
        gemeente_code text not null,
        grounds text[] not null,
        persons jsonb not null,
        status text not null default 'open' check (status in ('open', 'immediate-safety-confirmed')),
        requested_at timestamptz not null
      )`);
    await queryRunner.query(`create index crisis_queue on crisis_intervention (crisis_region, requested_at) where status = 'open'`);
    await queryRunner.query(`
      create table crisis_action (
        event_id uuid primary key,
        intervention_id uuid not null references crisis_intervention (intervention_id),
        action text not null,
        person_id uuid,
        note text,
        actor text not null,
        recorded_at timestamptz not null
      )`);
    await queryRunner.query(`
      create table safety_assessment (
        melding_id uuid primary key,
        household_id uuid not null,
        region text not null,
        received_at timestamptz not null,
        acute boolean not null,
        status text not null default 'open' check (status in ('open', 'completed')),
        assessment_id uuid unique,
        taxatie text,
        outcome text,
        reasoning text,
        completed_at timestamptz,
        completed_by text
      )`);
    await queryRunner.query(`create index assessment_queue on safety_assessment (region) where status = 'open'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table safety_assessment');
    await queryRunner.query('drop table crisis_action');
    await queryRunner.query('drop table crisis_intervention');
  }
}
