import type { EntityManager } from 'typeorm';
import type { Ask, PlacementState, ShelterCapacity } from '@vt/shelter-domain';

/** A placement row as stored (schema `shelter_placement`, migration 1764300000700). */
export interface PlacementRow {
  placement_id: string;
  household_id: string;
  home_region: string;
  urgency: PlacementState['urgency'];
  adults: number;
  children: number;
  not_in_home_region: boolean;
  excluded_regions: string[];
  status: PlacementState['status'];
  shelter_id: string | null;
  shelter_region: string | null;
  programme: PlacementState['programme'] | null;
  requested_at: Date;
  accepted_at: Date | null;
  escalated_at: Date | null;
  escalation_reason: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  stay_started_at: Date | null;
  last_stay_change_at: Date | null;
  ended_at: Date | null;
  destination: PlacementState['destination'] | null;
}

export interface AskRow {
  placement_id: string;
  attempt: number;
  shelter_id: string;
  shelter_region: string;
  offered_at: Date;
  answer_due_at: Date;
  outcome: Ask['outcome'];
  decline_reason: Ask['declineReason'] | null;
  closed_at: Date | null;
}

interface CapacityRow {
  shelter_id: string;
  region: string;
  total_places: number;
  free_places: number;
  held_places: number;
  reported_at: Date;
}

/** What the service keeps of a placement besides the decider's state: why it escalated or was cancelled, when an ask closed. */
export interface PlacementExtras {
  escalationReason?: string;
  cancelReason?: string;
  /** Per attempt: when its ask was answered, lapsed or withdrawn. */
  closedAt: Map<number, Date>;
}


export function toState(row: PlacementRow, asks: AskRow[]): PlacementState {
  return {
    placementId: row.placement_id,
    householdId: row.household_id,
    homeRegion: row.home_region,
    urgency: row.urgency,
    places: { adults: row.adults, children: row.children },
    constraints: { notInHomeRegion: row.not_in_home_region, excludedRegions: [...row.excluded_regions] },
    requestedAt: row.requested_at,
    status: row.status,
    asks: asks
      .filter((ask) => ask.placement_id === row.placement_id)
      .sort((a, b) => a.attempt - b.attempt)
      .map((ask) => ({
        shelterId: ask.shelter_id,
        shelterRegion: ask.shelter_region,
        attempt: ask.attempt,
        offeredAt: ask.offered_at,
        answerDueAt: ask.answer_due_at,
        outcome: ask.outcome,
        ...(ask.decline_reason ? { declineReason: ask.decline_reason } : {}),
      })),
    ...(row.shelter_id ? { shelterId: row.shelter_id } : {}),
    ...(row.shelter_region ? { shelterRegion: row.shelter_region } : {}),
    ...(row.programme ? { programme: row.programme } : {}),
    ...(row.accepted_at ? { acceptedAt: row.accepted_at } : {}),
    ...(row.stay_started_at ? { stayStartedAt: row.stay_started_at } : {}),
    ...(row.last_stay_change_at ? { lastStayChangeAt: row.last_stay_change_at } : {}),
    ...(row.escalated_at ? { escalatedAt: row.escalated_at } : {}),
    ...(row.cancelled_at ? { cancelledAt: row.cancelled_at } : {}),
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
    ...(row.destination ? { destination: row.destination } : {}),
  };
}

function extrasOf(row: PlacementRow, asks: AskRow[]): PlacementExtras {
  const closedAt = new Map<number, Date>();
  for (const ask of asks) if (ask.placement_id === row.placement_id && ask.closed_at) closedAt.set(ask.attempt, ask.closed_at);
  return { ...(row.escalation_reason ? { escalationReason: row.escalation_reason } : {}), ...(row.cancel_reason ? { cancelReason: row.cancel_reason } : {}), closedAt };
}

export interface LoadedPlacement {
  state: PlacementState;
  extras: PlacementExtras;
}

