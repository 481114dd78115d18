import { MigrationInterface, QueryRunner } from 'typeorm';

/** Radar: each person's lookup keys with the case (household) they belong to, and whether that case is open. */
export class Radar1764300000120 implements MigrationInterface {
  name = 'Radar1764300000120';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table radar_key (
        key text not null,
        matched_on text not null check (matched_on in ('bsn', 'name-dob-address')),
        person_id uuid not null,
        melding_id uuid not null,
        household_id uuid not null,
        vt_region text not null,
        recorded_at timestamptz not null,
        primary key (key, person_id)
      )`);
    await queryRunner.query(`
      create table household_case (
        household_id uuid primary key,
        status text not null check (status in ('open', 'closed')),
        updated_at timestamptz not null
      )`);
    await queryRunner.query(`alter table melding add column radar_classification text, add column radar_references jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table melding drop column radar_classification, drop column radar_references');
    await queryRunner.query('drop table household_case');
    await queryRunner.query('drop table radar_key');
  }
}
