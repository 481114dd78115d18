import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInvestigations1764300000320 implements MigrationInterface {
  name = 'CreateInvestigations1764300000320';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table investigation (
        investigation_id uuid primary key,
        household_id uuid not null,
        assessment_id uuid not null unique,
        melding_id uuid not null,
        status text not null default 'open' check (status in ('open', 'concluded')),
        opened_at timestamptz not null
      )`);
    // One integral investigation per household at a time.
    await queryRunner.query(`create unique index investigation_open_per_household on investigation (household_id) where status = 'open'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table investigation');
  }
}
