import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

export const ASSESSMENT_REQUEST_JOINED = 'nl.veiligthuis.triage.AssessmentRequestJoined.v1' as const;

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
  summary: 'A requested veiligheidsbeoordeling joined the household’s open one instead of opening a second.',
} as const;
