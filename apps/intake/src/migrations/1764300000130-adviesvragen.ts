import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adviesvragen: the question, who asked (name and contact optional: an adviesvraag may be anonymous), the
 * persons and household when given, the advice; their own idempotency keys; and the link between an
 * adviesvraag and the melding it became (at most one, in both directions).
 */
export class Adviesvragen1764300000130 implements MigrationInterface {
  name = 'Adviesvragen1764300000130';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table adviesvraag (
        adviesvraag_id uuid primary key,
        household_id uuid not null,
        received_at timestamptz not null,
        registered_by text not null,
        channel text not null,
        gemeente_code text,
        vt_region text,
        veiligheidsregio text,
        postcode text,
        house_number text,
        routing_tables jsonb,
        aard text[] not null,
        tags text[] not null,
        question text not null,
        advice text,
        converted_melding_id uuid unique references melding (melding_id),
        converted_at timestamptz,
        converted_by text,
        check ((converted_melding_id is null) = (converted_at is null) and (converted_at is null) = (converted_by is null))
      )`);
    await queryRunner.query(`
      create table adviesvrager (
        adviesvraag_id uuid primary key references adviesvraag (adviesvraag_id),
        kind text not null,
        sector text,
        role text not null,
        name text,
        organisation text,
        phone text,
        email text
      )`);
    await queryRunner.query(`
      create table adviesvraag_person (
        person_id uuid primary key,
        adviesvraag_id uuid not null references adviesvraag (adviesvraag_id),
        role text not null,
        name text,
        birth_date date,
        estimated_age integer
      )`);
    await queryRunner.query('create index adviesvraag_person_adviesvraag on adviesvraag_person (adviesvraag_id)');
    await queryRunner.query(`
      create table adviesvraag_idempotent_request (
        idempotency_key text primary key,
        request_hash text not null,
        adviesvraag_id uuid not null references adviesvraag (adviesvraag_id),
        response jsonb not null,
        created_at timestamptz not null default now()
      )`);
    await queryRunner.query('alter table melding add column adviesvraag_id uuid unique references adviesvraag (adviesvraag_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table melding drop column adviesvraag_id');
    await queryRunner.query('drop table adviesvraag_idempotent_request');
    await queryRunner.query('drop table adviesvraag_person');
    await queryRunner.query('drop table adviesvrager');
    await queryRunner.query('drop table adviesvraag');
  }
}
