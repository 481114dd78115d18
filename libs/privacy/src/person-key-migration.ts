import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `person_key`: one data key per person, stored only wrapped under a master key. Destroying a key nulls
 * `wrapped_key` and records when and why; the row stays, so a destroyed person's key is never re-created.
 * Services that encrypt personal data include this migration (after the messaging tables).
 */
export class CreatePersonKeys1764300000080 implements MigrationInterface {
  name = 'CreatePersonKeys1764300000080';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table person_key (
        person_id uuid primary key,
        key_id uuid not null unique,
        wrapped_key bytea,
        master_key_id text,
        created_at timestamptz not null default now(),
        destroyed_at timestamptz,
        destroyed_reason text,
        constraint person_key_live_or_destroyed check (
          (destroyed_at is null and wrapped_key is not null and master_key_id is not null and destroyed_reason is null)
          or (destroyed_at is not null and wrapped_key is null and destroyed_reason is not null)
        )
      )`);
    // Rotation looks for live keys still wrapped under an older master key.
    await queryRunner.query(`create index person_key_live_by_master_key on person_key (master_key_id) where wrapped_key is not null`);
    // Destroying or rewrapping leaves the old row version (with the old wrapped key) behind until vacuum:
    // vacuum this small table promptly instead of waiting for 20% of it to change.
    await queryRunner.query(`alter table person_key set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 50)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table person_key');
  }
}
