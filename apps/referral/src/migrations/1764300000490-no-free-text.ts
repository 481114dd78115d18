import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No free text in clear where crypto-shredding cannot reach it (docs/adr/0020). Referral never needs the text of
 * the safety conditions (safety-investigation keeps them encrypted and lets partners read them), only how many
 * there are; a partner's decline is a code, and the text partners once sent with it goes.
 */
export class NoFreeText1764300000490 implements MigrationInterface {
  name = 'NoFreeText1764300000490';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table household add column safety_condition_count integer check (safety_condition_count >= 0)`);
    await queryRunner.query(`update household set safety_condition_count = cardinality(safety_conditions) where cardinality(safety_conditions) > 0`);
    await queryRunner.query('alter table household drop column safety_conditions');
    await queryRunner.query('alter table referral drop column decline_text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table referral add column decline_text text');
    await queryRunner.query(`alter table household add column safety_conditions text[] not null default '{}'`);
    await queryRunner.query('alter table household drop column safety_condition_count');
  }
}
