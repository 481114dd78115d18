import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the acute check saw of the violence, for the veiligheidsbeoordeling (docs/adr/0036): the aard van het geweld,
 * the forms of violence (`investigation-risks/1`: psychisch geweld, financieel misbruik, ontspoorde mantelzorg, …)
 * and whether a victim was 65 or older at receipt (`yes`, `no`, `unknown`). Null for an assessment that monitoring
 * asked for, and for every melding checked before this column (its AcuteCheckCompleted carries no `violence`, so a
 * rebuild from the log gives null too).
 */
export class ViolenceSeen1764300000296 implements MigrationInterface {
  name = 'ViolenceSeen1764300000296';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table safety_assessment add column aard text[], add column forms_of_violence text[], add column elderly_victim text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table safety_assessment drop column aard, drop column forms_of_violence, drop column elderly_victim');
  }
}
