import type {
  ShelterCancelReason,
  ShelterConstraints,
  ShelterDeclineReason,
  ShelterDestination,
  ShelterEscalationReason,
  ShelterPlaces,
  ShelterProgramme,
  ShelterUrgency,
} from '@vt/contracts';

/*
 * The shelter placement context's model (docs/adr/0040). The decider (`placement.ts`) is pure: the service loads the
 * state it names, calls `decide`, stores the events it returns in one transaction (with the outbox), and folds them
 * with `evolve`. Times are `Date`s; the service passes `now`.
 */

/** A shelter: a vrouwenopvang partner of the directory, with its VT region. */
export interface Shelter {
  shelterId: string;
  region: string;
}

/**
 * What the service knows of one shelter's places: the last report, and what it has promised since. A shelter that
 * never reported is not in the list and is never offered anything (its capacity is unknown).
 */
export interface ShelterCapacity {
  shelterId: string;
  region: string;
  totalPlaces: number;
  /** Free at the last report (the shelter counts the placements it accepted before it). */
  freePlaces: number;
  /** Held since that report: places of offers open to it, and of placements it accepted after the report. */
  heldPlaces: number;
  reportedAt: Date;
}

/**
 * `requested` exists only between the events of one decision (after the request, a decline or a lapse, before the
 * next offer or the escalation); a stored placement is never in it.
 */
export type PlacementStatus = 'requested' | 'offered' | 'escalated' | 'accepted' | 'in-stay' | 'ended' | 'cancelled';

export type AskOutcome = 'open' | 'accepted' | 'declined' | 'lapsed' | 'withdrawn';

export interface Ask {
  shelterId: string;
  shelterRegion: string;
  attempt: number;
  offeredAt: Date;
  answerDueAt: Date;
  outcome: AskOutcome;
  /** Set when the outcome is `declined`. */
  declineReason?: ShelterDeclineReason;
}

export interface PlacementState {
  placementId: string;
  householdId: string;
  homeRegion: string;
  urgency: ShelterUrgency;
  places: ShelterPlaces;
  constraints: ShelterConstraints;
  requestedAt: Date;
  status: PlacementStatus;
  /** Every shelter asked, in order; the last is the open one while `status` is `offered`. */
  asks: Ask[];
  /** The shelter that accepted (and where the stay is, after moves). */
  shelterId?: string;
  shelterRegion?: string;
  /** Set by a move (doorstroom); a stay starts in whatever programme the shelter runs, not recorded [verify]. */
  programme?: ShelterProgramme;
  acceptedAt?: Date;
  stayStartedAt?: Date;
  /** The stay's last start or move: a move or the end may not lie before it. */
  lastStayChangeAt?: Date;
  /** The last escalation (a placement can escalate again after an offer made on a capacity report). */
  escalatedAt?: Date;
  cancelledAt?: Date;
  endedAt?: Date;
  destination?: ShelterDestination;
}

/** How long a shelter has to answer an offer, by urgency (configuration; defaults in `DEFAULT_ANSWER_TERMS_MS`). */
export type AnswerTerms = Record<ShelterUrgency, number>;

// ---- commands ------------------------------------------------------------------------------------------------------

export interface RequestPlacement {
  type: 'RequestPlacement';
  placementId: string;
  householdId: string;
  homeRegion: string;
  urgency: ShelterUrgency;
  places: ShelterPlaces;
  constraints: ShelterConstraints;
  actor: string;
}

/** The shelter's answer; `shelterId` is the answering partner (from its token), which must be the open ask's. */
export interface AnswerOffer {
  type: 'AnswerOffer';
  placementId: string;
  shelterId: string;
  accepted: boolean;
  /** Required when `accepted` is false. */
  reason?: ShelterDeclineReason;
  actor: string;
}

/** From the due-work loop: the open offer's `answerDueAt` passed. */
export interface LapseOffer {
  type: 'LapseOffer';
  placementId: string;
  shelterId: string;
}

export interface CancelPlacement {
  type: 'CancelPlacement';
  placementId: string;
  reason: ShelterCancelReason;
  actor: string;
}

export interface StartStay {
  type: 'StartStay';
  placementId: string;
  shelterId: string;
  startedAt: Date;
  actor: string;
}

export interface MoveStay {
  type: 'MoveStay';
  placementId: string;
  shelterId: string;
  toShelterId: string;
  programme: ShelterProgramme;
  movedAt: Date;
  actor: string;
}

export interface EndStay {
  type: 'EndStay';
  placementId: string;
  shelterId: string;
  destination: ShelterDestination;
  endedAt: Date;
  actor: string;
}

export type PlacementCommand = RequestPlacement | AnswerOffer | LapseOffer | CancelPlacement | StartStay | MoveStay | EndStay;

/** A shelter reports its places; may offer escalated placements to it (see `decideCapacity`). */
export interface ReportCapacity {
  type: 'ReportCapacity';
  shelterId: string;
  totalPlaces: number;
  freePlaces: number;
  actor: string;
}

// ---- events (the decider's; the service maps them 1:1 onto the catalog's, libs/contracts shelter-placement.event) --

export type PlacementEvent =
  | { type: 'ShelterPlacementRequested'; placementId: string; householdId: string; homeRegion: string; urgency: ShelterUrgency; places: ShelterPlaces; constraints: ShelterConstraints; at: Date; actor: string }
  | { type: 'ShelterPlacementOffered'; placementId: string; shelterId: string; shelterRegion: string; places: ShelterPlaces; attempt: number; at: Date; answerDueAt: Date }
  | { type: 'ShelterPlacementAccepted'; placementId: string; shelterId: string; at: Date; actor: string }
  | { type: 'ShelterPlacementDeclined'; placementId: string; shelterId: string; reason: ShelterDeclineReason; at: Date; actor: string }
  | { type: 'ShelterPlacementOfferLapsed'; placementId: string; shelterId: string; answerDueAt: Date; at: Date }
  | { type: 'ShelterPlacementEscalated'; placementId: string; homeRegion: string; urgency: ShelterUrgency; reason: ShelterEscalationReason; askedShelters: string[]; at: Date }
  | { type: 'ShelterPlacementCancelled'; placementId: string; reason: ShelterCancelReason; at: Date; actor: string }
  | { type: 'ShelterStayStarted'; placementId: string; shelterId: string; shelterRegion: string; homeRegion: string; at: Date; actor: string }
  | { type: 'ShelterStayMoved'; placementId: string; fromShelterId: string; toShelterId: string; toShelterRegion: string; programme: ShelterProgramme; at: Date; actor: string }
  | { type: 'ShelterStayEnded'; placementId: string; shelterId: string; shelterRegion: string; homeRegion: string; destination: ShelterDestination; at: Date; actor: string };

export type CapacityEvent = { type: 'ShelterCapacityReported'; shelterId: string; shelterRegion: string; totalPlaces: number; freePlaces: number; at: Date; actor: string };

/** A refusal: a rule's name and a sentence for the caller (the service turns it into a 4xx problem naming `field`). */
export interface Refusal {
  rule: string;
  message: string;
  /** 403 not yours, 404 unknown, 409 not in a state that allows it, 422 well-formed but against a rule. */
  status: 403 | 404 | 409 | 422;
  field?: string;
}

export type Decision<E> = { ok: true; events: E[] } | { ok: false; refusal: Refusal };
