import { TOPICS } from '../topics';
import { actorSchema, gemeenteCodeSchema, PersonRef, personRefSchema, timestampSchema, uuidSchema } from './common';

export const ACUTE_CHECK_COMPLETED = 'nl.veiligthuis.triage.AcuteCheckCompleted.v1' as const;

/** Crisis triage judged a melding for acute unsafety, under a named version of its rule set. */
export interface AcuteCheckCompletedData {
  checkId: string;
  meldingId: string;
  householdId: string;
  /** Absent for an island household. */
  gemeenteCode?: string;
  acute: boolean;
  grounds: string[];
  ruleSetVersion: string;
  persons: PersonRef[];
  checkedAt: string;
  actor: string;
}

export const acuteCheckCompletedSchema = {
  $id: 'urn:vt:schema:triage.AcuteCheckCompleted.v1',
  type: 'object',
  required: ['checkId', 'meldingId', 'householdId', 'acute', 'grounds', 'ruleSetVersion', 'persons', 'checkedAt', 'actor'],
  additionalProperties: false,
  properties: {
    checkId: uuidSchema,
    meldingId: uuidSchema,
    householdId: uuidSchema,
    gemeenteCode: gemeenteCodeSchema,
    acute: { type: 'boolean' },
    grounds: { type: 'array', items: { type: 'string' } },
    ruleSetVersion: { type: 'string', minLength: 1 },
    persons: { type: 'array', minItems: 1, items: personRefSchema },
    checkedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const acuteCheckCompletedContract = {
  type: ACUTE_CHECK_COMPLETED,
  address: TOPICS.triageAssessments,
  producer: 'crisis-triage',
  schema: acuteCheckCompletedSchema,
  summary: 'Crisis triage checked a melding for acute unsafety and recorded its grounds and rule-set version.',
} as const;
