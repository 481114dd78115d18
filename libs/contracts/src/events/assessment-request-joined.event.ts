import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

/** Superseded by `ASSESSMENT_REQUEST_JOINED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `ASSESSMENT_REQUEST_JOINED_V2`, and the outbox refuses this type. */
export const ASSESSMENT_REQUEST_JOINED = 'nl.veiligthuis.triage.AssessmentRequestJoined.v1' as const;
/** The newest version: without the request's reason (ADR 0020). */
export const ASSESSMENT_REQUEST_JOINED_V2 = 'nl.veiligthuis.triage.AssessmentRequestJoined.v2' as const;

/**
 * Monitoring asked for a new veiligheidsbeoordeling (`NewAssessmentRequested`, its event id as
 * `requestId`) while the household's veiligheidsbeoordeling was still open: the request joined that
 * open assessment (`joinedSubjectId`: a melding id, or an earlier request's event id) instead of
 * opening a second one with a second clock (docs/adr/0013). The request is answered when that
 * assessment is completed.
 */
export interface AssessmentRequestJoinedData {
  householdId: string;
  requestId: string;
  monitoringId?: string;
  reason: string;
  requestedAt: string;
  joinedSubjectId: string;
  joinedAt: string;
  actor: string;
}

export const assessmentRequestJoinedSchema = {
  $id: 'urn:vt:schema:triage.AssessmentRequestJoined.v1',
  type: 'object',
  required: ['householdId', 'requestId', 'reason', 'requestedAt', 'joinedSubjectId', 'joinedAt', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    requestId: uuidSchema,
    monitoringId: uuidSchema,
    reason: { type: 'string', minLength: 1 },
    requestedAt: timestampSchema,
    joinedSubjectId: uuidSchema,
    joinedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const assessmentRequestJoinedContract = {
  type: ASSESSMENT_REQUEST_JOINED,
  address: TOPICS.triageAssessments,
  producer: 'crisis-triage',
  schema: assessmentRequestJoinedSchema,
  summary: 'A requested veiligheidsbeoordeling joined the household’s open one instead of opening a second (v1: repeats the reason in clear; superseded by v2).',
  supersededBy: ASSESSMENT_REQUEST_JOINED_V2,
} as const;

/**
 * v2: as v1 without `reason`. The reason is the investigator's free text; it stays (encrypted) with the
 * request itself, `NewAssessmentRequested` (event id `requestId`), and is not repeated here (ADR 0020).
 */
export type AssessmentRequestJoinedV2Data = Omit<AssessmentRequestJoinedData, 'reason'>;

const { reason: _reasonV1, ...joinedPropertiesV1 } = assessmentRequestJoinedSchema.properties;

export const assessmentRequestJoinedV2Schema = {
  $id: 'urn:vt:schema:triage.AssessmentRequestJoined.v2',
  type: 'object',
  required: ['householdId', 'requestId', 'requestedAt', 'joinedSubjectId', 'joinedAt', 'actor'],
  additionalProperties: false,
  properties: joinedPropertiesV1,
} as const;

export const assessmentRequestJoinedV2Contract = {
  type: ASSESSMENT_REQUEST_JOINED_V2,
  address: TOPICS.triageAssessments,
  producer: 'crisis-triage',
  schema: assessmentRequestJoinedV2Schema,
  summary: 'A requested veiligheidsbeoordeling joined the household’s open one instead of opening a second.',
} as const;

/** v1 → v2: the reason is dropped (it belongs to the request). */
export function upcastAssessmentRequestJoinedV1(data: AssessmentRequestJoinedData): AssessmentRequestJoinedV2Data {
  const { reason: _clearText, ...rest } = data;
  return rest;
}
