import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Free text never stays in clear where crypto-shredding cannot reach it (docs/adr/0020):
 * - an assessment's reasoning and a crisis note are kept only as ciphertext under the household's data key
 *   (`person_key`, the household id as subject), as `EncryptedPersonData` JSON. Text recorded before this
 *   change was in clear (development and test data only) and is not carried over, as the upcasters do not
 *   carry a v1 record's clear text into v2;
 * - the reason of a monitoring request is the investigator's text about the household; it belongs to
 *   safety-investigation, which keeps it encrypted. The copies crisis-triage kept of it go.
 */
export class FreeTextOnlyEncrypted1764300000290 implements MigrationInterface {
  name = 'FreeTextOnlyEncrypted1764300000290';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table safety_assessment drop column request_reason');
    await queryRunner.query('alter table assessment_request_joined drop column reason');
    await queryRunner.query('alter table safety_assessment drop column reasoning');
    await queryRunner.query('alter table safety_assessment add column reasoning jsonb');
    await queryRunner.query('alter table crisis_action drop column note');
    await queryRunner.query('alter table crisis_action add column note jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table crisis_action alter column note type text using note::text');
    await queryRunner.query('alter table safety_assessment alter column reasoning type text using reasoning::text');
    await queryRunner.query('alter table assessment_request_joined add column reason text');
    await queryRunner.query('alter table safety_assessment add column request_reason text');
  }
}