/** The placements `where` selects (an SQL condition over `p`, with `params`), each with its asks. */
export async function loadPlacements(manager: EntityManager, where: string, params: unknown[] = [], limit?: number): Promise<LoadedPlacement[]> {
  const rows = (await manager.query(`select p.* from placement p where ${where} order by p.requested_at, p.placement_id${limit ? ` limit ${Math.floor(limit)}` : ''}`, params)) as PlacementRow[];
  if (rows.length === 0) return [];
  const asks = (await manager.query('select * from placement_ask where placement_id = any($1) order by placement_id, attempt', [rows.map((row) => row.placement_id)])) as AskRow[];
  return rows.map((row) => ({ state: toState(row, asks), extras: extrasOf(row, asks) }));
}

export async function loadCapacities(manager: EntityManager): Promise<ShelterCapacity[]> {
  const rows = (await manager.query('select * from shelter_capacity order by shelter_id')) as CapacityRow[];
  return rows.map((row) => ({ shelterId: row.shelter_id, region: row.region, totalPlaces: row.total_places, freePlaces: row.free_places, heldPlaces: row.held_places, reportedAt: row.reported_at }));
}

/** Writes a placement's state (and its asks) as the fold left it. */
export async function savePlacement(manager: EntityManager, state: PlacementState, extras: PlacementExtras): Promise<void> {
  await manager.query(
    `insert into placement (placement_id, household_id, home_region, urgency, adults, children, not_in_home_region, excluded_regions, status, shelter_id, shelter_region, programme,
       requested_at, accepted_at, escalated_at, escalation_reason, cancelled_at, cancel_reason, stay_started_at, last_stay_change_at, ended_at, destination)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
     on conflict (placement_id) do update set status = excluded.status, shelter_id = excluded.shelter_id, shelter_region = excluded.shelter_region, programme = excluded.programme,
       accepted_at = excluded.accepted_at, escalated_at = excluded.escalated_at, escalation_reason = excluded.escalation_reason, cancelled_at = excluded.cancelled_at,
       cancel_reason = excluded.cancel_reason, stay_started_at = excluded.stay_started_at, last_stay_change_at = excluded.last_stay_change_at, ended_at = excluded.ended_at,
       destination = excluded.destination`,
    [
      state.placementId,
      state.householdId,
      state.homeRegion,
      state.urgency,
      state.places.adults,
      state.places.children,
      state.constraints.notInHomeRegion,
      state.constraints.excludedRegions,
      state.status,
      state.shelterId ?? null,
      state.shelterRegion ?? null,
      state.programme ?? null,
      state.requestedAt,
      state.acceptedAt ?? null,
      state.escalatedAt ?? null,
      extras.escalationReason ?? null,
      state.cancelledAt ?? null,
      extras.cancelReason ?? null,
      state.stayStartedAt ?? null,
      state.lastStayChangeAt ?? null,
      state.endedAt ?? null,
      state.destination ?? null,
    ],
  );
  for (const ask of state.asks) {
    await manager.query(
      `insert into placement_ask (placement_id, attempt, shelter_id, shelter_region, offered_at, answer_due_at, outcome, decline_reason, closed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (placement_id, attempt) do update set outcome = excluded.outcome, decline_reason = excluded.decline_reason, closed_at = excluded.closed_at`,
      [state.placementId, ask.attempt, ask.shelterId, ask.shelterRegion, ask.offeredAt, ask.answerDueAt, ask.outcome, ask.declineReason ?? null, extras.closedAt.get(ask.attempt) ?? null],
    );
  }
}

export async function saveCapacities(manager: EntityManager, before: ShelterCapacity[], after: ShelterCapacity[]): Promise<void> {
  const same = (a: ShelterCapacity | undefined, b: ShelterCapacity) =>
    a !== undefined && a.region === b.region && a.totalPlaces === b.totalPlaces && a.freePlaces === b.freePlaces && a.heldPlaces === b.heldPlaces && a.reportedAt.getTime() === b.reportedAt.getTime();
  for (const row of after) {
    if (same(before.find((b) => b.shelterId === row.shelterId), row)) continue;
    await manager.query(
      `insert into shelter_capacity (shelter_id, region, total_places, free_places, held_places, reported_at) values ($1, $2, $3, $4, $5, $6)
       on conflict (shelter_id) do update set region = excluded.region, total_places = excluded.total_places, free_places = excluded.free_places, held_places = excluded.held_places, reported_at = excluded.reported_at`,
      [row.shelterId, row.region, row.totalPlaces, row.freePlaces, row.heldPlaces, row.reportedAt],
    );
  }
}
