import { MigrationInterface, QueryRunner } from 'typeorm';

/** Referral lifecycle, re-routing chain and answer clock; what referral knows of a household and its meldingen. */
export class ReferralLifecycle1764300000410 implements MigrationInterface {
  name = 'ReferralLifecycle1764300000410';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table referral drop constraint if exists referral_status_check`);
    await queryRunner.query(`alter table referral add constraint referral_status_check check (status in ('issued', 'accepted', 'declined', 'expired', 'rerouted', 'completed'))`);
    await queryRunner.query(`alter table referral alter column gemeente_code drop not null`);
    await queryRunner.query(`
      alter table referral
        add column region_code text,
        add column purpose text not null default 'overdracht',
        add column outcome text,
        add column wanted_type text,
        add column tried text[] not null default '{}',
        add column reroute_of uuid references referral (referral_id),
        add column answer_due_at timestamptz,
        add column answered_at timestamptz,
        add column answered_by text,
        add column decline_code text,
        add column decline_text text,
        add column closed_at timestamptz`);
    await queryRunner.query(`update referral set wanted_type = partner_type where wanted_type is null`);
    await queryRunner.query(`alter table referral alter column wanted_type set not null`);
    await queryRunner.query(`create index referral_answer_due on referral (answer_due_at) where status = 'issued' and answer_due_at is not null`);
    // What routing and projections need of a household: where it lives, who is in it (ids and roles only), its conditions.
    await queryRunner.query(`
      create table household (
        household_id uuid primary key,
        gemeente_code text,
        region_code text,
        island text,
        persons jsonb not null default '[]',
        safety_conditions text[] not null default '{}',
        conditions_to_melder boolean not null default false,
        updated_at timestamptz not null
      )`);
    // Partners that were ever sent a referral: whose responses topics the service reads.
    await queryRunner.query(`create table partner_subscription (partner_id text primary key, since timestamptz not null)`);
    await queryRunner.query(`insert into partner_subscription (partner_id, since) select partner_id, min(issued_at) from referral group by partner_id`);
    // Per melding only whether its melder gets terugkoppeling: never who the melder is.
    await queryRunner.query(`
      create table melding_feedback (
        melding_id uuid primary key,
        household_id uuid not null,
        feedback_due boolean not null
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table melding_feedback');
    await queryRunner.query('drop table partner_subscription');
    await queryRunner.query('drop table household');
    await queryRunner.query('drop index referral_answer_due');
    await queryRunner.query(`
      alter table referral
        drop column region_code, drop column purpose, drop column outcome, drop column wanted_type, drop column tried,
        drop column reroute_of, drop column answer_due_at, drop column answered_at, drop column answered_by,
        drop column decline_code, drop column decline_text, drop column closed_at`);
  }
}
