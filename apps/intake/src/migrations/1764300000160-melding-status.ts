import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a melding is in the process, as intake learns it from triage's facts. */
export class MeldingStatus1764300000160 implements MigrationInterface {
  name = 'MeldingStatus1764300000160';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table melding
      add column status text not null default 'registered' check (status in ('registered', 'acute-check-done', 'with-crisis-function', 'assessed')),
      add column status_changed_at timestamptz,
      add column assessment_outcome text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table melding drop column status, drop column status_changed_at, drop column assessment_outcome');
  }
}
