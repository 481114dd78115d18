import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

export const MONITORING_RESULT_RECORDED = 'nl.veiligthuis.household.MonitoringResultRecorded.v1' as const;

/** What follows a result that is not stable: back to directe veiligheid, or a new veiligheidsbeoordeling. */
export const MONITORING_FOLLOW_UPS = ['directe-veiligheid', 'new-assessment'] as const;
export type MonitoringFollowUp = (typeof MONITORING_FOLLOW_UPS)[number];

/**
 * Monitoring checked with the household and partners whether safety is stable; the latest result counts.
 * `monitoringId` when it answers a check-in of a running monitoring period; `followUp` for a result that
 * is not stable.
 */
export interface MonitoringResultRecordedData {
  householdId: string;
  monitoringId?: string;
  stable: boolean;
  reason: string;
  followUp?: MonitoringFollowUp;
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
    monitoringId: uuidSchema,
    stable: { type: 'boolean' },
    reason: { type: 'string', minLength: 1 },
    followUp: { enum: [...MONITORING_FOLLOW_UPS] },
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
