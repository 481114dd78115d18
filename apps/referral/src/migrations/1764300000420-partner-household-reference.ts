import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pseudonymous household reference each referral's partner was given (docs/adr/0016). Null on referrals
 * issued before it existed: their partner was given the household id, and is still answered by it.
 */
export class PartnerHouseholdReference1764300000420 implements MigrationInterface {
  name = 'PartnerHouseholdReference1764300000420';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table referral add column household_reference uuid`);
    await queryRunner.query(`create index referral_household_partner on referral (household_id, partner_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index if exists referral_household_partner`);
    await queryRunner.query(`alter table referral drop column household_reference`);
  }
}
