import { EncryptedText, encryptedTextSchema } from '../personal-data';
import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

/** Superseded by `MONITORING_RESULT_RECORDED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `MONITORING_RESULT_RECORDED_V2`, and the outbox refuses this type. */
export const MONITORING_RESULT_RECORDED = 'nl.veiligthuis.household.MonitoringResultRecorded.v1' as const;
/** The newest version: the reason only encrypted (ADR 0020). */
export const MONITORING_RESULT_RECORDED_V2 = 'nl.veiligthuis.household.MonitoringResultRecorded.v2' as const;

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
  summary: 'A monitoring result was recorded, saying whether the household\'s safety is stable and why (v1: reason in clear; superseded by v2).',
  supersededBy: MONITORING_RESULT_RECORDED_V2,
} as const;

/** v2: as v1, but the reason is free text about the household and travels only encrypted under the household's key (ADR 0020). */
export interface MonitoringResultRecordedV2Data extends Omit<MonitoringResultRecordedData, 'reason'> {
  /** Always present when written as v2; absent only on a v1 record read through the upcaster. */
  reason?: EncryptedText;
}

const { reason: _reasonV1, ...resultPropertiesV1 } = monitoringResultRecordedSchema.properties;

export const monitoringResultRecordedV2Schema = {
  $id: 'urn:vt:schema:household.MonitoringResultRecorded.v2',
  type: 'object',
  required: ['householdId', 'stable', 'reason', 'recordedAt', 'actor'],
  additionalProperties: false,
  properties: { ...resultPropertiesV1, reason: encryptedTextSchema },
} as const;

export const monitoringResultRecordedV2Contract = {
  type: MONITORING_RESULT_RECORDED_V2,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: monitoringResultRecordedV2Schema,
  summary: 'A monitoring result was recorded, saying whether the household\'s safety is stable, and why (encrypted under the household\'s key).',
} as const;

/** v1 → v2: everything but the clear-text reason. */
export function upcastMonitoringResultRecordedV1(data: MonitoringResultRecordedData): MonitoringResultRecordedV2Data {
  const { reason: _clearText, ...rest } = data;
  return rest;
}
