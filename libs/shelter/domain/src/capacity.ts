import { SHELTER_URGENCIES, ShelterPlaces } from '@vt/contracts';
import type { PlacementContext } from './placement';
import { refuse } from './refusals';
import type { AnswerTerms, Ask, CapacityEvent, Decision, PlacementEvent, PlacementState, ReportCapacity, Shelter, ShelterCapacity } from './types';

/** Places a shelter can still be offered: free at its last report, less what was promised since (never below 0). */
export function available(capacity: ShelterCapacity): number {
  return Math.max(0, capacity.freePlaces - capacity.heldPlaces);
}

/** Places are persons: the adults and the children who come along. */
export function placesCount(places: ShelterPlaces): number {
  return places.adults + places.children;
}

/** The regions a placement may not go to: its excluded regions, and its home region when `notInHomeRegion`. */
export function excludedRegions(state: Pick<PlacementState, 'homeRegion' | 'constraints'>): Set<string> {
  const regions = new Set(state.constraints.excludedRegions);
  if (state.constraints.notInHomeRegion) regions.add(state.homeRegion);
  return regions;
}

/**
 * Rule eligible-shelter, asked before: in mode `round` a shelter is asked at most once per placement (whatever came
 * of it); in mode `after-escalation` only a shelter that declined for a reason other than `no-place` stays excluded
 * (a `no-place` decline or a lapse may be asked again once it reports free places). A shelter whose ask is still open
 * is excluded in both (rule one-open-offer).
 */
function askedBefore(state: PlacementState, shelterId: string, mode: 'round' | 'after-escalation'): boolean {
  return state.asks.some((ask) => {
    if (ask.shelterId !== shelterId) return false;
    if (mode === 'round' || ask.outcome === 'open') return true;
    return ask.outcome === 'declined' && ask.declineReason !== 'no-place';
  });
}

/**
 * Rules eligible-shelter and best-first: the shelters that may be asked for `state` now, best first. Eligible: a
 * vrouwenopvang of the directory (`context.shelters`) with a capacity row (a shelter that never reported has unknown
 * capacity and is never asked), in a region the constraints allow (the directory's region), with at least the
 * placement's places available, and not excluded by an earlier ask (`askedBefore`). Best first: most places available,
 * then `shelterId` ascending [verify: the field may prefer distance or specialism; we have no such data].
 */
export function eligibleShelters(state: PlacementState, context: Pick<PlacementContext, 'shelters' | 'capacities'>, mode: 'round' | 'after-escalation'): ShelterCapacity[] {
  const directory = new Map(context.shelters.map((shelter) => [shelter.shelterId, shelter]));
  const excluded = excludedRegions(state);
  const needed = placesCount(state.places);
  return context.capacities
    .filter((capacity) => {
      const shelter = directory.get(capacity.shelterId);
      return shelter !== undefined && !excluded.has(shelter.region) && available(capacity) >= needed && !askedBefore(state, capacity.shelterId, mode);
    })
    .sort((a, b) => available(b) - available(a) || (a.shelterId < b.shelterId ? -1 : a.shelterId > b.shelterId ? 1 : 0));
}

export interface CapacityContext {
  now: Date;
  shelters: Shelter[];
  capacities: ShelterCapacity[];
  answerTerms: AnswerTerms;
  /** Placements waiting after escalation (status 'escalated'), any order. */
  waiting: PlacementState[];
  /** Placements whose open offer is to the reporting shelter (status 'offered'). */
  openToShelter: PlacementState[];
}

/** The most places a report may name (the event schema's bound). */
export const MAX_REPORTED_PLACES = 10000;

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_REPORTED_PLACES;

/** Rule waiting-order: the waiting placements a report serves first: acuut, spoed, regulier, then the longest waiting. */
export function waitingOrder(waiting: PlacementState[]): PlacementState[] {
  const rank = (state: PlacementState): number => SHELTER_URGENCIES.indexOf(state.urgency);
  return [...waiting].sort(
    (a, b) => rank(a) - rank(b) || a.requestedAt.getTime() - b.requestedAt.getTime() || (a.placementId < b.placementId ? -1 : a.placementId > b.placementId ? 1 : 0),
  );
}

/**
 * Rule capacity: a shelter of the directory reports its places (403 `not-a-shelter` otherwise; 422 when a count is
 * not a whole number from 0 to 10000 or more are free than it has) → `ShelterCapacityReported`; then each waiting
 * (escalated) placement, most urgent and longest waiting first, is offered to the reporting shelter when that shelter
 * is eligible for it after escalation with the capacity as just reported (held: the offers open to it, and those
 * made in this decision). Escalated placements it cannot take stay waiting.
 */
