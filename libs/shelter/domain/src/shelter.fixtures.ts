import { ShelterUrgency } from '@vt/contracts';
import { CapacityContext } from './capacity';
import { DEFAULT_ANSWER_TERMS_MS, PlacementContext, evolve } from './placement';
import { Decision, PlacementEvent, PlacementState, RequestPlacement, Shelter, ShelterCapacity } from './types';

// Test data for the shelter decider's specs: a directory of four shelters, the household at home in vt-groningen.

export const now = new Date('2026-12-07T10:00:00Z');
export const minutesLater = (minutes: number, from: Date = now): Date => new Date(from.getTime() + minutes * 60 * 1000);

export const placementId = 'a0000000-0000-4000-8000-000000000001';
export const householdId = 'b0000000-0000-4000-8000-000000000001';
export const staff = 'user:crisisdienst-7';
export const shelterStaff = (shelterId: string): string => `user:${shelterId}-medewerker`;

export const directory: Shelter[] = [
  { shelterId: 'opvang-groningen', region: 'vt-groningen' },
  { shelterId: 'opvang-drenthe', region: 'vt-drenthe' },
  { shelterId: 'opvang-utrecht', region: 'vt-utrecht' },
  { shelterId: 'opvang-amsterdam', region: 'vt-amsterdam-amstelland' },
];

export const regionOf = (shelterId: string): string => directory.find((s) => s.shelterId === shelterId)?.region ?? 'vt-onbekend';

/** A capacity row: `freePlaces` at a report an hour ago, `heldPlaces` promised since. */
export function capacity(shelterId: string, freePlaces: number, heldPlaces = 0, reportedAt: Date = minutesLater(-60)): ShelterCapacity {
  return { shelterId, region: regionOf(shelterId), totalPlaces: 12, freePlaces, heldPlaces, reportedAt };
}

/** Every shelter but the Amsterdam one has reported: Utrecht 6 free, Drenthe 4, Groningen (the home region) 8. */
export const reported = (): ShelterCapacity[] => [capacity('opvang-groningen', 8), capacity('opvang-drenthe', 4), capacity('opvang-utrecht', 6)];

export function context(capacities: ShelterCapacity[] = reported(), at: Date = now): PlacementContext {
  return { now: at, shelters: directory, capacities, answerTerms: DEFAULT_ANSWER_TERMS_MS };
}

export function capacityContext(overrides: Partial<CapacityContext> = {}): CapacityContext {
  return { ...context(), waiting: [], openToShelter: [], ...overrides };
}

/** Spoed, one adult and two children (three places), not in the home region. */
export function request(overrides: Partial<RequestPlacement> = {}): RequestPlacement {
  return {
    type: 'RequestPlacement',
    placementId,
    householdId,
    homeRegion: 'vt-groningen',
    urgency: 'spoed',
    places: { adults: 1, children: 2 },
    constraints: { notInHomeRegion: true, excludedRegions: [] },
    actor: staff,
    ...overrides,
  };
}

export function requested(overrides: { placementId?: string; urgency?: ShelterUrgency; at?: Date; places?: { adults: number; children: number }; excludedRegions?: string[] } = {}): PlacementEvent {
  return {
    type: 'ShelterPlacementRequested',
    placementId: overrides.placementId ?? placementId,
    householdId,
    homeRegion: 'vt-groningen',
    urgency: overrides.urgency ?? 'spoed',
    places: overrides.places ?? { adults: 1, children: 2 },
    constraints: { notInHomeRegion: true, excludedRegions: overrides.excludedRegions ?? [] },
    at: overrides.at ?? now,
    actor: staff,
  };
}

export function offered(shelterId: string, attempt: number, at: Date = now, id = placementId): PlacementEvent {
  return { type: 'ShelterPlacementOffered', placementId: id, shelterId, shelterRegion: regionOf(shelterId), places: { adults: 1, children: 2 }, attempt, at, answerDueAt: new Date(at.getTime() + DEFAULT_ANSWER_TERMS_MS.spoed) };
}

export const accepted = (shelterId: string, at: Date = now): PlacementEvent => ({ type: 'ShelterPlacementAccepted', placementId, shelterId, at, actor: shelterStaff(shelterId) });

export const declined = (shelterId: string, reason: 'no-place' | 'safety-risk' | 'needs-not-met' | 'other' = 'no-place', at: Date = now, id = placementId): PlacementEvent => ({
  type: 'ShelterPlacementDeclined',
  placementId: id,
  shelterId,
  reason,
  at,
  actor: shelterStaff(shelterId),
});

export const lapsed = (shelterId: string, answerDueAt: Date, id = placementId): PlacementEvent => ({ type: 'ShelterPlacementOfferLapsed', placementId: id, shelterId, answerDueAt, at: answerDueAt });

export const escalated = (askedShelters: string[], reason: 'no-free-place' | 'nobody-accepted' = 'nobody-accepted', at: Date = now, id = placementId, urgency: ShelterUrgency = 'spoed'): PlacementEvent => ({
  type: 'ShelterPlacementEscalated',
  placementId: id,
  homeRegion: 'vt-groningen',
  urgency,
  reason,
  askedShelters,
  at,
});

export const stayStarted = (shelterId: string, at: Date): PlacementEvent => ({ type: 'ShelterStayStarted', placementId, shelterId, shelterRegion: regionOf(shelterId), homeRegion: 'vt-groningen', at, actor: shelterStaff(shelterId) });

/** The placement's state after `events`. */
export function given(...events: PlacementEvent[]): PlacementState {
  const state = events.reduce<PlacementState | undefined>(evolve, undefined);
  if (!state) throw new Error('given: no events');
  return state;
}

/** Offered to Utrecht (the most places free outside the home region) and accepted there. */
export const acceptedAtUtrecht = (): PlacementEvent[] => [requested(), offered('opvang-utrecht', 1), accepted('opvang-utrecht', minutesLater(20))];

/** In a stay at Utrecht since an hour after the request. */
export const inStayAtUtrecht = (): PlacementEvent[] => [...acceptedAtUtrecht(), stayStarted('opvang-utrecht', minutesLater(60))];

export function eventsOf<E>(decision: Decision<E>): E[] {
  if (!decision.ok) throw new Error(`refused: ${decision.refusal.rule}: ${decision.refusal.message}`);
  return decision.events;
}
