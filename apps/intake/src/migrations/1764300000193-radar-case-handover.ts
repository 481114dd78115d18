import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Radar proposes, a person decides (docs/adr/0018). `household_case` keeps the facts radar's case status
 * follows from (`radarCaseStatus` in @vt/intake-domain), each as the latest time it happened, so that the
 * status does not depend on the order in which `vt.household.phases.v1` delivers them:
 * - `record_status`: open, or closed when the record is `gesloten` (as of `updated_at`, its latest phase fact);
 * - `handed_over_at`: the latest accepted overdracht (`HouseholdHandedOver`);
 * - `directe_veiligheid_at`: when the household last entered directe veiligheid (record opened, or a phase
 *   change to it), which ends a handover;
 * - `status` stays what radar reads (open/closed), with `closed_by` (gesloten / overdracht).
 * Existing rows keep their status: until now only `gesloten` closed a case. Handovers consumed before this
 * version were skipped (no handler), and the entries into directe veiligheid that end them were not kept.
 * To learn them, reset group `intake` on `vt.household.phases.v1` to its start: this migration drops the
 * group's inbox records of that topic, so that every fact is applied again. That is safe because these
 * handlers are idempotent (each fact is kept as its latest time); without a reset nothing is replayed.
 */
export class RadarCaseHandover1764300000193 implements MigrationInterface {
  name = 'RadarCaseHandover1764300000193';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table household_case
      add column record_status text check (record_status in ('open', 'closed')),
      add column handed_over_at timestamptz,
      add column directe_veiligheid_at timestamptz,
      add column closed_by text check (closed_by in ('gesloten', 'overdracht'))`);
    await queryRunner.query(`update household_case set record_status = status, closed_by = case when status = 'closed' then 'gesloten' end`);
    await queryRunner.query('alter table household_case alter column record_status set not null');
    await queryRunner.query(`delete from inbox where consumer_group = 'intake' and outcome = 'applied' and topic like '%vt.household.phases.v1'`);
    // The melding's decision and the registration's radar answer (classification and references stay where they were).
    await queryRunner.query('alter table melding add column radar_decision jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table melding drop column radar_decision');
    await queryRunner.query('alter table household_case drop column record_status, drop column handed_over_at, drop column directe_veiligheid_at, drop column closed_by');
  }
}
