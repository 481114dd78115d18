import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shelter placement's tables (docs/adr/0040), all folded from its own events (`vt audit rebuild` rebuilds them but
 * `idempotent_request`): each placement with its constraints and where it stands, every ask of a shelter, and each
 * shelter's last capacity report with the places held since. No names, no free text, no person ids: the household
 * id is the only link to a case.
 */
export class CreateShelterPlacement1764300000700 implements MigrationInterface {
  name = 'CreateShelterPlacement1764300000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table placement (
        placement_id uuid primary key,
        household_id uuid not null,
        home_region text not null,
        urgency text not null check (urgency in ('acuut', 'spoed', 'regulier')),
        adults integer not null,
        children integer not null,
        not_in_home_region boolean not null,
        excluded_regions text[] not null,
        status text not null check (status in ('offered', 'escalated', 'accepted', 'in-stay', 'ended', 'cancelled')),
        shelter_id text,
        shelter_region text,
        programme text,
        requested_at timestamptz not null,
        accepted_at timestamptz,
        escalated_at timestamptz,
        escalation_reason text,
        cancelled_at timestamptz,
        cancel_reason text,
        stay_started_at timestamptz,
        last_stay_change_at timestamptz,
        ended_at timestamptz,
        destination text
      )`);
    await queryRunner.query('create index placement_by_region_status on placement (home_region, status)');
    await queryRunner.query(`create index placement_waiting on placement (status) where status = 'escalated'`);
    await queryRunner.query(`
      create table placement_ask (
        placement_id uuid not null references placement (placement_id),
        attempt integer not null,
        shelter_id text not null,
        shelter_region text not null,
        offered_at timestamptz not null,
        answer_due_at timestamptz not null,
        outcome text not null check (outcome in ('open', 'accepted', 'declined', 'lapsed', 'withdrawn')),
        decline_reason text,
        closed_at timestamptz,
        primary key (placement_id, attempt)
      )`);
    await queryRunner.query(`create unique index placement_ask_one_open on placement_ask (placement_id) where outcome = 'open'`);
    await queryRunner.query(`create index placement_ask_due on placement_ask (answer_due_at) where outcome = 'open'`);
    await queryRunner.query('create index placement_ask_by_shelter on placement_ask (shelter_id, placement_id)');
    await queryRunner.query(`
      create table shelter_capacity (
        shelter_id text primary key,
        region text not null,
        total_places integer not null,
        free_places integer not null,
        held_places integer not null,
        reported_at timestamptz not null
      )`);
    await queryRunner.query(`
      create table idempotent_request (
        idempotency_key text primary key,
        request_hash text not null,
        placement_id uuid not null references placement (placement_id),
        response jsonb not null,
        created_at timestamptz not null default now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table idempotent_request');
    await queryRunner.query('drop table shelter_capacity');
    await queryRunner.query('drop table placement_ask');
    await queryRunner.query('drop table placement');
  }
}
