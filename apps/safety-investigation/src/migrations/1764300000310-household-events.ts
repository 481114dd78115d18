import { MigrationInterface, QueryRunner } from 'typeorm';

const OPENED = 'nl.veiligthuis.household.HouseholdRecordOpened.v1';
const MELDING_ADDED = 'nl.veiligthuis.household.MeldingAddedToHousehold.v1';
const PHASE_CHANGED = 'nl.veiligthuis.household.HouseholdPhaseChanged.v1';

/**
 * The household record becomes its ordered list of events; its state is rebuilt from them with the
 * decider's `evolve`. Records opened before this migration get their HouseholdRecordOpened back from
 * the outbox, which keeps every event the service produced. `household` stays as the row a command
 * locks, with the current phase for queries.
 */
export class HouseholdEvents1764300000310 implements MigrationInterface {
  name = 'HouseholdEvents1764300000310';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table household_event (
        household_id uuid not null references household (household_id),
        sequence integer not null check (sequence > 0),
        event_id uuid not null unique,
        type text not null,
        data jsonb not null,
        recorded_at timestamptz not null,
        primary key (household_id, sequence)
      )`);
    await queryRunner.query(`
      insert into household_event (household_id, sequence, event_id, type, data, recorded_at)
      select history.household_id, 1, outbox.event_id, outbox.payload::jsonb ->> 'type', outbox.payload::jsonb -> 'data', history.recorded_at
      from household_phase_history history
      join outbox on outbox.event_id = history.event_id
      where outbox.payload::jsonb ->> 'type' = '${OPENED}'`);
    await queryRunner.query(`
      do $$
      begin
        if exists (select 1 from household h where not exists (select 1 from household_event e where e.household_id = h.household_id)) then
          raise exception 'some household records have no HouseholdRecordOpened event in the outbox, so they cannot be rebuilt from events; restore those outbox rows first';
        end if;
      end $$`);
    await queryRunner.query('drop table household_phase_history');
    await queryRunner.query('drop table household_person');
  }

  /** Going back keeps persons and phase history; confirmations and the other facts exist only as events and are lost. */
  async down(queryRunner: QueryRunner): Promise<void> {
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
    await queryRunner.query(`
      insert into household_person (household_id, person_id, role)
      select e.household_id, (person ->> 'personId')::uuid, person ->> 'role'
      from household_event e
      cross join jsonb_array_elements(case when e.type = '${OPENED}' then e.data -> 'persons' else e.data -> 'addedPersons' end) person
      where e.type in ('${OPENED}', '${MELDING_ADDED}')
      on conflict do nothing`);
    await queryRunner.query(`
      insert into household_phase_history (household_id, event_id, phase, reason, actor, recorded_at)
      select household_id, event_id, coalesce(data ->> 'phase', data ->> 'to'), data ->> 'reason', data ->> 'actor', recorded_at
      from household_event
      where type in ('${OPENED}', '${PHASE_CHANGED}')`);
    await queryRunner.query('drop table household_event');
  }
}
