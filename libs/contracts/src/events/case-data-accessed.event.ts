import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

/** Superseded by `CASE_DATA_ACCESSED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `CASE_DATA_ACCESSED_V2`, and the outbox refuses this type. */
export const CASE_DATA_ACCESSED = 'nl.veiligthuis.audit.CaseDataAccessed.v1' as const;
/** The newest version: the purpose as a code, and every service's reads (ADR 0020, ADR 0017). */
export const CASE_DATA_ACCESSED_V2 = 'nl.veiligthuis.audit.CaseDataAccessed.v2' as const;

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
  /** Every service records the reads of the case data it holds (ADR 0017). */
  producer: ['intake', 'crisis-triage', 'safety-investigation', 'referral'],
  schema: caseDataAccessedSchema,
  summary: 'Someone read case data: who, when, which case, why, and which fields (v1: the purpose as free text; superseded by v2).',
  supersededBy: CASE_DATA_ACCESSED_V2,
} as const;

/**
 * Why case data is read, as a code (`X-Access-Purpose`). A code, never free text: the access log is kept for
 * as long as the dossier and a sentence typed there could name anyone (ADR 0020).
 */
export const ACCESS_PURPOSES = [
  'registratie',
  'veiligheidsbeoordeling',
  'crisisinterventie',
  'onderzoek',
  'monitoring',
  'overdracht',
  'terugkoppeling',
  'informeren-betrokkenen',
  'privacyverzoek',
  'toezicht',
  'klachtbehandeling',
  'juridische-procedure',
] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];

/** What was read: a melding, an adviesvraag, or a part of a household's record held by one of the services. */
export const ACCESSED_SUBJECTS_V2 = ['melding', 'adviesvraag', 'household', 'investigation', 'huisverbod', 'deadlines', 'assessment', 'crisis-intervention', 'referral', 'radar', 'shelter-placement'] as const;
export type AccessedSubject = (typeof ACCESSED_SUBJECTS_V2)[number];

/** v2: as v1, with `purpose` a code of `ACCESS_PURPOSES` and the wider list of subjects every service reads. */
export interface CaseDataAccessedV2Data extends Omit<CaseDataAccessedData, 'purpose' | 'subject'> {
  subject: { kind: AccessedSubject; id: string };
  /** Always present when written as v2; absent only on a v1 record read through the upcaster (its free text is not carried over). */
  purpose?: AccessPurpose;
}

export const caseDataAccessedV2Schema = {
  $id: 'urn:vt:schema:audit.CaseDataAccessed.v2',
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
      properties: { kind: { enum: [...ACCESSED_SUBJECTS_V2] }, id: uuidSchema },
    },
    service: { type: 'string', minLength: 1 },
    purpose: { enum: [...ACCESS_PURPOSES] },
    fields: { type: 'array', items: { type: 'string' } },
    accessedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const caseDataAccessedV2Contract = {
  type: CASE_DATA_ACCESSED_V2,
  address: TOPICS.auditAccess,
  /** Every service records the reads of the case data it holds (ADR 0017); shelter placement its placements' (docs/adr/0040). */
  producer: ['intake', 'crisis-triage', 'safety-investigation', 'referral', 'shelter-placement'],
  schema: caseDataAccessedV2Schema,
  summary: 'Someone read case data: who, when, which case, for which purpose (a code), and which fields.',
} as const;

/** v1 → v2: everything but the free-text purpose. */
export function upcastCaseDataAccessedV1(data: CaseDataAccessedData): CaseDataAccessedV2Data {
  const { purpose: _freeText, ...rest } = data;
  return rest;
}
