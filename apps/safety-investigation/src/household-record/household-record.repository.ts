import { EntityManager } from 'typeorm';
import { HouseholdPhase, PersonRef } from '@vt/contracts';
import { HouseholdEvent, HouseholdState } from '@vt/household-domain';

/** Loads the decider's state and stores what its events say, inside the caller's transaction. */
export async function loadHousehold(manager: EntityManager, householdId: string): Promise<HouseholdState> {
  const [row] = (await manager.query('select household_id, phase, gemeente_code from household where household_id = $1 for update', [householdId])) as {
    household_id: string;
    phase: HouseholdPhase;
    gemeente_code: string;
  }[];
  if (!row) return { status: 'unknown' };
  const persons = (await manager.query('select person_id as "personId", role from household_person where household_id = $1 order by person_id', [householdId])) as PersonRef[];
  return { status: 'open', householdId: row.household_id, phase: row.phase, gemeenteCode: row.gemeente_code, persons };
}

export async function storeHouseholdEvent(manager: EntityManager, eventId: string, event: HouseholdEvent): Promise<void> {
  const data = event.data;
  await manager.query('insert into household (household_id, phase, gemeente_code, opened_at) values ($1, $2, $3, $4)', [data.householdId, data.phase, data.gemeenteCode, data.openedAt]);
  for (const person of data.persons) {
    await manager.query('insert into household_person (household_id, person_id, role) values ($1, $2, $3)', [data.householdId, person.personId, person.role]);
  }
  await manager.query('insert into household_phase_history (household_id, event_id, phase, reason, actor, recorded_at) values ($1, $2, $3, $4, $5, $6)', [
    data.householdId,
    eventId,
    data.phase,
    data.reason,
    data.actor,
    data.openedAt,
  ]);
}
