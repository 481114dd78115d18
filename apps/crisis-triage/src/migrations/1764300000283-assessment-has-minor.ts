import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether the household of an assessment has a minor (docs/adr/0022): for a melding's assessment, from the
 * melding's persons (`PersonRef.minor`, role child-involved); for one that monitoring asked for, from the
 * household's meldingen known here. True, false (everyone known to be 18 or older), or null: unknown, and so for
 * every assessment stored before this column (their persons were not kept; a null never refuses a route).
 */
export class AssessmentHasMinor1764300000283 implements MigrationInterface {
  name = 'AssessmentHasMinor1764300000283';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table safety_assessment add column has_minor boolean');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table safety_assessment drop column has_minor');
  }
}
