import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure reaches adviesvragen too: the adviesvrager gets an id of its own (the person id a privacy officer
 * erases, as a melder has one), and the adviesvrager and each person of an adviesvraag keep their row with
 * their fields cleared and the time of erasure. The question is the adviesvrager's words and goes with them,
 * so it may be empty from then on.
 */
export class AdviesvraagErasure1764300000190 implements MigrationInterface {
  name = 'AdviesvraagErasure1764300000190';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table adviesvrager add column adviesvrager_id uuid not null unique default gen_random_uuid(), add column erased_at timestamptz');
    await queryRunner.query('alter table adviesvraag_person add column erased_at timestamptz');
    await queryRunner.query('alter table adviesvraag alter column question drop not null');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`update adviesvraag set question = '' where question is null`);
    await queryRunner.query('alter table adviesvraag alter column question set not null');
    await queryRunner.query('alter table adviesvraag_person drop column erased_at');
    await queryRunner.query('alter table adviesvrager drop column erased_at, drop column adviesvrager_id');
  }
}
