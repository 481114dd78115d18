import { MigrationInterface, QueryRunner } from 'typeorm';

/** Island households (Bonaire, Saba, Sint Eustatius): no gemeentecode, no postcode; the island is recorded instead. */
export class IslandHouseholds1764300000150 implements MigrationInterface {
  name = 'IslandHouseholds1764300000150';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table melding alter column gemeente_code drop not null, add column island text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table melding drop column island, alter column gemeente_code set not null');
  }
}
