import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMeldingen1764300000100 implements MigrationInterface {
  name = 'CreateMeldingen1764300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table melding (
        melding_id uuid primary key,
        household_id uuid not null,
        received_at timestamptz not null,
        gemeente_code text not null,
        acute_indicated boolean not null,
        acute_ground text,
        registered_by text not null
      )`);
    await queryRunner.query(`
      create table melding_person (
        person_id uuid primary key,
        melding_id uuid not null references melding (melding_id),
        role text not null,
        name text not null,
        birth_date date,
        estimated_age integer
      )`);
    await queryRunner.query(`
      create table idempotent_request (
        idempotency_key text primary key,
        request_hash text not null,
        melding_id uuid not null references melding (melding_id),
        response jsonb not null,
        created_at timestamptz not null default now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table idempotent_request');
    await queryRunner.query('drop table melding_person');
    await queryRunner.query('drop table melding');
  }
}
