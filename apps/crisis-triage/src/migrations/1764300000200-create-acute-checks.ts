import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAcuteChecks1764300000200 implements MigrationInterface {
  name = 'CreateAcuteChecks1764300000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table acute_check (
        check_id uuid primary key,
        melding_id uuid not null unique,
        household_id uuid not null,
        gemeente_code text not null,
        acute boolean not null,
        grounds text[] not null,
        rule_set_version text not null,
        checked_at timestamptz not null
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table acute_check');
  }
}
