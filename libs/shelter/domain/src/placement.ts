import { SHELTER_CANCEL_REASONS, SHELTER_DECLINE_REASONS, SHELTER_DESTINATIONS, SHELTER_PROGRAMMES, SHELTER_URGENCIES } from '@vt/contracts';
import { eligibleShelters, openAsk } from './capacity';
import { refuse } from './refusals';
import type {
  AnswerOffer,
  AnswerTerms,
  Ask,
  CancelPlacement,
  Decision,
  EndStay,
  LapseOffer,
  MoveStay,
  PlacementCommand,
  PlacementEvent,
  PlacementState,
  RequestPlacement,
  Shelter,
  ShelterCapacity,
  StartStay,
} from './types';

const HOUR = 3600 * 1000;

/** How long a shelter has to answer an offer: acuut 1 hour, spoed 4 hours, regulier 24 hours [verify with the field]. */
export const DEFAULT_ANSWER_TERMS_MS: AnswerTerms = { acuut: HOUR, spoed: 4 * HOUR, regulier: 24 * HOUR };

/** How far a shelter's clock may run ahead of ours: a stay's start, move or end may lie at most this after `now`. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The most places (persons) one request may ask for. */
export const MAX_PLACES = 20;

export interface PlacementContext {
  now: Date;
  shelters: Shelter[];
  capacities: ShelterCapacity[];
  answerTerms: AnswerTerms;
}

type PlacementDecision = Decision<PlacementEvent>;

const isWholeNumber = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const isDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());
const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);

/** The shelters asked so far, each once, in the order they were first asked. */
export function askedShelters(state: PlacementState): string[] {
  return [...new Set(state.asks.map((ask) => ask.shelterId))];
}

/** Rule request: what a request must say (the service checks region codes against the reference list). */
function validRequest(command: RequestPlacement): PlacementDecision | undefined {
  if (!oneOf(SHELTER_URGENCIES, command.urgency)) return refuse('request-invalid', 422, `urgency must be one of ${SHELTER_URGENCIES.join(', ')}`, 'urgency');
  const { adults, children } = command.places ?? {};
  if (!isWholeNumber(adults) || adults < 1) return refuse('request-invalid', 422, 'places.adults must be a whole number of at least 1', 'places.adults');
  if (!isWholeNumber(children) || children < 0) return refuse('request-invalid', 422, 'places.children must be a whole number of at least 0', 'places.children');
  if (adults + children > MAX_PLACES) return refuse('request-invalid', 422, `a request is for at most ${MAX_PLACES} places (persons)`, 'places');
  const excluded = command.constraints?.excludedRegions;
  if (!Array.isArray(excluded)) return refuse('request-invalid', 422, 'constraints.excludedRegions must be a list of VT regions', 'constraints.excludedRegions');
  if (new Set(excluded).size !== excluded.length) return refuse('request-invalid', 422, 'constraints.excludedRegions names a region twice', 'constraints.excludedRegions');
  if (typeof command.constraints.notInHomeRegion !== 'boolean') return refuse('request-invalid', 422, 'constraints.notInHomeRegion must be true or false', 'constraints.notInHomeRegion');
  return undefined;
}

/** Rule stay-time: a stay's start, move or end lies not before `notBefore` and not after `now` plus the clock skew. */
function validStayTime(at: Date, notBefore: Date | undefined, now: Date, field: string, what: string): PlacementDecision | undefined {
  if (!isDate(at)) return refuse('stay-time-invalid', 422, `${field} must be a time`, field);
  if (notBefore && at.getTime() < notBefore.getTime()) return refuse('stay-time-invalid', 422, `${field} lies before ${what} (${notBefore.toISOString()})`, field);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) return refuse('stay-time-invalid', 422, `${field} lies in the future`, field);
  return undefined;
}

/**
 * Rules best-first, one-open-offer: after a request, a decline or a lapse (`state` has no open ask), offer the
 * placement to the best eligible shelter not asked before, or escalate it.
 */
