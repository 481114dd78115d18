import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the household record keeps of each ReferralIssued: to whom and why (`purpose`, `outcome`), so that
 * the referral's later facts (accepted, completed, routing failed) can be told apart: only an overdracht
 * hands zicht op veiligheid over. The handover facts themselves are household events (`household_event`).
 */
export class HouseholdReferrals1764300000360 implements MigrationInterface {
  name = 'HouseholdReferrals1764300000360';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table household_referral (
        referral_id uuid primary key,
        household_id uuid not null,
        partner_id text not null,
        partner_type text not null,
        purpose text,
        outcome text,
        reroute_of uuid,
        issued_at timestamptz not null,
        event_id text not null
      )`);
    await queryRunner.query('create index household_referral_household on household_referral (household_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table household_referral');
  }
}
