import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signals and their matches (docs/adr/0038). The pseudonym is kept only while the signal is active: ending a signal
 * clears it here and destroys the signal's data key, which is all that can open it in the events.
 */
export class CreateSignals1764300000600 implements MigrationInterface {
  name = 'CreateSignals1764300000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table signal (
        signal_id uuid primary key,
        organisation_id text not null,
        region text not null,
        legal_basis text not null,
        pseudonym text,
        status text not null check (status in ('active', 'withdrawn', 'expired')),
        registered_at timestamptz not null,
        expires_at timestamptz not null,
        ended_at timestamptz,
        check ((status = 'active') = (pseudonym is not null))
      )`);
    await queryRunner.query(`create unique index signal_active_per_organisation on signal (organisation_id, pseudonym) where status = 'active'`);
    await queryRunner.query(`create index signal_active_by_pseudonym on signal (pseudonym) where status = 'active'`);
    await queryRunner.query(`create index signal_due on signal (expires_at) where status = 'active'`);
    await queryRunner.query(`
      create table signal_match (
        match_id uuid primary key,
        signal_a uuid not null references signal (signal_id),
        signal_b uuid not null references signal (signal_id),
        matched_at timestamptz not null,
        check (signal_a < signal_b),
        unique (signal_a, signal_b)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table signal_match');
    await queryRunner.query('drop table signal');
  }
}
