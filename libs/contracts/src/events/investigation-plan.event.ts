import { encryptedPersonDataSchema, EncryptedPersonData } from '../personal-data';
import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

export const INVESTIGATION_STEP_PLANNED = 'nl.veiligthuis.investigation.InvestigationStepPlanned.v1' as const;
export const INVESTIGATION_STEP_COMPLETED = 'nl.veiligthuis.investigation.InvestigationStepCompleted.v1' as const;
export const INVESTIGATION_FINDING_RECORDED = 'nl.veiligthuis.investigation.InvestigationFindingRecorded.v1' as const;

/**
 * A step of the investigation plan: a conversation (gesprek) with a person of the household, a home
 * visit (huisbezoek), or a request for information from a third party (informatie-derden).
 */
export const INVESTIGATION_STEP_KINDS = ['gesprek', 'huisbezoek', 'informatie-derden'] as const;
export type InvestigationStepKind = (typeof INVESTIGATION_STEP_KINDS)[number];

/** A third party is named by kind or partner id (`huisarts`, `school`, `politie`), never by a person's name. */
export const THIRD_PARTY_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

/**
 * A step was added to the plan of the household's investigation. `personId` for a gesprek (a person of
 * the household); `thirdParty` and `legalBasis` (required) for informatie-derden: every request for
 * information carries the ground on which VT may ask it.
 */
export interface InvestigationStepPlannedData {
  investigationId: string;
  householdId: string;
  stepId: string;
  kind: InvestigationStepKind;
  personId?: string;
  thirdParty?: string;
  legalBasis?: string;
  plannedAt: string;
  actor: string;
}

export const investigationStepPlannedSchema = {
  $id: 'urn:vt:schema:investigation.InvestigationStepPlanned.v1',
  type: 'object',
  required: ['investigationId', 'householdId', 'stepId', 'kind', 'plannedAt', 'actor'],
  additionalProperties: false,
  properties: {
    investigationId: uuidSchema,
    householdId: uuidSchema,
    stepId: uuidSchema,
    kind: { enum: [...INVESTIGATION_STEP_KINDS] },
    personId: uuidSchema,
    thirdParty: { type: 'string', pattern: THIRD_PARTY_PATTERN },
    legalBasis: { type: 'string', minLength: 1, maxLength: 200 },
    plannedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const investigationStepPlannedContract = {
  type: INVESTIGATION_STEP_PLANNED,
  address: TOPICS.investigations,
  producer: 'safety-investigation',
  schema: investigationStepPlannedSchema,
  summary: 'A step (gesprek, huisbezoek, or informatie-derden with its legal basis) was added to the plan of an investigation.',
} as const;

/** A planned step was carried out. What it brought to light is recorded as findings per person. */
export interface InvestigationStepCompletedData {
  investigationId: string;
  householdId: string;
  stepId: string;
  completedAt: string;
  actor: string;
}

export const investigationStepCompletedSchema = {
  $id: 'urn:vt:schema:investigation.InvestigationStepCompleted.v1',
  type: 'object',
  required: ['investigationId', 'householdId', 'stepId', 'completedAt', 'actor'],
  additionalProperties: false,
  properties: {
    investigationId: uuidSchema,
    householdId: uuidSchema,
    stepId: uuidSchema,
    completedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const investigationStepCompletedContract = {
  type: INVESTIGATION_STEP_COMPLETED,
  address: TOPICS.investigations,
  producer: 'safety-investigation',
  schema: investigationStepCompletedSchema,
  summary: 'A planned step of an investigation was carried out.',
} as const;

/**
 * A finding about one person of the household. The finding is personal data about that person: its text
 * is encrypted under that person's data key (`finding.personId` equals `personId`); destroying the key
 * erases it everywhere. `stepId` names the step it came from, when it came from one.
 */
export interface InvestigationFindingRecordedData {
  investigationId: string;
  householdId: string;
  findingId: string;
  personId: string;
  stepId?: string;
  finding: EncryptedPersonData;
  recordedAt: string;
  actor: string;
}

const { $id: _encryptedId, title: _encryptedTitle, ...encryptedPersonDataShape } = encryptedPersonDataSchema;

export const investigationFindingRecordedSchema = {
  $id: 'urn:vt:schema:investigation.InvestigationFindingRecorded.v1',
  type: 'object',
  required: ['investigationId', 'householdId', 'findingId', 'personId', 'finding', 'recordedAt', 'actor'],
  additionalProperties: false,
  properties: {
    investigationId: uuidSchema,
    householdId: uuidSchema,
    findingId: uuidSchema,
    personId: uuidSchema,
    stepId: uuidSchema,
    finding: encryptedPersonDataShape,
    recordedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const investigationFindingRecordedContract = {
  type: INVESTIGATION_FINDING_RECORDED,
  address: TOPICS.investigations,
  producer: 'safety-investigation',
  schema: investigationFindingRecordedSchema,
  summary: 'A finding about one person of the household was recorded, encrypted under that person\'s data key.',
} as const;
