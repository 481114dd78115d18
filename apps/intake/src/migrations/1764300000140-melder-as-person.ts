import { MigrationInterface, QueryRunner } from 'typeorm';

/** The melder is a person with a data key of their own (per-person encryption, libs/privacy). */
export class MelderAsPerson1764300000140 implements MigrationInterface {
  name = 'MelderAsPerson1764300000140';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table melder add column melder_id uuid unique`);
    await queryRunner.query(`update melder set melder_id = gen_random_uuid() where melder_id is null`);
    await queryRunner.query(`alter table melder alter column melder_id set not null`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table melder drop column melder_id`);
  }
}
