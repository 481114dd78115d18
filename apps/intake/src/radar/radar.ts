import { UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MeldingRadar, MeldingRadarReference } from '@vt/contracts';
import { decideRadarRegistration, EarlierInvolvement, matchKeys, proposeRadar, RadarDecisionRequest, RadarMelding, RadarProposals, RadarRegistration } from '@vt/intake-domain';

export interface RadarKey {
  personRef: string;
  key: string;
  matchedOn: string;
}

export interface RadarLookup extends RadarProposals {
  keys: RadarKey[];
}

export interface RadarOutcome extends RadarLookup {
  /** Where the melding goes: the household it joined, or its own. */
  registration: RadarRegistration;
}

interface InvolvementRow {
  key: string;
  household_id: string;
  vt_region: string;
  matched_on: 'bsn' | 'name-dob-address';
  status: 'open' | 'closed';
  postcode: string | null;
  house_number: string | null;
}

/**
 * Looks for earlier involvement of the melding's persons, nationally (keys carry no region), and lets the
 * domain (`proposeRadar`) say per household found whether the melding may join it. Each household is known
 * at the address of its latest melding. Only references leave this function: never the other household's
 * persons, names or history.
 */
export async function lookupRadar(manager: EntityManager, melding: RadarMelding): Promise<RadarLookup> {
  const keys = melding.persons.flatMap((person) => matchKeys(person).map((key) => ({ personRef: person.personRef, key: key.value, matchedOn: key.matchedOn })));
  const rows = keys.length
    ? ((await manager.query(
        `select k.key, k.household_id, k.vt_region, k.matched_on, coalesce(c.status, 'open') as status, a.postcode, a.house_number
           from (select distinct key, household_id, vt_region, matched_on from radar_key where key = any($1)) k
           left join household_case c on c.household_id = k.household_id
           left join lateral (select m.postcode, m.house_number from melding m where m.household_id = k.household_id order by m.received_at desc, m.melding_id limit 1) a on true
          order by k.household_id, k.key`,
        [keys.map((k) => k.key)],
      )) as InvolvementRow[])
    : [];
  const involvements: EarlierInvolvement[] = rows.flatMap((row) =>
    keys
      .filter((k) => k.key === row.key)
      .map((k) => ({
        caseId: row.household_id,
        region: row.vt_region,
        status: row.status,
        matchedOn: row.matched_on,
        personRef: k.personRef,
        caseAddress: { postcode: row.postcode, houseNumber: row.house_number },
      })),
  );
  return { ...proposeRadar(melding, involvements), keys };
}

/**
 * Radar for a melding being registered, in the registration's transaction: the proposals, and the call
 * handler's decision applied (`decideRadarRegistration`). A join radar does not allow is a 422 naming why,
 * at `radar.join`.
 */
export async function runRadar(manager: EntityManager, melding: RadarMelding, request: RadarDecisionRequest | undefined, newHouseholdId: string): Promise<RadarOutcome> {
  const lookup = await lookupRadar(manager, melding);
  const decided = decideRadarRegistration(lookup, request, newHouseholdId);
  if (!decided.ok) {
    throw new UnprocessableEntityException({ statusCode: 422, error: 'semantic-conflict', fields: [{ path: 'radar.join', code: decided.problem.code, message: decided.problem.message }] });
  }
  return { ...lookup, registration: decided.value };
}

/** `MeldingReceived.radar`: the classification, the references as links (with the person who matched and the join verdict), and the decision. */
export function meldingRadar(outcome: RadarOutcome, decidedBy: string, decidedAt: Date): MeldingRadar & { decision: NonNullable<MeldingRadar['decision']> } {
  const references: MeldingRadarReference[] = outcome.references.map(({ caseId, region, status, matchedOn, personRef, mayJoin, reason }) => ({
    caseId,
    region,
    status,
    matchedOn,
    personId: personRef,
    mayJoin,
    ...(reason ? { reason } : {}),
  }));
  const { kind, householdId } = outcome.registration;
  return {
    classification: outcome.classification,
    references,
    decision: { kind, ...(kind === 'joined' ? { householdId } : {}), decidedBy, decidedAt: decidedAt.toISOString() },
  };
}

export async function recordRadarKeys(manager: EntityManager, outcome: RadarOutcome, meldingId: string, vtRegion: string, now: Date): Promise<void> {
  for (const key of outcome.keys) {
    await manager.query(
      `insert into radar_key (key, matched_on, person_id, melding_id, household_id, vt_region, recorded_at) values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing`,
      [key.key, key.matchedOn, key.personRef, meldingId, outcome.registration.householdId, vtRegion, now],
    );
  }
}
