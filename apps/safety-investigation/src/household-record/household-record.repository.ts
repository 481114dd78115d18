import { DataSource, EntityManager } from 'typeorm';
import { HOUSEHOLD_RECORD_OPENED, upcastData } from '@vt/contracts';
import { evolve, HouseholdEvent, HouseholdState, initialHouseholdState } from '@vt/household-domain';
import { householdVtRegion } from './household-access';
import type { HouseholdReferralRow } from './household-view';

/** One event of a household's record, as stored: the record is the ordered list of these. */
export interface StoredHouseholdEvent {
  eventId: string;
  recordedAt: string;
  event: HouseholdEvent;
}

export interface LoadedHousehold {
  state: HouseholdState;
  /** How many events the record holds; the next one gets sequence `version + 1`. */
  version: number;
}

type Queryable = Pick<EntityManager | DataSource, 'query'>;

async function eventsOf(queryable: Queryable, householdId: string): Promise<StoredHouseholdEvent[]> {
  const rows = (await queryable.query('select event_id, type, data, recorded_at from household_event where household_id = $1 order by sequence', [householdId])) as {
    event_id: string;
    type: HouseholdEvent['type'];
    data: HouseholdEvent['data'];
    recorded_at: Date;
  }[];
  // Facts stored before a type got a newer version are read as that version (ADR 0004), like the log's.
  return rows.map((row) => ({ eventId: row.event_id, recordedAt: row.recorded_at.toISOString(), event: upcastData(row.type, row.data) as HouseholdEvent }));
}

/** Locks the household's row for the caller's transaction and rebuilds its state from its events. */
export async function loadHousehold(manager: EntityManager, householdId: string): Promise<LoadedHousehold> {
  const locked = (await manager.query('select 1 from household where household_id = $1 for update', [householdId])) as unknown[];
  if (locked.length === 0) return { state: initialHouseholdState, version: 0 };
  const events = await eventsOf(manager, householdId);
  return { state: events.map((stored) => stored.event).reduce(evolve, initialHouseholdState), version: events.length };
}

/** Appends events to the household's record in the caller's transaction and keeps the row's phase in step. */
export async function appendHouseholdEvents(manager: EntityManager, householdId: string, loaded: LoadedHousehold, events: StoredHouseholdEvent[]): Promise<void> {
  let state = loaded.state;
  for (const [i, { eventId, recordedAt, event }] of events.entries()) {
    if (event.type === HOUSEHOLD_RECORD_OPENED) {
      await manager.query('insert into household (household_id, phase, gemeente_code, vt_region, opened_at) values ($1, $2, $3, $4, $5)', [
        householdId,
        event.data.phase,
        event.data.gemeenteCode ?? null,
        householdVtRegion(event.data) ?? null,
        event.data.openedAt,
      ]);
    }
    await manager.query('insert into household_event (household_id, sequence, event_id, type, data, recorded_at) values ($1, $2, $3, $4, $5, $6)', [
      householdId,
      loaded.version + i + 1,
      eventId,
      event.type,
      JSON.stringify(event.data),
      recordedAt,
    ]);
    state = evolve(state, event);
  }
  if (state.status === 'recorded' && state.phase !== phaseOf(loaded.state)) await manager.query('update household set phase = $2 where household_id = $1', [householdId, state.phase]);
}

const phaseOf = (state: HouseholdState): string | undefined => (state.status === 'recorded' ? state.phase : undefined);

/** The household's stored events, without a lock, for reading. */
export function readHouseholdEvents(queryable: Queryable, householdId: string): Promise<StoredHouseholdEvent[]> {
  return eventsOf(queryable, householdId);
}

/** The household's referrals as `household_referral` keeps them (referral's facts, read for the household record). */
export function readHouseholdReferrals(queryable: Queryable, householdId: string): Promise<HouseholdReferralRow[]> {
  return queryable.query(
    'select referral_id, partner_id, partner_type, purpose, outcome, reroute_of, issued_at, closed, closed_at from household_referral where household_id = $1 order by issued_at, referral_id',
    [householdId],
  ) as Promise<HouseholdReferralRow[]>;
}