function offerOrEscalate(state: PlacementState, context: PlacementContext, reasonIfNone: 'no-free-place' | 'nobody-accepted'): PlacementEvent {
  if (openAsk(state)) throw new Error(`placement ${state.placementId} already has an open offer`);
  const best = eligibleShelters(state, context, 'round')[0];
  if (!best) {
    return { type: 'ShelterPlacementEscalated', placementId: state.placementId, homeRegion: state.homeRegion, urgency: state.urgency, reason: reasonIfNone, askedShelters: askedShelters(state), at: context.now };
  }
  const region = context.shelters.find((s) => s.shelterId === best.shelterId)?.region ?? best.region;
  return {
    type: 'ShelterPlacementOffered',
    placementId: state.placementId,
    shelterId: best.shelterId,
    shelterRegion: region,
    places: state.places,
    attempt: state.asks.length + 1,
    at: context.now,
    answerDueAt: new Date(context.now.getTime() + context.answerTerms[state.urgency]),
  };
}

/** The first event, then the next offer or the escalation decided on the state after it. */
function thenOfferOrEscalate(state: PlacementState, first: PlacementEvent, context: PlacementContext, reasonIfNone: 'no-free-place' | 'nobody-accepted'): PlacementDecision {
  return { ok: true, events: [first, offerOrEscalate(evolve(state, first), context, reasonIfNone)] };
}

function request(state: PlacementState | undefined, command: RequestPlacement, context: PlacementContext): PlacementDecision {
  if (state) return refuse('placement-exists', 409, `placement ${command.placementId} was requested already`);
  const invalid = validRequest(command);
  if (invalid) return invalid;
  const requested: PlacementEvent = {
    type: 'ShelterPlacementRequested',
    placementId: command.placementId,
    householdId: command.householdId,
    homeRegion: command.homeRegion,
    urgency: command.urgency,
    places: { adults: command.places.adults, children: command.places.children },
    constraints: { notInHomeRegion: command.constraints.notInHomeRegion, excludedRegions: [...command.constraints.excludedRegions] },
    at: context.now,
    actor: command.actor,
  };
  return { ok: true, events: [requested, offerOrEscalate(evolve(undefined, requested), context, 'no-free-place')] };
}

/**
 * Rule answer: only the shelter of the open offer answers it, also after `answerDueAt` as long as the lapse was not
 * recorded (it answered, and nobody else was asked yet). A decline names its reason and moves the request on.
 */
function answer(state: PlacementState, command: AnswerOffer, context: PlacementContext): PlacementDecision {
  const ask = openAsk(state);
  if (!ask) return refuse('no-open-offer', 409, `placement ${state.placementId} has no open offer (${state.status})`);
  if (ask.shelterId !== command.shelterId) return refuse('not-the-asked-shelter', 403, `the open offer of placement ${state.placementId} is not to ${command.shelterId}`);
  if (command.accepted) return { ok: true, events: [{ type: 'ShelterPlacementAccepted', placementId: state.placementId, shelterId: ask.shelterId, at: context.now, actor: command.actor }] };
  if (!oneOf(SHELTER_DECLINE_REASONS, command.reason)) return refuse('decline-needs-reason', 422, `a decline names its reason: one of ${SHELTER_DECLINE_REASONS.join(', ')}`, 'reason');
  const declined: PlacementEvent = { type: 'ShelterPlacementDeclined', placementId: state.placementId, shelterId: ask.shelterId, reason: command.reason, at: context.now, actor: command.actor };
  return thenOfferOrEscalate(state, declined, context, 'nobody-accepted');
}

/** Rule lapse: the open offer lapses once, when due; anything else is no event (the due-work loop may fire late or twice). */
function lapse(state: PlacementState | undefined, command: LapseOffer, context: PlacementContext): PlacementDecision {
  const ask = openAsk(state);
  if (!state || !ask || ask.shelterId !== command.shelterId || context.now.getTime() < ask.answerDueAt.getTime()) return { ok: true, events: [] };
  const lapsed: PlacementEvent = { type: 'ShelterPlacementOfferLapsed', placementId: state.placementId, shelterId: ask.shelterId, answerDueAt: ask.answerDueAt, at: context.now };
  return thenOfferOrEscalate(state, lapsed, context, 'nobody-accepted');
}

