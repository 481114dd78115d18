import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

export const MONITORING_RESULT_RECORDED = 'nl.veiligthuis.household.MonitoringResultRecorded.v1' as const;

/** Monitoring checked with the household and partners whether safety is stable; the latest result counts. */
export interface MonitoringResultRecordedData {
  householdId: string;
  stable: boolean;
  reason: string;
  recordedAt: string;
  actor: string;
}

export const monitoringResultRecordedSchema = {
  $id: 'urn:vt:schema:household.MonitoringResultRecorded.v1',
  type: 'object',
  required: ['householdId', 'stable', 'reason', 'recordedAt', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    stable: { type: 'boolean' },
    reason: { type: 'string', minLength: 1 },
    recordedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const monitoringResultRecordedContract = {
  type: MONITORING_RESULT_RECORDED,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: monitoringResultRecordedSchema,
  summary: 'A monitoring result was recorded, saying whether the household\'s safety is stable and why.',
} as const;
