import { actorSchema, timestampSchema, uuidSchema, vtRegionCodeSchema } from './common';

// Shelter placement (docs/adr/0040): vrouwenopvang as a national placement, not only a referral type. Veilig Thuis
// asks for a place for a household with an urgency and safety constraints; the service offers it to one shelter at a
// time, nationally, among the shelters with a free place that the constraints allow; a place nobody accepts
// escalates. Intake into shelter, moves and departure (in-, door- and uitstroom) are events, so the national monitor
// (`vt audit report --shelters`) is computed from the log alone. No names, no free text, no person ids: a placement
// is known by its id and its household id inside Veilig Thuis, and by its placement id alone at the shelter.

export const SHELTER_PLACEMENT_REQUESTED = 'nl.veiligthuis.shelter.ShelterPlacementRequested.v1' as const;
export const SHELTER_PLACEMENT_OFFERED = 'nl.veiligthuis.shelter.ShelterPlacementOffered.v1' as const;
export const SHELTER_PLACEMENT_ACCEPTED = 'nl.veiligthuis.shelter.ShelterPlacementAccepted.v1' as const;
export const SHELTER_PLACEMENT_DECLINED = 'nl.veiligthuis.shelter.ShelterPlacementDeclined.v1' as const;
export const SHELTER_PLACEMENT_OFFER_LAPSED = 'nl.veiligthuis.shelter.ShelterPlacementOfferLapsed.v1' as const;
export const SHELTER_PLACEMENT_ESCALATED = 'nl.veiligthuis.shelter.ShelterPlacementEscalated.v1' as const;
export const SHELTER_PLACEMENT_CANCELLED = 'nl.veiligthuis.shelter.ShelterPlacementCancelled.v1' as const;
export const SHELTER_STAY_STARTED = 'nl.veiligthuis.shelter.ShelterStayStarted.v1' as const;
export const SHELTER_STAY_MOVED = 'nl.veiligthuis.shelter.ShelterStayMoved.v1' as const;
export const SHELTER_STAY_ENDED = 'nl.veiligthuis.shelter.ShelterStayEnded.v1' as const;
export const SHELTER_CAPACITY_REPORTED = 'nl.veiligthuis.shelter.ShelterCapacityReported.v1' as const;
/** On the shelter's own topic. */
export const SHELTER_PLACE_REQUESTED = 'nl.veiligthuis.shelter.PlaceRequested.v1' as const;
export const SHELTER_PLACE_REQUEST_WITHDRAWN = 'nl.veiligthuis.shelter.PlaceRequestWithdrawn.v1' as const;

/** How soon a place is needed; each has its own answer term for an offer (configuration, [verify] with the field). */
export const SHELTER_URGENCIES = ['acuut', 'spoed', 'regulier'] as const;
export type ShelterUrgency = (typeof SHELTER_URGENCIES)[number];

/** Why a shelter declined an offer (codes, never free text: docs/adr/0020). */
export const SHELTER_DECLINE_REASONS = ['no-place', 'safety-risk', 'needs-not-met', 'other'] as const;
export type ShelterDeclineReason = (typeof SHELTER_DECLINE_REASONS)[number];

/** Why a request was cancelled by Veilig Thuis. */
export const SHELTER_CANCEL_REASONS = ['no-longer-needed', 'placed-elsewhere', 'other'] as const;
export type ShelterCancelReason = (typeof SHELTER_CANCEL_REASONS)[number];

/** Why a placement escalated: no eligible shelter had a free place, or every eligible one declined or let its offer lapse. */
export const SHELTER_ESCALATION_REASONS = ['no-free-place', 'nobody-accepted'] as const;
export type ShelterEscalationReason = (typeof SHELTER_ESCALATION_REASONS)[number];

/**
 * Programmes a stay can move into (doorstroom) without leaving shelter care [verify the list with Valente / the
 * regions]: second-stage shelter, sheltered housing, and ambulant support from the shelter's organisation.
 */
