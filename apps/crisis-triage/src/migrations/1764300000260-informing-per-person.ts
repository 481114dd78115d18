import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Informing involved persons is a clock per person (docs/adr/0021):
 * - `melding_person`: the persons of each melding (id and role only), whom the informing clocks run for;
 * - `informing`: what was recorded about informing a person (informed: when, how, by whom; or withheld: the ground
 *   and the basis applied) and which clocks it met, as published in InvolvedPersonInformed / InformingWithheld;
 * - `informing_clock_migration`: each run of the start-up step that turns the melding-level informing clocks of
 *   the first releases into clocks per person, with what it converted and which meldingen it could not find;
 * - `safety_assessment.registered_at`: when the melding was registered, next to when it was received.
 */
export class InformingPerPerson1764300000260 implements MigrationInterface {
  name = 'InformingPerPerson1764300000260';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table melding_person (
        melding_id uuid not null,
        person_id uuid not null,
        household_id uuid not null,
        role text not null,
        primary key (melding_id, person_id)
      )`);
    await queryRunner.query('create index melding_person_household on melding_person (household_id, person_id)');
    await queryRunner.query(`
      create table informing (
        informing_id uuid primary key,
        household_id uuid not null,
        person_id uuid not null,
        role text not null,
        kind text not null check (kind in ('informed', 'withheld')),
        informed_at timestamptz,
        method text,
        informed_by text,
        ground text,
        legal_basis text,
        decided_at timestamptz,
        met_clocks jsonb not null,
        recorded_at timestamptz not null,
        actor text not null,
        check ((kind = 'informed' and informed_at is not null and method is not null and informed_by is not null)
            or (kind = 'withheld' and ground is not null and legal_basis is not null and decided_at is not null))
      )`);
    await queryRunner.query('create index informing_person on informing (household_id, person_id)');
    await queryRunner.query(`
      create table informing_clock_migration (
        run_id uuid primary key,
        started_at timestamptz not null,
        finished_at timestamptz not null,
        legacy_clocks integer not null,
        converted integer not null,
        not_found jsonb not null
      )`);
    await queryRunner.query('alter table safety_assessment add column registered_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table safety_assessment drop column registered_at');
    await queryRunner.query('drop table informing_clock_migration');
    await queryRunner.query('drop table informing');
    await queryRunner.query('drop table melding_person');
  }
}
