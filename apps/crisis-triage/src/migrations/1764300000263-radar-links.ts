import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Radar proposes, a person decides (docs/adr/0018): the melding's radar answer travels with its
 * veiligheidsbeoordeling, so that triage sees the earlier households it is linked to (and the call
 * handler's decision) in the assessment queue. Null for assessments requested by monitoring and for
 * meldingen received before this column.
 */
export class RadarLinks1764300000263 implements MigrationInterface {
  name = 'RadarLinks1764300000263';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table safety_assessment add column radar jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table safety_assessment drop column radar');
  }
}
