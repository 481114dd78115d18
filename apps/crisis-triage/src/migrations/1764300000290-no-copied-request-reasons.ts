import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Free text never stays in clear where crypto-shredding cannot reach it (docs/adr/0020). The reason of a
 * monitoring request is the investigator's text about the household; it belongs to safety-investigation,
 * which keeps it encrypted under the household's key. The copies crisis-triage kept of it go.
 */
export class NoCopiedRequestReasons1764300000290 implements MigrationInterface {
  name = 'NoCopiedRequestReasons1764300000290';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table safety_assessment drop column request_reason');
    await queryRunner.query('alter table assessment_request_joined drop column reason');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table assessment_request_joined add column reason text');
    await queryRunner.query('alter table safety_assessment add column request_reason text');
  }
}
