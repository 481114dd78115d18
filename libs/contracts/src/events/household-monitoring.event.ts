import { EncryptedText, encryptedTextSchema } from '../personal-data';
import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

export const MONITORING_STARTED = 'nl.veiligthuis.household.MonitoringStarted.v1' as const;
export const MONITORING_CHECK_IN_DUE = 'nl.veiligthuis.household.MonitoringCheckInDue.v1' as const;
export const MONITORING_CHECK_IN_OVERDUE = 'nl.veiligthuis.household.MonitoringCheckInOverdue.v1' as const;
export const SUSTAINABLE_SAFETY_CONFIRMED = 'nl.veiligthuis.household.SustainableSafetyConfirmed.v1' as const;
/** Superseded by `NEW_ASSESSMENT_REQUESTED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `NEW_ASSESSMENT_REQUESTED_V2`, and the outbox refuses this type. */
export const NEW_ASSESSMENT_REQUESTED = 'nl.veiligthuis.household.NewAssessmentRequested.v1' as const;
/** The newest version: the reason only encrypted (ADR 0020). */
export const NEW_ASSESSMENT_REQUESTED_V2 = 'nl.veiligthuis.household.NewAssessmentRequested.v2' as const;

/**
 * Safety conditions were recorded, so monitoring (Voorwaarden & Vervolg) started: check-ins at an
 * interval over a period, both configured per VT region (`config/monitoring.json`, version
 * `configVersion`). A later recording of conditions starts a new period that replaces this one.
 */
export interface MonitoringStartedData {
  householdId: string;
  monitoringId: string;
  /**
   * The VT region whose configuration applies (`vt-amsterdam-amstelland`, `vt-bq-bonaire`: a key of
   * `config/monitoring.json` `regions`), or `default` when the household's region has no entry of its own.
   */
  region: string;
  configVersion: string;
  interval: string;
  duration: string;
  checkInsDueAt: string[];
  startedAt: string;
  endsAt: string;
  actor: string;
}

