import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shelter placement's part of the household timeline (GET /api/v1/households/:id/timeline, docs/adr/0034, 0039) reads
 * this service's outbox rows by message key (the household's placement ids, and the household id of its reads): an
 * index by message key keeps that an index scan, not a scan of the table. The same index the case services have.
 */
export class OutboxByHousehold1764300000710 implements MigrationInterface {
  name = 'OutboxByHousehold1764300000710';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('create index if not exists outbox_by_household on outbox (message_key, position)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop index if exists outbox_by_household');
  }
}
