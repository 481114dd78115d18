import { EntityManager } from 'typeorm';
import { classifyRadar, EarlierInvolvement, matchKeys, RadarPerson, RadarResult } from '@vt/intake-domain';

export interface RadarOutcome extends RadarResult {
  /** The household the melding belongs to: a known one when radar found it (an open case first), else new. */
  householdId: string;
  keys: { personRef: string; key: string; matchedOn: string }[];
}

/**
 * Looks for earlier involvement of the melding's persons, nationally (keys carry no region), and decides
 * which household the melding belongs to. Runs in the registration's transaction.
 */
export async function runRadar(manager: EntityManager, persons: RadarPerson[], newHouseholdId: string): Promise<RadarOutcome> {
  const keys = persons.flatMap((person) => matchKeys(person).map((key) => ({ personRef: person.personRef, key: key.value, matchedOn: key.matchedOn })));
  const rows = keys.length
    ? ((await manager.query(
        `select distinct k.key, k.household_id, k.vt_region, k.matched_on, coalesce(c.status, 'open') as status
           from radar_key k left join household_case c on c.household_id = k.household_id
          where k.key = any($1)`,
        [keys.map((k) => k.key)],
      )) as { key: string; household_id: string; vt_region: string; matched_on: 'bsn' | 'name-dob-address'; status: 'open' | 'closed' }[])
    : [];
  const involvements: EarlierInvolvement[] = rows.flatMap((row) =>
    keys.filter((k) => k.key === row.key).map((k) => ({ caseId: row.household_id, region: row.vt_region, status: row.status, matchedOn: row.matched_on, personRef: k.personRef })),
  );
  const result = classifyRadar(persons, involvements);
  return { ...result, householdId: result.references[0]?.caseId ?? newHouseholdId, keys };
}

export async function recordRadarKeys(manager: EntityManager, outcome: RadarOutcome, meldingId: string, vtRegion: string, now: Date): Promise<void> {
  for (const key of outcome.keys) {
    await manager.query(
      `insert into radar_key (key, matched_on, person_id, melding_id, household_id, vt_region, recorded_at) values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing`,
      [key.key, key.matchedOn, key.personRef, meldingId, outcome.householdId, vtRegion, now],
    );
  }
}