export const monitoringStartedSchema = {
  $id: 'urn:vt:schema:household.MonitoringStarted.v1',
  type: 'object',
  required: ['householdId', 'monitoringId', 'region', 'configVersion', 'interval', 'duration', 'checkInsDueAt', 'startedAt', 'endsAt', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    monitoringId: uuidSchema,
    region: { type: 'string', minLength: 1 },
    configVersion: { type: 'string', minLength: 1 },
    interval: { type: 'string', pattern: '^P' },
    duration: { type: 'string', pattern: '^P' },
    checkInsDueAt: { type: 'array', minItems: 1, items: timestampSchema },
    startedAt: timestampSchema,
    endsAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const monitoringStartedContract = {
  type: MONITORING_STARTED,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: monitoringStartedSchema,
  summary: 'Monitoring of the safety conditions started, with its check-ins at the interval and for the period configured for the region.',
} as const;

/** A monitoring check-in fell due: VT now checks with the household and partners whether safety is stable. */
export interface MonitoringCheckInDueData {
  householdId: string;
  monitoringId: string;
  /** 1 for the first check-in of the period. */
  checkIn: number;
  of: number;
  dueAt: string;
  actor: string;
}

export const monitoringCheckInDueSchema = {
  $id: 'urn:vt:schema:household.MonitoringCheckInDue.v1',
  type: 'object',
  required: ['householdId', 'monitoringId', 'checkIn', 'of', 'dueAt', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    monitoringId: uuidSchema,
    checkIn: { type: 'integer', minimum: 1 },
    of: { type: 'integer', minimum: 1 },
    dueAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const monitoringCheckInDueContract = {
  type: MONITORING_CHECK_IN_DUE,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: monitoringCheckInDueSchema,
  summary: 'A monitoring check-in fell due.',
} as const;

/**
 * A monitoring check-in fell due and no result answered it within the time the region allows
 * (`answerWithin`, config/monitoring.json): nobody knows whether safety is stable. Announced once per
 * check-in, while the period runs; the period cannot confirm sustainable safety until results make up for it.
 */
export interface MonitoringCheckInOverdueData {
  householdId: string;
  monitoringId: string;
  checkIn: number;
  of: number;
  dueAt: string;
  /** ISO 8601 duration after `dueAt` within which a result was expected. */
  answerWithin: string;
  overdueAt: string;
  /** Stable results recorded in the period so far (fewer than `checkIn`). */
  resultsRecorded: number;
  actor: string;
}

export const monitoringCheckInOverdueSchema = {
  $id: 'urn:vt:schema:household.MonitoringCheckInOverdue.v1',
  type: 'object',
  required: ['householdId', 'monitoringId', 'checkIn', 'of', 'dueAt', 'answerWithin', 'overdueAt', 'resultsRecorded', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    monitoringId: uuidSchema,
    checkIn: { type: 'integer', minimum: 1 },
    of: { type: 'integer', minimum: 1 },
    dueAt: timestampSchema,
    answerWithin: { type: 'string', pattern: '^P' },
    overdueAt: timestampSchema,
    resultsRecorded: { type: 'integer', minimum: 0 },
    actor: actorSchema,
  },
} as const;

export const monitoringCheckInOverdueContract = {
  type: MONITORING_CHECK_IN_OVERDUE,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: monitoringCheckInOverdueSchema,
  summary: 'A monitoring check-in went unanswered longer than the region allows.',
} as const;

/**
 * Safety stayed stable over the whole monitoring period: every check-in fell due and was answered by a
 * stable result, and none was unstable. The phase workflow moves a household in duurzame veiligheid on to herstel.
 */
export interface SustainableSafetyConfirmedData {
  householdId: string;
  monitoringId: string;
  checkIns: number;
  stableResults: number;
  startedAt: string;
  confirmedAt: string;
  actor: string;
}

export const sustainableSafetyConfirmedSchema = {
  $id: 'urn:vt:schema:household.SustainableSafetyConfirmed.v1',
  type: 'object',
  required: ['householdId', 'monitoringId', 'checkIns', 'stableResults', 'startedAt', 'confirmedAt', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    monitoringId: uuidSchema,
    checkIns: { type: 'integer', minimum: 1 },
    stableResults: { type: 'integer', minimum: 1 },
    startedAt: timestampSchema,
    confirmedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const sustainableSafetyConfirmedContract = {
  type: SUSTAINABLE_SAFETY_CONFIRMED,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: sustainableSafetyConfirmedSchema,
  summary: 'Safety stayed stable over the whole monitoring period: sustainable safety is confirmed.',
} as const;

/**
 * Monitoring found safety not stable and the investigator asked for a new veiligheidsbeoordeling
 * instead of sending the household back to directe veiligheid. Crisis-triage opens the new assessment
 * (with its own veiligheidsbeoordeling clock from `requestedAt`) under this event's id.
 */
export interface NewAssessmentRequestedData {
  householdId: string;
  monitoringId?: string;
  reason: string;
  requestedAt: string;
  actor: string;
}

export const newAssessmentRequestedSchema = {
  $id: 'urn:vt:schema:household.NewAssessmentRequested.v1',
  type: 'object',
  required: ['householdId', 'reason', 'requestedAt', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    monitoringId: uuidSchema,
    reason: { type: 'string', minLength: 1 },
    requestedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const newAssessmentRequestedContract = {
  type: NEW_ASSESSMENT_REQUESTED,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: newAssessmentRequestedSchema,
  summary: 'Monitoring found safety not stable, and a new veiligheidsbeoordeling was requested (v1: reason in clear; superseded by v2).',
  supersededBy: NEW_ASSESSMENT_REQUESTED_V2,
} as const;

/**
 * v2: as v1, but the reason is free text about the household and travels only encrypted under the household's
 * key in safety-investigation's key table (ADR 0020). Triage reads it from the household record, not the log.
 */
export interface NewAssessmentRequestedV2Data extends Omit<NewAssessmentRequestedData, 'reason'> {
  /** Always present when written as v2; absent only on a v1 record read through the upcaster. */
  reason?: EncryptedText;
}

const { reason: _reasonV1, ...requestPropertiesV1 } = newAssessmentRequestedSchema.properties;

export const newAssessmentRequestedV2Schema = {
  $id: 'urn:vt:schema:household.NewAssessmentRequested.v2',
  type: 'object',
  required: ['householdId', 'reason', 'requestedAt', 'actor'],
  additionalProperties: false,
  properties: { ...requestPropertiesV1, reason: encryptedTextSchema },
} as const;

export const newAssessmentRequestedV2Contract = {
  type: NEW_ASSESSMENT_REQUESTED_V2,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: newAssessmentRequestedV2Schema,
  summary: 'Monitoring found safety not stable, and a new veiligheidsbeoordeling was requested (the reason encrypted under the household\'s key).',
} as const;

/** v1 → v2: everything but the clear-text reason. */
export function upcastNewAssessmentRequestedV1(data: NewAssessmentRequestedData): NewAssessmentRequestedV2Data {
  const { reason: _clearText, ...rest } = data;
  return rest;
}
