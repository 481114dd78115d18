import { TOPICS } from '../topics';
import { actorSchema, PERSON_ROLES, PersonRole, timestampSchema, uuidSchema } from './common';

/*
 * Informing the persons whose data Veilig Thuis received from others (Wmo 2015 art. 5.3.1 as DOMAIN.md states
 * it): within 4 weeks of recording, extendable by 2 weeks at a time with a recorded reason. Each involved person
 * of a melding has a clock of their own (`informeren-betrokkenen`, `DeadlineStarted.personId`); recording that
 * the person was informed, or the legal ground for not informing them, meets that person's running clocks
 * (`DeadlineMet`, caused by this fact). Crisis-triage records both, on `vt.triage.assessments.v1`.
 */
export const INVOLVED_PERSON_INFORMED = 'nl.veiligthuis.triage.InvolvedPersonInformed.v1' as const;
export const INFORMING_WITHHELD = 'nl.veiligthuis.triage.InformingWithheld.v1' as const;

/** How the person was told. */
export const INFORMING_METHODS = ['gesprek', 'huisbezoek', 'telefonisch', 'brief', 'e-mail', 'via-wettelijk-vertegenwoordiger'] as const;
export type InformingMethod = (typeof INFORMING_METHODS)[number];

/**
 * The grounds on which informing may be left out, as codes. Which lid of art. 5.3.1 (or which other article)
 * carries each ground is configuration with its `[verify]` note (the legal-basis configuration), not a
 * constant here; the event records the basis that was applied.
 */
export const INFORMING_WITHHELD_GROUNDS = ['bescherming-betrokkene', 'rechten-en-vrijheden-van-anderen', 'voorkomen-strafbare-feiten'] as const;
export type InformingWithheldGround = (typeof INFORMING_WITHHELD_GROUNDS)[number];

/** Which clocks a recording met: the person's running `informeren-betrokkenen` clocks started before it. */
export interface MetClock {
  timerId: string;
  /** The melding whose recording started the clock. */
  subjectId: string;
  dueAt: string;
  /** False when the clock had already passed its due date (it stays breached; the work is recorded as done late). */
  inTime: boolean;
}

/** A person involved was informed that Veilig Thuis recorded data about them: by whom, when and how. */
export interface InvolvedPersonInformedData {
  informingId: string;
  householdId: string;
  personId: string;
  role: PersonRole;
  /** When the person was told (not in the future; not before the first clock started). */
  informedAt: string;
  method: InformingMethod;
  /** Who told them: `user:<subject>` of the professional. */
  informedBy: string;
  metClocks: MetClock[];
  recordedAt: string;
  /** Who recorded it. */
  actor: string;
}

/** Informing a person was left out on a recorded legal ground (never free text: the ground is a code). */
export interface InformingWithheldData {
  informingId: string;
  householdId: string;
  personId: string;
  role: PersonRole;
  ground: InformingWithheldGround;
  legalBasis: string;
  decidedAt: string;
  metClocks: MetClock[];
  recordedAt: string;
  actor: string;
}

const metClocksSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['timerId', 'subjectId', 'dueAt', 'inTime'],
    additionalProperties: false,
    properties: { timerId: uuidSchema, subjectId: uuidSchema, dueAt: timestampSchema, inTime: { type: 'boolean' } },
  },
} as const;

export const involvedPersonInformedSchema = {
  $id: 'urn:vt:schema:triage.InvolvedPersonInformed.v1',
  type: 'object',
  required: ['informingId', 'householdId', 'personId', 'role', 'informedAt', 'method', 'informedBy', 'metClocks', 'recordedAt', 'actor'],
  additionalProperties: false,
  properties: {
    informingId: uuidSchema,
    householdId: uuidSchema,
    personId: uuidSchema,
    role: { enum: [...PERSON_ROLES] },
    informedAt: timestampSchema,
    method: { enum: [...INFORMING_METHODS] },
    informedBy: actorSchema,
    metClocks: metClocksSchema,
    recordedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const informingWithheldSchema = {
  $id: 'urn:vt:schema:triage.InformingWithheld.v1',
  type: 'object',
  required: ['informingId', 'householdId', 'personId', 'role', 'ground', 'legalBasis', 'decidedAt', 'metClocks', 'recordedAt', 'actor'],
  additionalProperties: false,
  properties: {
    informingId: uuidSchema,
    householdId: uuidSchema,
    personId: uuidSchema,
    role: { enum: [...PERSON_ROLES] },
    ground: { enum: [...INFORMING_WITHHELD_GROUNDS] },
    legalBasis: { type: 'string', minLength: 1, maxLength: 300 },
    decidedAt: timestampSchema,
    metClocks: metClocksSchema,
    recordedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const involvedPersonInformedContract = {
  type: INVOLVED_PERSON_INFORMED,
  address: TOPICS.triageAssessments,
  producer: 'crisis-triage',
  schema: involvedPersonInformedSchema,
  summary: 'A person involved was informed that Veilig Thuis recorded data about them (who, when, how); their informing clocks are met.',
} as const;

export const informingWithheldContract = {
  type: INFORMING_WITHHELD,
  address: TOPICS.triageAssessments,
  producer: 'crisis-triage',
  schema: informingWithheldSchema,
  summary: 'Informing a person involved was left out on a recorded legal ground; their informing clocks are met.',
} as const;
