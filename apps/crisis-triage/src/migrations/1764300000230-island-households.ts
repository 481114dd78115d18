import { MigrationInterface, QueryRunner } from 'typeorm';

/** Island households (Bonaire, Saba, Sint Eustatius) have no gemeentecode. */
export class IslandHouseholds1764300000230 implements MigrationInterface {
  name = 'IslandHouseholds1764300000230';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table acute_check alter column gemeente_code drop not null');
    await queryRunner.query('alter table crisis_intervention alter column gemeente_code drop not null');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table crisis_intervention alter column gemeente_code set not null');
    await queryRunner.query('alter table acute_check alter column gemeente_code set not null');
  }
}
