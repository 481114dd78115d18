import { EntityManager } from 'typeorm';
import { InvolvedPerson } from '@vt/triage-domain';

/** Keeps a melding's persons (id and role), whom its informing clocks run for; storing them again changes nothing. */
export async function storePersons(manager: EntityManager, meldingId: string, householdId: string, persons: readonly InvolvedPerson[]): Promise<void> {
  if (persons.length === 0) return;
  await manager.query(
    `insert into melding_person (melding_id, person_id, household_id, role)
     select $1, p.person_id, $2, p.role from jsonb_to_recordset($3::jsonb) as p(person_id uuid, role text)
     on conflict (melding_id, person_id) do nothing`,
    [meldingId, householdId, JSON.stringify(persons.map((person) => ({ person_id: person.personId, role: person.role })))],
  );
}
