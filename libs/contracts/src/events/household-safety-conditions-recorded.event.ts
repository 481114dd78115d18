import { EncryptedText, encryptedTextSchema } from '../personal-data';
import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

/** Superseded by `SAFETY_CONDITIONS_RECORDED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `SAFETY_CONDITIONS_RECORDED_V2`, and the outbox refuses this type. */
export const SAFETY_CONDITIONS_RECORDED = 'nl.veiligthuis.household.SafetyConditionsRecorded.v1' as const;
/** The newest version: the conditions only encrypted (ADR 0020). */
export const SAFETY_CONDITIONS_RECORDED_V2 = 'nl.veiligthuis.household.SafetyConditionsRecorded.v2' as const;

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
  summary: 'The safety conditions (veiligheidsvoorwaarden) of the household were set and handed over to the named parties (v1: conditions in clear; superseded by v2).',
  supersededBy: SAFETY_CONDITIONS_RECORDED_V2,
} as const;

/**
 * v2: as v1, but the conditions are free text about the household and travel only encrypted, as one list
 * (`{ items }`) under the household's data key in safety-investigation's key table (ADR 0020); `conditionCount`
 * says how many there are.
 */
export interface SafetyConditionsRecordedV2Data extends Omit<SafetyConditionsRecordedData, 'conditions'> {
  /** Always present when written as v2; absent only on a v1 record read through the upcaster. */
  conditions?: EncryptedText;
  conditionCount: number;
}

const { conditions: _conditionsV1, ...conditionsPropertiesV1 } = safetyConditionsRecordedSchema.properties;

export const safetyConditionsRecordedV2Schema = {
  $id: 'urn:vt:schema:household.SafetyConditionsRecorded.v2',
  type: 'object',
  required: ['householdId', 'conditions', 'conditionCount', 'handedOverTo', 'recordedAt', 'actor'],
  additionalProperties: false,
  properties: { ...conditionsPropertiesV1, conditions: encryptedTextSchema, conditionCount: { type: 'integer', minimum: 1 } },
} as const;

export const safetyConditionsRecordedV2Contract = {
  type: SAFETY_CONDITIONS_RECORDED_V2,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: safetyConditionsRecordedV2Schema,
  summary: 'The safety conditions (veiligheidsvoorwaarden) of the household were set (encrypted under the household\'s key) and handed over to the named parties.',
} as const;

/** v1 → v2: the count of the conditions; their clear text is not carried over. */
export function upcastSafetyConditionsRecordedV1(data: SafetyConditionsRecordedData): SafetyConditionsRecordedV2Data {
  const { conditions, ...rest } = data;
  return { ...rest, conditionCount: conditions.length };
}
