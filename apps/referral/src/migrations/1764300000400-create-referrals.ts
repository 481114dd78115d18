import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReferrals1764300000400 implements MigrationInterface {
  name = 'CreateReferrals1764300000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table referral (
        referral_id uuid primary key,
        household_id uuid not null,
        partner_id text not null,
        partner_type text not null,
        gemeente_code text not null,
        status text not null check (status in ('issued')),
        legal_basis text not null,
        directory_version text not null,
        issued_at timestamptz not null
      )`);
    await queryRunner.query('create index referral_household on referral (household_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table referral');
  }
}