/** Rule cancel: Veilig Thuis cancels a request until the stay starts. */
function cancel(state: PlacementState, command: CancelPlacement, context: PlacementContext): PlacementDecision {
  if (state.status === 'cancelled') return refuse('already-cancelled', 409, `placement ${state.placementId} was cancelled already`);
  if (state.status === 'in-stay' || state.status === 'ended') return refuse('stay-started', 409, `the stay of placement ${state.placementId} started; it ends by uitstroom, not by cancelling`);
  if (!oneOf(SHELTER_CANCEL_REASONS, command.reason)) return refuse('cancel-needs-reason', 422, `a cancellation names its reason: one of ${SHELTER_CANCEL_REASONS.join(', ')}`, 'reason');
  return { ok: true, events: [{ type: 'ShelterPlacementCancelled', placementId: state.placementId, reason: command.reason, at: context.now, actor: command.actor }] };
}

/** Rule instroom: the household arrives at the shelter that accepted it, not before the acceptance. */
function startStay(state: PlacementState, command: StartStay, context: PlacementContext): PlacementDecision {
  if (state.status !== 'accepted') return refuse('not-accepted', 409, `placement ${state.placementId} is not accepted (${state.status})`);
  if (state.shelterId !== command.shelterId) return refuse('not-the-accepting-shelter', 403, `placement ${state.placementId} was not accepted by ${command.shelterId}`);
  const invalid = validStayTime(command.startedAt, state.acceptedAt, context.now, 'startedAt', 'the acceptance');
  if (invalid) return invalid;
  const shelterRegion = context.shelters.find((s) => s.shelterId === state.shelterId)?.region ?? (state.shelterRegion as string);
  return {
    ok: true,
    events: [{ type: 'ShelterStayStarted', placementId: state.placementId, shelterId: command.shelterId, shelterRegion, homeRegion: state.homeRegion, at: command.startedAt, actor: command.actor }],
  };
}

/** Rule current-shelter: only the shelter where the stay is now moves or ends it. */
function inStayAt(state: PlacementState, shelterId: string): PlacementDecision | undefined {
  if (state.status !== 'in-stay') return refuse('not-in-stay', 409, `placement ${state.placementId} is not in a stay (${state.status})`);
  if (state.shelterId !== shelterId) return refuse('not-the-current-shelter', 403, `the stay of placement ${state.placementId} is not at ${shelterId}`);
  return undefined;
}

/** Rule doorstroom: the stay continues at another shelter of the directory, or in another programme at the same one. */
function moveStay(state: PlacementState, command: MoveStay, context: PlacementContext): PlacementDecision {
  const refused = inStayAt(state, command.shelterId);
  if (refused) return refused;
  const to = context.shelters.find((s) => s.shelterId === command.toShelterId);
  if (!to) return refuse('unknown-shelter', 422, `${command.toShelterId} is not a shelter of the vrouwenopvang directory`, 'toShelterId');
  if (!oneOf(SHELTER_PROGRAMMES, command.programme)) return refuse('move-invalid', 422, `programme must be one of ${SHELTER_PROGRAMMES.join(', ')}`, 'programme');
  if (to.shelterId === state.shelterId && command.programme === state.programme) {
    return refuse('move-changes-nothing', 422, 'a move within the same shelter is to another programme', 'programme');
  }
  const invalid = validStayTime(command.movedAt, state.lastStayChangeAt, context.now, 'movedAt', "the stay's last start or move");
  if (invalid) return invalid;
  return {
    ok: true,
    events: [{ type: 'ShelterStayMoved', placementId: state.placementId, fromShelterId: command.shelterId, toShelterId: to.shelterId, toShelterRegion: to.region, programme: command.programme, at: command.movedAt, actor: command.actor }],
  };
}

