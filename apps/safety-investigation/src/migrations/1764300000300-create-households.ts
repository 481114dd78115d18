import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateHouseholds1764300000300 implements MigrationInterface {
  name = 'CreateHouseholds1764300000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table household (
        household_id uuid primary key,
        phase text not null check (phase in ('directe-veiligheid', 'duurzame-veiligheid', 'herstel', 'gesloten')),
        gemeente_code text not null,
        opened_at timestamptz not null
      )`);
    await queryRunner.query(`
      create table household_person (
        household_id uuid not null references household (household_id),
        person_id uuid not null,
        role text not null,
        immediate_safety text not null default 'unconfirmed' check (immediate_safety in ('unconfirmed', 'confirmed')),
        primary key (household_id, person_id)
      )`);
    await queryRunner.query(`
      create table household_phase_history (
        household_id uuid not null references household (household_id),
        event_id uuid not null primary key,
        phase text not null,
        reason text not null,
        actor text not null,
        recorded_at timestamptz not null
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table household_phase_history');
    await queryRunner.query('drop table household_person');
    await queryRunner.query('drop table household');
  }
}