export function decideCapacity(command: ReportCapacity, context: CapacityContext): Decision<CapacityEvent | PlacementEvent> {
  const shelter = context.shelters.find((s) => s.shelterId === command.shelterId);
  if (!shelter) return refuse('not-a-shelter', 403, `${command.shelterId} is not a shelter of the vrouwenopvang directory`);
  if (!isCount(command.totalPlaces)) return refuse('capacity-invalid', 422, `totalPlaces must be a whole number from 0 to ${MAX_REPORTED_PLACES}`, 'totalPlaces');
  if (!isCount(command.freePlaces)) return refuse('capacity-invalid', 422, `freePlaces must be a whole number from 0 to ${MAX_REPORTED_PLACES}`, 'freePlaces');
  if (command.freePlaces > command.totalPlaces) return refuse('capacity-invalid', 422, 'freePlaces cannot be more than totalPlaces', 'freePlaces');

  const reported: CapacityEvent = {
    type: 'ShelterCapacityReported',
    shelterId: shelter.shelterId,
    shelterRegion: shelter.region,
    totalPlaces: command.totalPlaces,
    freePlaces: command.freePlaces,
    at: context.now,
    actor: command.actor,
  };
  const events: (CapacityEvent | PlacementEvent)[] = [reported];
  let capacities = applyToCapacities(context.capacities, reported, undefined, context.openToShelter);
  for (const placement of waitingOrder(context.waiting.filter((p) => p.status === 'escalated'))) {
    const eligible = eligibleShelters(placement, { shelters: context.shelters, capacities }, 'after-escalation');
    if (!eligible.some((capacity) => capacity.shelterId === shelter.shelterId)) continue;
    const offered: PlacementEvent = {
      type: 'ShelterPlacementOffered',
      placementId: placement.placementId,
      shelterId: shelter.shelterId,
      shelterRegion: shelter.region,
      places: placement.places,
      attempt: placement.asks.length + 1,
      at: context.now,
      answerDueAt: new Date(context.now.getTime() + context.answerTerms[placement.urgency]),
    };
    events.push(offered);
    capacities = applyToCapacities(capacities, offered, placement);
  }
  return { ok: true, events };
}

/** The ask still waiting for an answer: the last one, while the placement is `offered` (rule one-open-offer). */
export function openAsk(state: PlacementState | undefined): Ask | undefined {
  const last = state?.asks[state.asks.length - 1];
  return state?.status === 'offered' && last?.outcome === 'open' ? last : undefined;
}

/**
 * Rule held-places: the capacity rows an event changes, given the placement's state BEFORE the event (undefined for
 * capacity events). What is held between reports is an estimate that never promises more than the shelter said it
 * has; the shelter's next report is the truth (it counts every placement it accepted before it, and resets what is
 * held to the offers still open to it).
 *
 * - Offered → the shelter holds the places.
 * - Declined, Lapsed → the shelter no longer holds them (not below 0).
 * - Accepted, StayStarted, StayEnded → unchanged: the places stay held until the shelter's next report, which counts
 *   them (and, after uitstroom, frees them).
 * - Cancelled → the open offer's shelter no longer holds them; the accepting shelter only when it accepted after its
 *   last report (a report after the acceptance already counted the household: the place comes back with the next).
 * - Moved to another shelter → the receiving shelter holds the places until it reports (it was never offered them);
 *   the shelter left frees them at its own next report [verify: whether every programme takes a place].
 * - CapacityReported → the row as reported (`reportedAt` = the event's time), holding the places of the offers open
 *   to it when the report is recorded (`openToShelterAfterReport`: offers made by the same decision are added by their
 *   own Offered events, so leave them out).
 */
export function applyToCapacities(
  capacities: ShelterCapacity[],
  event: PlacementEvent | CapacityEvent,
  before?: PlacementState,
  openToShelterAfterReport?: PlacementState[],
): ShelterCapacity[] {
  const hold = (shelterId: string, places: number): ShelterCapacity[] =>
    capacities.map((row) => (row.shelterId === shelterId ? { ...row, heldPlaces: Math.max(0, row.heldPlaces + places) } : row));
  switch (event.type) {
    case 'ShelterCapacityReported': {
      const heldPlaces = (openToShelterAfterReport ?? []).filter((p) => openAsk(p)?.shelterId === event.shelterId).reduce((sum, p) => sum + placesCount(p.places), 0);
      const row: ShelterCapacity = { shelterId: event.shelterId, region: event.shelterRegion, totalPlaces: event.totalPlaces, freePlaces: event.freePlaces, heldPlaces, reportedAt: event.at };
      return capacities.some((r) => r.shelterId === event.shelterId) ? capacities.map((r) => (r.shelterId === event.shelterId ? row : r)) : [...capacities, row];
    }
    case 'ShelterPlacementOffered':
      return hold(event.shelterId, placesCount(event.places));
    case 'ShelterPlacementDeclined':
    case 'ShelterPlacementOfferLapsed':
      return before ? hold(event.shelterId, -placesCount(before.places)) : capacities;
    case 'ShelterPlacementCancelled': {
      const ask = openAsk(before);
      if (before && ask) return hold(ask.shelterId, -placesCount(before.places));
      if (before?.status === 'accepted' && before.shelterId && before.acceptedAt) {
        const row = capacities.find((r) => r.shelterId === before.shelterId);
        if (row && before.acceptedAt.getTime() > row.reportedAt.getTime()) return hold(before.shelterId, -placesCount(before.places));
      }
      return capacities;
    }
    case 'ShelterStayMoved':
      return before && event.toShelterId !== event.fromShelterId ? hold(event.toShelterId, placesCount(before.places)) : capacities;
    case 'ShelterPlacementRequested':
    case 'ShelterPlacementAccepted':
    case 'ShelterPlacementEscalated':
    case 'ShelterStayStarted':
    case 'ShelterStayEnded':
      return capacities;
  }
}