/** Rule uitstroom: the household leaves shelter care from the shelter where it is, to a destination. */
function endStay(state: PlacementState, command: EndStay, context: PlacementContext): PlacementDecision {
  const refused = inStayAt(state, command.shelterId);
  if (refused) return refused;
  if (!oneOf(SHELTER_DESTINATIONS, command.destination)) return refuse('end-invalid', 422, `destination must be one of ${SHELTER_DESTINATIONS.join(', ')}`, 'destination');
  const invalid = validStayTime(command.endedAt, state.lastStayChangeAt, context.now, 'endedAt', "the stay's last start or move");
  if (invalid) return invalid;
  return {
    ok: true,
    events: [
      {
        type: 'ShelterStayEnded',
        placementId: state.placementId,
        shelterId: command.shelterId,
        shelterRegion: state.shelterRegion as string,
        homeRegion: state.homeRegion,
        destination: command.destination,
        at: command.endedAt,
        actor: command.actor,
      },
    ],
  };
}

/** Decide one command on one placement (undefined: not requested yet). Pure: the service passes `now` and what it knows. */
export function decide(state: PlacementState | undefined, command: PlacementCommand, context: PlacementContext): PlacementDecision {
  if (command.type === 'RequestPlacement') return request(state, command, context);
  if (command.type === 'LapseOffer') return lapse(state, command, context);
  if (!state) return refuse('placement-not-found', 404, `no placement ${command.placementId}`);
  switch (command.type) {
    case 'AnswerOffer':
      return answer(state, command, context);
    case 'CancelPlacement':
      return cancel(state, command, context);
    case 'StartStay':
      return startStay(state, command, context);
    case 'MoveStay':
      return moveStay(state, command, context);
    case 'EndStay':
      return endStay(state, command, context);
  }
}

function closeOpenAsk(state: PlacementState, outcome: Ask['outcome'], declineReason?: Ask['declineReason']): Ask[] {
  return state.asks.map((ask, index) => (index === state.asks.length - 1 && ask.outcome === 'open' ? { ...ask, outcome, ...(declineReason ? { declineReason } : {}) } : ask));
}

/** Fold one event into the placement's state. */
export function evolve(state: PlacementState | undefined, event: PlacementEvent): PlacementState {
  if (event.type === 'ShelterPlacementRequested') {
    return {
      placementId: event.placementId,
      householdId: event.householdId,
      homeRegion: event.homeRegion,
      urgency: event.urgency,
      places: event.places,
      constraints: event.constraints,
      requestedAt: event.at,
      status: 'requested',
      asks: [],
    };
  }
  if (!state) throw new Error(`${event.type} for placement ${event.placementId} before it was requested`);
  switch (event.type) {
    case 'ShelterPlacementOffered':
      return {
        ...state,
        status: 'offered',
        asks: [...state.asks, { shelterId: event.shelterId, shelterRegion: event.shelterRegion, attempt: event.attempt, offeredAt: event.at, answerDueAt: event.answerDueAt, outcome: 'open' }],
      };
    case 'ShelterPlacementAccepted': {
      const ask = openAsk(state);
      return { ...state, status: 'accepted', asks: closeOpenAsk(state, 'accepted'), shelterId: event.shelterId, shelterRegion: ask?.shelterRegion ?? state.shelterRegion, acceptedAt: event.at };
    }
    case 'ShelterPlacementDeclined':
      return { ...state, status: 'requested', asks: closeOpenAsk(state, 'declined', event.reason) };
    case 'ShelterPlacementOfferLapsed':
      return { ...state, status: 'requested', asks: closeOpenAsk(state, 'lapsed') };
    case 'ShelterPlacementEscalated':
      return { ...state, status: 'escalated', escalatedAt: event.at };
    case 'ShelterPlacementCancelled':
      return { ...state, status: 'cancelled', asks: closeOpenAsk(state, 'withdrawn'), cancelledAt: event.at };
    case 'ShelterStayStarted':
      return { ...state, status: 'in-stay', shelterId: event.shelterId, shelterRegion: event.shelterRegion, stayStartedAt: event.at, lastStayChangeAt: event.at };
    case 'ShelterStayMoved':
      return { ...state, shelterId: event.toShelterId, shelterRegion: event.toShelterRegion, programme: event.programme, lastStayChangeAt: event.at };
    case 'ShelterStayEnded':
      return { ...state, status: 'ended', endedAt: event.at, destination: event.destination };
  }
}

/** The state after `events` (from nothing). */
export function replay(events: PlacementEvent[]): PlacementState | undefined {
  return events.reduce<PlacementState | undefined>(evolve, undefined);
}
