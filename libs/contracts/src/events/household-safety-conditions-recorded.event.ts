import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

export const SAFETY_CONDITIONS_RECORDED = 'nl.veiligthuis.household.SafetyConditionsRecorded.v1' as const;

/** The parties conditions are handed over to are named by id (a partner id, `household`), never by a person's name. */
export const HANDOVER_PARTY_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

/**
 * The veiligheidsvoorwaarden (minimum safety conditions) for the household were set, and handed over to
 * the parties that watch over them. A later recording replaces the earlier one.
 */
export interface SafetyConditionsRecordedData {
  householdId: string;
  conditions: string[];
  handedOverTo: string[];
  recordedAt: string;
  actor: string;
}

export const safetyConditionsRecordedSchema = {
  $id: 'urn:vt:schema:household.SafetyConditionsRecorded.v1',
  type: 'object',
  required: ['householdId', 'conditions', 'handedOverTo', 'recordedAt', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    conditions: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    handedOverTo: { type: 'array', items: { type: 'string', pattern: HANDOVER_PARTY_PATTERN } },
    recordedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const safetyConditionsRecordedContract = {
  type: SAFETY_CONDITIONS_RECORDED,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: safetyConditionsRecordedSchema,
  summary: 'The safety conditions (veiligheidsvoorwaarden) of the household were set and handed over to the named parties.',
} as const;
