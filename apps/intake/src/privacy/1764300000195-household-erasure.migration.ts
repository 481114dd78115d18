import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The erasure of a household's own data key (docs/adr/0020): free text about the household as a whole is
 * encrypted under it in every service. One row per household; its key makes the erasure happen once.
 */
export class HouseholdErasure1764300000195 implements MigrationInterface {
  name = 'HouseholdErasure1764300000195';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table household_erasure (
        household_id uuid primary key,
        erasure_id uuid not null unique,
        reason text not null,
        erased_at timestamptz not null,
        actor text not null
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table household_erasure');
  }
}
