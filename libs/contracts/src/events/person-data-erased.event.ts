import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

// Erasure of a person's data by crypto-shredding (docs/adr/0007), and the destruction request's clock.
// Intake owns the person registry, so it produces all of these on vt.privacy.erasures.v1.

export const ERASURE_REQUESTED = 'nl.veiligthuis.privacy.ErasureRequested.v1' as const;
export const ERASURE_DEADLINE_APPROACHING = 'nl.veiligthuis.privacy.ErasureDeadlineApproaching.v1' as const;
export const ERASURE_DEADLINE_BREACHED = 'nl.veiligthuis.privacy.ErasureDeadlineBreached.v1' as const;
export const PERSON_DATA_ERASED = 'nl.veiligthuis.privacy.PersonDataErased.v1' as const;
export const HOUSEHOLD_DATA_ERASED = 'nl.veiligthuis.privacy.HouseholdDataErased.v1' as const;

/**
 * Why a person's data was erased, as a code (never free text: events carry no personal data in the clear).
 * The articles below are those of the European Netherlands; `legalBasis` carries the basis of the person's
 * jurisdiction (config/legal-bases.json, `erasure.<reason>`; Caribisch Nederland: Wbp BES, [verify]).
 * - `verzoek-betrokkene`: the person asked for destruction (Wmo 2015 art. 5.3.5).
 * - `bewaartermijn-verstreken`: the dossier's retention period ended (Wmo 2015 art. 5.3.4).
 * - `onrechtmatig-verwerkt`: the data should never have been processed (AVG art. 17 lid 1 d).
 * - `rechterlijke-uitspraak`: a court ordered it.
 */