export const SHELTER_PROGRAMMES = ['crisisopvang', 'tweede-fase-opvang', 'beschermd-wonen', 'ambulante-begeleiding'] as const;
export type ShelterProgramme = (typeof SHELTER_PROGRAMMES)[number];

/** Where a household went when it left shelter care (uitstroom). */
export const SHELTER_DESTINATIONS = ['eigen-woning', 'nieuwe-woning', 'andere-opvang', 'onbekend'] as const;
export type ShelterDestination = (typeof SHELTER_DESTINATIONS)[number];

/** Places are counted in persons: the adults and the children who come along. */
export interface ShelterPlaces {
  adults: number;
  children: number;
}

export interface ShelterConstraints {
  /** Never in the household's own VT region (the usual safety constraint: away from the perpetrator). */
  notInHomeRegion: boolean;
  /** Further VT regions the household must not be placed in (for example where the perpetrator works). */
  excludedRegions: string[];
}

export interface ShelterPlacementRequestedData {
  placementId: string;
  householdId: string;
  /** The VT region that asks, the household's own. */
  homeRegion: string;
  urgency: ShelterUrgency;
  places: ShelterPlaces;
  constraints: ShelterConstraints;
  requestedAt: string;
  actor: string;
}

export interface ShelterPlacementOfferedData {
  placementId: string;
  householdId: string;
  shelterId: string;
  shelterRegion: string;
  places: ShelterPlaces;
  /** 1 for the first shelter asked, 2 for the second, … */
  attempt: number;
  offeredAt: string;
  /** When the offer lapses unanswered: `offeredAt` plus the urgency's answer term. */
  answerDueAt: string;
}

export interface ShelterPlacementAnsweredData {
  placementId: string;
  householdId: string;
  shelterId: string;
  answeredAt: string;
  actor: string;
}

export interface ShelterPlacementDeclinedData extends ShelterPlacementAnsweredData {
  reason: ShelterDeclineReason;
}

export interface ShelterPlacementOfferLapsedData {
  placementId: string;
  householdId: string;
  shelterId: string;
  answerDueAt: string;
  lapsedAt: string;
}

export interface ShelterPlacementEscalatedData {
  placementId: string;
  householdId: string;
  homeRegion: string;
  urgency: ShelterUrgency;
  reason: ShelterEscalationReason;
  /** The shelters asked so far, in order. */
  askedShelters: string[];
  escalatedAt: string;
}

export interface ShelterPlacementCancelledData {
  placementId: string;
  householdId: string;
  reason: ShelterCancelReason;
  cancelledAt: string;
  actor: string;
}

export interface ShelterStayStartedData {
  placementId: string;
  householdId: string;
  shelterId: string;
  shelterRegion: string;
  homeRegion: string;
  startedAt: string;
  actor: string;
}

export interface ShelterStayMovedData {
  placementId: string;
  householdId: string;
  fromShelterId: string;
  /** The shelter the stay continues at (the same one when only the programme changes). */
  toShelterId: string;
  toShelterRegion: string;
  programme: ShelterProgramme;
  movedAt: string;
  actor: string;
}

export interface ShelterStayEndedData {
  placementId: string;
  householdId: string;
  shelterId: string;
  shelterRegion: string;
  homeRegion: string;
  destination: ShelterDestination;
  endedAt: string;
  actor: string;
}

export interface ShelterCapacityReportedData {
  shelterId: string;
  shelterRegion: string;
  /** Places (persons) the shelter has in all. */
  totalPlaces: number;
  /** Places free now, after every placement the shelter has accepted. */
  freePlaces: number;
  reportedAt: string;
  actor: string;
}

/** What one shelter reads on its own topic: a request for a place, without anything that identifies the household. */
export interface ShelterPlaceRequestedData {
  placementId: string;
  shelterId: string;
  urgency: ShelterUrgency;
  places: ShelterPlaces;
  offeredAt: string;
  answerDueAt: string;
  /** The VT region that asks, to call back (configuration: the region's crisis desk). */
  requestingRegion: string;
  contact: { name: string; phone: string };
}

