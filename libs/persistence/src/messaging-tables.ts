import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox, inbox and parked households: the tables the messaging backbone needs in every service schema.
 * Unqualified names: each connection's search_path is the service's schema.
 */
export const MESSAGING_TABLES_SQL = [
  `create table outbox (
     position bigserial primary key,
     event_id uuid not null unique,
     topic text not null,
     message_key text not null,
     payload text not null,
     created_at timestamptz not null default now(),
     published_at timestamptz
   )`,
  `create index outbox_unpublished on outbox (position) where published_at is null`,
  `create table inbox (
     consumer_group text not null,
     event_id text not null,
     outcome text not null check (outcome in ('applied', 'dead-lettered')),
     topic text not null,
     partition integer not null,
     "offset" bigint not null,
     recorded_at timestamptz not null default now(),
     primary key (consumer_group, event_id)
   )`,
  `create table parked_households (
     consumer_group text not null,
     household_id text not null,
     first_event_id text not null,
     reason text not null,
     parked_at timestamptz not null default now(),
     primary key (consumer_group, household_id)
   )`,
];

export class CreateMessagingTables1764300000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of MESSAGING_TABLES_SQL) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table parked_households');
    await queryRunner.query('drop table inbox');
    await queryRunner.query('drop table outbox');
  }
}

/** Lets an operator discard a dead letter during a re-drive, recorded in the inbox with who and why. */
export class AllowDiscardedDeadLetters1764300000010 implements MigrationInterface {
  name = 'AllowDiscardedDeadLetters1764300000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table inbox drop constraint inbox_outcome_check`);
    await queryRunner.query(`alter table inbox add constraint inbox_outcome_check check (outcome in ('applied', 'dead-lettered', 'discarded'))`);
    await queryRunner.query(`alter table inbox add column note text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table inbox drop column note`);
    await queryRunner.query(`alter table inbox drop constraint inbox_outcome_check`);
    await queryRunner.query(`alter table inbox add constraint inbox_outcome_check check (outcome in ('applied', 'dead-lettered'))`);
  }
}

/**
 * Tamper evidence (docs/adr/0009-tamper-evident-event-chains.md): the head of every (source, topic,
 * household) chain, locked by the transaction that appends to it, and each outbox row's place in its chain.
 */
export class CreateEventChains1764300000090 implements MigrationInterface {
  name = 'CreateEventChains1764300000090';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table event_chain (
        source text not null,
        topic text not null,
        household_id text not null,
        last_seq bigint not null,
        last_hash text not null,
        primary key (source, topic, household_id)
      )`);
    await queryRunner.query('alter table outbox add column chain_source text, add column chain_seq bigint, add column chain_hash text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table outbox drop column chain_source, drop column chain_seq, drop column chain_hash');
    await queryRunner.query('drop table event_chain');
  }
}

/**
 * Traces (docs/adr/0023): the W3C traceparent of the span that wrote each outbox row. The event carries it too
 * (the CloudEvents `traceparent` attribute, inside the hashed record); the column lets the relay put it on the
 * record's headers and an operator find a trace's rows without parsing payloads. Null for rows written outside
 * a trace and for rows written before this column.
 */
export class OutboxTraceparent1764300000095 implements MigrationInterface {
  name = 'OutboxTraceparent1764300000095';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table outbox add column traceparent text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table outbox drop column traceparent');
  }
}