export const ERASURE_REASONS = ['verzoek-betrokkene', 'bewaartermijn-verstreken', 'onrechtmatig-verwerkt', 'rechterlijke-uitspraak'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/**
 * The legal basis of each reason in the European Netherlands, as config/legal-bases.json (`nl`) has it.
 * Producers cite from that file by the person's jurisdiction (libs/legal), never from this table.
 */
export const ERASURE_LEGAL_BASIS: Readonly<Record<ErasureReason, string>> = {
  'verzoek-betrokkene': 'Wmo 2015 art. 5.3.5',
  'bewaartermijn-verstreken': 'Wmo 2015 art. 5.3.4',
  'onrechtmatig-verwerkt': 'AVG art. 17 lid 1 sub d',
  'rechterlijke-uitspraak': 'rechterlijke uitspraak',
};

/**
 * Whose data: a person named in a melding or an adviesvraag, or the one who called: the melder of a melding or
 * the adviesvrager of an adviesvraag (a person of their own, ADR 0007; ADR 0011).
 */
export const ERASED_SUBJECT_KINDS = ['person', 'melder'] as const;

/** A destruction request was received; its statutory clock (3 months, `vernietigingsverzoek`) started. */
export interface ErasureRequestedData {
  requestId: string;
  personId: string;
  householdId: string;
  receivedAt: string;
  clock: 'vernietigingsverzoek';
  legalBasis: string;
  /** Exclusive end of the term (local midnight after the last day in time), and that last day. */
  dueAt: string;
  dueLocalDate: string;
  approachingAt: string;
  calendar: string;
  actor: string;
}

/** The destruction request is near its deadline and the person's data is not erased yet. */
export interface ErasureDeadlineApproachingData {
  requestId: string;
  personId: string;
  householdId: string;
  legalBasis: string;
  dueAt: string;
  approachingAt: string;
}

/** The destruction request's deadline passed before the person's data was erased. */
export interface ErasureDeadlineBreachedData {
  requestId: string;
  personId: string;
  householdId: string;
  legalBasis: string;
  dueAt: string;
  breachedAt: string;
}

/**
 * A person's data key was destroyed: every value encrypted for them, in every record and replay, is now
 * unreadable. Services holding a key for the person destroy theirs when they read this.
 */
export interface PersonDataErasedData {
  erasureId: string;
  personId: string;
  householdId: string;
  subjectKind: (typeof ERASED_SUBJECT_KINDS)[number];
  erasedAt: string;
  reason: ErasureReason;
  legalBasis: string;
  /** The destruction request this carries out (`ErasureRequested.requestId`), if any. */
  requestId?: string;
  /** `user:<subject>` of the privacy officer, or `system:retention` for the retention job. */
  actor: string;
}

const requestedRequired = ['requestId', 'personId', 'householdId', 'receivedAt', 'clock', 'legalBasis', 'dueAt', 'dueLocalDate', 'approachingAt', 'calendar', 'actor'] as const;
export const erasureRequestedSchema = {
  $id: 'urn:vt:schema:privacy.ErasureRequested.v1',
  type: 'object',
  required: [...requestedRequired],
  additionalProperties: false,
  properties: {
    requestId: uuidSchema,
    personId: uuidSchema,
    householdId: uuidSchema,
    receivedAt: timestampSchema,
    clock: { const: 'vernietigingsverzoek' },
    legalBasis: { type: 'string', minLength: 1 },
    dueAt: timestampSchema,
    dueLocalDate: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
    approachingAt: timestampSchema,
    calendar: { type: 'string', minLength: 1 },
    actor: actorSchema,
  },
} as const;

export const erasureDeadlineApproachingSchema = {
  $id: 'urn:vt:schema:privacy.ErasureDeadlineApproaching.v1',
  type: 'object',
  required: ['requestId', 'personId', 'householdId', 'legalBasis', 'dueAt', 'approachingAt'],
  additionalProperties: false,
  properties: {
    requestId: uuidSchema,
    personId: uuidSchema,
    householdId: uuidSchema,
    legalBasis: { type: 'string', minLength: 1 },
    dueAt: timestampSchema,
    approachingAt: timestampSchema,
  },
} as const;

export const erasureDeadlineBreachedSchema = {
  $id: 'urn:vt:schema:privacy.ErasureDeadlineBreached.v1',
  type: 'object',
  required: ['requestId', 'personId', 'householdId', 'legalBasis', 'dueAt', 'breachedAt'],
  additionalProperties: false,
  properties: {
    requestId: uuidSchema,
    personId: uuidSchema,
    householdId: uuidSchema,
    legalBasis: { type: 'string', minLength: 1 },
    dueAt: timestampSchema,
    breachedAt: timestampSchema,
  },
} as const;

export const personDataErasedSchema = {
  $id: 'urn:vt:schema:privacy.PersonDataErased.v1',
  type: 'object',
  required: ['erasureId', 'personId', 'householdId', 'subjectKind', 'erasedAt', 'reason', 'legalBasis', 'actor'],
  additionalProperties: false,
  properties: {
    erasureId: uuidSchema,
    personId: uuidSchema,
    householdId: uuidSchema,
    subjectKind: { enum: [...ERASED_SUBJECT_KINDS] },
    erasedAt: timestampSchema,
    reason: { enum: [...ERASURE_REASONS] },
    legalBasis: { type: 'string', minLength: 1 },
    requestId: uuidSchema,
    actor: actorSchema,
  },
} as const;

const base = { address: TOPICS.privacyErasures, producer: 'intake' } as const;
export const erasureRequestedContract = {
  ...base,
  type: ERASURE_REQUESTED,
  schema: erasureRequestedSchema,
  summary: 'A destruction request for a person\'s data was received; its 3-month clock started.',
} as const;
export const erasureDeadlineApproachingContract = {
  ...base,
  type: ERASURE_DEADLINE_APPROACHING,
  schema: erasureDeadlineApproachingSchema,
  summary: 'A destruction request is near its deadline and the person\'s data is not erased yet.',
} as const;
export const erasureDeadlineBreachedContract = {
  ...base,
  type: ERASURE_DEADLINE_BREACHED,
  schema: erasureDeadlineBreachedSchema,
  summary: 'A destruction request passed its deadline before the person\'s data was erased.',
} as const;
export const personDataErasedContract = {
  ...base,
  type: PERSON_DATA_ERASED,
  schema: personDataErasedSchema,
  summary: 'A person\'s data key was destroyed: their data is unreadable everywhere, in every replay.',
} as const;

/**
 * The household's own data key was destroyed in every service: all free text about the household as a whole
 * (an assessment's reasoning, safety conditions, monitoring reasons, a phase change's explanation, crisis notes
 * …; ADR 0020) is unreadable in every record, table, replay and rebuild. The retention job records it once it
 * has erased every person of the dossier; a privacy officer may record it for a dossier that must go
 * (`onrechtmatig-verwerkt`, `rechterlijke-uitspraak`).
 */
export interface HouseholdDataErasedData {
  erasureId: string;
  householdId: string;
  erasedAt: string;
  reason: ErasureReason;
  legalBasis: string;
  actor: string;
}

export const householdDataErasedSchema = {
  $id: 'urn:vt:schema:privacy.HouseholdDataErased.v1',
  type: 'object',
  required: ['erasureId', 'householdId', 'erasedAt', 'reason', 'legalBasis', 'actor'],
  additionalProperties: false,
  properties: {
    erasureId: uuidSchema,
    householdId: uuidSchema,
    erasedAt: timestampSchema,
    reason: { enum: [...ERASURE_REASONS] },
    legalBasis: { type: 'string', minLength: 1 },
    actor: actorSchema,
  },
} as const;

export const householdDataErasedContract = {
  ...base,
  type: HOUSEHOLD_DATA_ERASED,
  schema: householdDataErasedSchema,
  summary: "The household's own data key was destroyed: free text about the household as a whole is unreadable everywhere, in every replay.",
} as const;