export interface ShelterPlaceRequestWithdrawnData {
  placementId: string;
  shelterId: string;
  /** `cancelled` by Veilig Thuis, or `lapsed` because the shelter did not answer in time. */
  reason: 'cancelled' | 'lapsed';
  withdrawnAt: string;
}

const shelterIdSchema = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } as const;
const countSchema = { type: 'integer', minimum: 0, maximum: 99 } as const;
const placesSchema = {
  type: 'object',
  required: ['adults', 'children'],
  additionalProperties: false,
  properties: { adults: { ...countSchema, minimum: 1 }, children: countSchema },
} as const;
const urgencySchema = { type: 'string', enum: [...SHELTER_URGENCIES] } as const;
const ids = { placementId: uuidSchema, householdId: uuidSchema } as const;

export const shelterPlacementRequestedSchema = {
  $id: 'urn:vt:schema:shelter.ShelterPlacementRequested.v1',
  type: 'object',
  required: ['placementId', 'householdId', 'homeRegion', 'urgency', 'places', 'constraints', 'requestedAt', 'actor'],
  additionalProperties: false,
  properties: {
    ...ids,
    homeRegion: vtRegionCodeSchema,
    urgency: urgencySchema,
    places: placesSchema,
    constraints: {
      type: 'object',
      required: ['notInHomeRegion', 'excludedRegions'],
      additionalProperties: false,
      properties: { notInHomeRegion: { type: 'boolean' }, excludedRegions: { type: 'array', maxItems: 30, uniqueItems: true, items: vtRegionCodeSchema } },
    },
    requestedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const shelterPlacementOfferedSchema = {
  $id: 'urn:vt:schema:shelter.ShelterPlacementOffered.v1',
  type: 'object',
  required: ['placementId', 'householdId', 'shelterId', 'shelterRegion', 'places', 'attempt', 'offeredAt', 'answerDueAt'],
  additionalProperties: false,
  properties: {
    ...ids,
    shelterId: shelterIdSchema,
    shelterRegion: vtRegionCodeSchema,
    places: placesSchema,
    attempt: { type: 'integer', minimum: 1 },
    offeredAt: timestampSchema,
    answerDueAt: timestampSchema,
  },
} as const;

const answeredProperties = { ...ids, shelterId: shelterIdSchema, answeredAt: timestampSchema, actor: actorSchema } as const;

export const shelterPlacementAcceptedSchema = {
  $id: 'urn:vt:schema:shelter.ShelterPlacementAccepted.v1',
  type: 'object',
  required: ['placementId', 'householdId', 'shelterId', 'answeredAt', 'actor'],
  additionalProperties: false,
  properties: answeredProperties,
} as const;

export const shelterPlacementDeclinedSchema = {
  $id: 'urn:vt:schema:shelter.ShelterPlacementDeclined.v1',
  type: 'object',
  required: ['placementId', 'householdId', 'shelterId', 'reason', 'answeredAt', 'actor'],
  additionalProperties: false,
  properties: { ...answeredProperties, reason: { type: 'string', enum: [...SHELTER_DECLINE_REASONS] } },
} as const;

export const shelterPlacementOfferLapsedSchema = {
  $id: 'urn:vt:schema:shelter.ShelterPlacementOfferLapsed.v1',
  type: 'object',
  required: ['placementId', 'householdId', 'shelterId', 'answerDueAt', 'lapsedAt'],
  additionalProperties: false,
  properties: { ...ids, shelterId: shelterIdSchema, answerDueAt: timestampSchema, lapsedAt: timestampSchema },
} as const;

export const shelterPlacementEscalatedSchema = {
  $id: 'urn:vt:schema:shelter.ShelterPlacementEscalated.v1',
  type: 'object',
  required: ['placementId', 'householdId', 'homeRegion', 'urgency', 'reason', 'askedShelters', 'escalatedAt'],
  additionalProperties: false,
  properties: {
    ...ids,
    homeRegion: vtRegionCodeSchema,
    urgency: urgencySchema,
    reason: { type: 'string', enum: [...SHELTER_ESCALATION_REASONS] },
    askedShelters: { type: 'array', items: shelterIdSchema },
    escalatedAt: timestampSchema,
  },
} as const;

export const shelterPlacementCancelledSchema = {
  $id: 'urn:vt:schema:shelter.ShelterPlacementCancelled.v1',
  type: 'object',
  required: ['placementId', 'householdId', 'reason', 'cancelledAt', 'actor'],
  additionalProperties: false,
  properties: { ...ids, reason: { type: 'string', enum: [...SHELTER_CANCEL_REASONS] }, cancelledAt: timestampSchema, actor: actorSchema },
} as const;

export const shelterStayStartedSchema = {
  $id: 'urn:vt:schema:shelter.ShelterStayStarted.v1',
  type: 'object',
  required: ['placementId', 'householdId', 'shelterId', 'shelterRegion', 'homeRegion', 'startedAt', 'actor'],
  additionalProperties: false,
  properties: { ...ids, shelterId: shelterIdSchema, shelterRegion: vtRegionCodeSchema, homeRegion: vtRegionCodeSchema, startedAt: timestampSchema, actor: actorSchema },
} as const;

export const shelterStayMovedSchema = {
  $id: 'urn:vt:schema:shelter.ShelterStayMoved.v1',
  type: 'object',
  required: ['placementId', 'householdId', 'fromShelterId', 'toShelterId', 'toShelterRegion', 'programme', 'movedAt', 'actor'],
  additionalProperties: false,
  properties: {
    ...ids,
    fromShelterId: shelterIdSchema,
    toShelterId: shelterIdSchema,
    toShelterRegion: vtRegionCodeSchema,
    programme: { type: 'string', enum: [...SHELTER_PROGRAMMES] },
    movedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const shelterStayEndedSchema = {
  $id: 'urn:vt:schema:shelter.ShelterStayEnded.v1',
  type: 'object',
  required: ['placementId', 'householdId', 'shelterId', 'shelterRegion', 'homeRegion', 'destination', 'endedAt', 'actor'],
  additionalProperties: false,
  properties: {
    ...ids,
    shelterId: shelterIdSchema,
    shelterRegion: vtRegionCodeSchema,
    homeRegion: vtRegionCodeSchema,
    destination: { type: 'string', enum: [...SHELTER_DESTINATIONS] },
    endedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const shelterCapacityReportedSchema = {
  $id: 'urn:vt:schema:shelter.ShelterCapacityReported.v1',
  type: 'object',
  required: ['shelterId', 'shelterRegion', 'totalPlaces', 'freePlaces', 'reportedAt', 'actor'],
  additionalProperties: false,
  properties: {
    shelterId: shelterIdSchema,
    shelterRegion: vtRegionCodeSchema,
    totalPlaces: { type: 'integer', minimum: 0, maximum: 10000 },
    freePlaces: { type: 'integer', minimum: 0, maximum: 10000 },
    reportedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const shelterPlaceRequestedSchema = {
  $id: 'urn:vt:schema:shelter.PlaceRequested.v1',
  type: 'object',
  required: ['placementId', 'shelterId', 'urgency', 'places', 'offeredAt', 'answerDueAt', 'requestingRegion', 'contact'],
  additionalProperties: false,
  properties: {
    placementId: uuidSchema,
    shelterId: shelterIdSchema,
    urgency: urgencySchema,
    places: placesSchema,
    offeredAt: timestampSchema,
    answerDueAt: timestampSchema,
    requestingRegion: vtRegionCodeSchema,
    contact: {
      type: 'object',
      required: ['name', 'phone'],
      additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1 }, phone: { type: 'string', minLength: 1 } },
    },
  },
} as const;

export const shelterPlaceRequestWithdrawnSchema = {
  $id: 'urn:vt:schema:shelter.PlaceRequestWithdrawn.v1',
  type: 'object',
  required: ['placementId', 'shelterId', 'reason', 'withdrawnAt'],
  additionalProperties: false,
  properties: { placementId: uuidSchema, shelterId: shelterIdSchema, reason: { type: 'string', enum: ['cancelled', 'lapsed'] }, withdrawnAt: timestampSchema },
} as const;

const onRecord = { address: 'vt.shelter.placements.v1', producer: 'shelter-placement' } as const;
const onShelterTopic = { address: 'vt.shelter.{partnerId}.offers.v1', producer: 'shelter-placement' } as const;

export const shelterPlacementRequestedContract = {
  type: SHELTER_PLACEMENT_REQUESTED,
  ...onRecord,
  schema: shelterPlacementRequestedSchema,
  summary: 'Veilig Thuis asked for a shelter place for a household: urgency, places (persons) and safety constraints.',
} as const;

export const shelterPlacementOfferedContract = {
  type: SHELTER_PLACEMENT_OFFERED,
  ...onRecord,
  schema: shelterPlacementOfferedSchema,
  summary: 'The request was offered to one shelter with a free place that the constraints allow; it has until answerDueAt to answer.',
} as const;

export const shelterPlacementAcceptedContract = {
  type: SHELTER_PLACEMENT_ACCEPTED,
  ...onRecord,
  schema: shelterPlacementAcceptedSchema,
  summary: 'The shelter accepted the placement: the household has a place there.',
} as const;

export const shelterPlacementDeclinedContract = {
  type: SHELTER_PLACEMENT_DECLINED,
  ...onRecord,
  schema: shelterPlacementDeclinedSchema,
  summary: 'The shelter declined the offer (a reason code); the request goes to the next eligible shelter, or escalates.',
} as const;

export const shelterPlacementOfferLapsedContract = {
  type: SHELTER_PLACEMENT_OFFER_LAPSED,
  ...onRecord,
  schema: shelterPlacementOfferLapsedSchema,
  summary: 'The shelter did not answer the offer in time; the request goes to the next eligible shelter, or escalates.',
} as const;

export const shelterPlacementEscalatedContract = {
  type: SHELTER_PLACEMENT_ESCALATED,
  ...onRecord,
  schema: shelterPlacementEscalatedSchema,
  summary: 'No eligible shelter had a free place, or every one asked declined or let the offer lapse: the request needs a person now. It is offered again as soon as an eligible shelter reports a free place.',
} as const;

export const shelterPlacementCancelledContract = {
  type: SHELTER_PLACEMENT_CANCELLED,
  ...onRecord,
  schema: shelterPlacementCancelledSchema,
  summary: 'Veilig Thuis cancelled the request before a stay started; an open offer is withdrawn.',
} as const;

export const shelterStayStartedContract = {
  type: SHELTER_STAY_STARTED,
  ...onRecord,
  schema: shelterStayStartedSchema,
  summary: 'Instroom: the household arrived at the shelter that accepted it.',
} as const;

export const shelterStayMovedContract = {
  type: SHELTER_STAY_MOVED,
  ...onRecord,
  schema: shelterStayMovedSchema,
  summary: 'Doorstroom: the stay continues at another shelter or in another programme.',
} as const;

export const shelterStayEndedContract = {
  type: SHELTER_STAY_ENDED,
  ...onRecord,
  schema: shelterStayEndedSchema,
  summary: 'Uitstroom: the household left shelter care, to its destination (own home, new housing, another shelter, unknown).',
} as const;

export const shelterCapacityReportedContract = {
  type: SHELTER_CAPACITY_REPORTED,
  ...onRecord,
  schema: shelterCapacityReportedSchema,
  summary: 'A shelter reported its places in all and free now.',
} as const;

export const shelterPlaceRequestedContract = {
  type: SHELTER_PLACE_REQUESTED,
  ...onShelterTopic,
  schema: shelterPlaceRequestedSchema,
  summary: 'For one shelter: a request for a place (urgency, persons, answer due, whom to call back), nothing that identifies the household.',
} as const;

export const shelterPlaceRequestWithdrawnContract = {
  type: SHELTER_PLACE_REQUEST_WITHDRAWN,
  ...onShelterTopic,
  schema: shelterPlaceRequestWithdrawnSchema,
  summary: 'For one shelter: a request it was asked about is no longer open to it (cancelled, or lapsed unanswered).',
} as const;
