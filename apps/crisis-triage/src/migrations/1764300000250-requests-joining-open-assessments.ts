import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A NewAssessmentRequested for a household whose veiligheidsbeoordeling is still open does not open a
 * second one: the request joins the open assessment (docs/adr/0013). Each joined request is kept here,
 * keyed by the request's event id, next to the assessment it joined.
 */
export class RequestsJoiningOpenAssessments1764300000250 implements MigrationInterface {
  name = 'RequestsJoiningOpenAssessments1764300000250';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table assessment_request_joined (
        request_id uuid primary key,
        subject_id uuid not null references safety_assessment (subject_id),
        household_id uuid not null,
        monitoring_id uuid,
        reason text not null,
        requested_at timestamptz not null,
        joined_at timestamptz not null
      )`);
    await queryRunner.query('create index assessment_request_joined_subject on assessment_request_joined (subject_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table assessment_request_joined');
  }
}
