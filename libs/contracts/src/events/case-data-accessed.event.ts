import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

export const CASE_DATA_ACCESSED = 'nl.veiligthuis.audit.CaseDataAccessed.v1' as const;

export const ACCESSED_SUBJECTS = ['melding', 'adviesvraag', 'household'] as const;

/** Someone read case data: who, when, which case, why, and which fields the answer held. */
export interface CaseDataAccessedData {
  accessId: string;
  householdId: string;
  subject: { kind: (typeof ACCESSED_SUBJECTS)[number]; id: string };
  service: string;
  purpose: string;
  fields: string[];
  accessedAt: string;
  actor: string;
}

export const caseDataAccessedSchema = {
  $id: 'urn:vt:schema:audit.CaseDataAccessed.v1',
  type: 'object',
  required: ['accessId', 'householdId', 'subject', 'service', 'purpose', 'fields', 'accessedAt', 'actor'],
  additionalProperties: false,
  properties: {
    accessId: uuidSchema,
    householdId: uuidSchema,
    subject: {
      type: 'object',
      required: ['kind', 'id'],
      additionalProperties: false,
      properties: { kind: { enum: [...ACCESSED_SUBJECTS] }, id: uuidSchema },
    },
    service: { type: 'string', minLength: 1 },
    purpose: { type: 'string', minLength: 1, maxLength: 500 },
    fields: { type: 'array', items: { type: 'string' } },
    accessedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const caseDataAccessedContract = {
  type: CASE_DATA_ACCESSED,
  address: TOPICS.auditAccess,
  /** Every service that answers reads of case data records them (docs/adr/0017). */
  producer: ['intake', 'crisis-triage', 'safety-investigation'],
  schema: caseDataAccessedSchema,
  summary: 'Someone read case data: who, when, which case, why, and which fields.',
} as const;
