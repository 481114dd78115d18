import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Crisis-triage's part of the household timeline (GET /api/v1/households/:id/timeline, docs/adr/0034, 0039) reads this
 * service's outbox rows of one household: an index by message key (the household id) keeps that one index scan,
 * not a scan of the table. The same index safety-investigation has (1764300000392).
 */
export class OutboxByHousehold1764300000297 implements MigrationInterface {
  name = 'OutboxByHousehold1764300000297';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('create index if not exists outbox_by_household on outbox (message_key, position)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop index if exists outbox_by_household');
  }
}
