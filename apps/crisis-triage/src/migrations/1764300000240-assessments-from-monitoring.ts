import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A veiligheidsbeoordeling is no longer one per melding: monitoring can ask for a new one. Each row is
 * keyed by `subject_id`, the id its clock runs under: the melding for `basis = 'melding'`, the
 * `NewAssessmentRequested` event for `basis = 'monitoring'` (whose `melding_id` is the household's latest
 * melding, the case that monitoring followed). `acute` is null where no acute check was made.
 */
export class AssessmentsFromMonitoring1764300000240 implements MigrationInterface {
  name = 'AssessmentsFromMonitoring1764300000240';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table safety_assessment add column subject_id uuid');
    await queryRunner.query('update safety_assessment set subject_id = melding_id');
    await queryRunner.query('alter table safety_assessment alter column subject_id set not null');
    await queryRunner.query('alter table safety_assessment drop constraint safety_assessment_pkey');
    await queryRunner.query('alter table safety_assessment add primary key (subject_id)');
    await queryRunner.query(`alter table safety_assessment add column basis text not null default 'melding' check (basis in ('melding', 'monitoring'))`);
    await queryRunner.query('alter table safety_assessment add column monitoring_id uuid');
    await queryRunner.query('alter table safety_assessment add column request_reason text');
    await queryRunner.query('alter table safety_assessment alter column acute drop not null');
    await queryRunner.query(`alter table safety_assessment add constraint safety_assessment_basis_subject check (basis = 'monitoring' or subject_id = melding_id)`);
    await queryRunner.query(`create unique index safety_assessment_melding on safety_assessment (melding_id) where basis = 'melding'`);
    await queryRunner.query('create index safety_assessment_household on safety_assessment (household_id, received_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`delete from safety_assessment where basis = 'monitoring'`);
    await queryRunner.query('drop index safety_assessment_household');
    await queryRunner.query('drop index safety_assessment_melding');
    await queryRunner.query('alter table safety_assessment drop constraint safety_assessment_basis_subject');
    await queryRunner.query('alter table safety_assessment alter column acute set not null');
    await queryRunner.query('alter table safety_assessment drop column request_reason');
    await queryRunner.query('alter table safety_assessment drop column monitoring_id');
    await queryRunner.query('alter table safety_assessment drop column basis');
    await queryRunner.query('alter table safety_assessment drop constraint safety_assessment_pkey');
    await queryRunner.query('alter table safety_assessment add primary key (melding_id)');
    await queryRunner.query('alter table safety_assessment drop column subject_id');
  }
}
