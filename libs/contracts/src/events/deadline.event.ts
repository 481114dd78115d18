import { EncryptedText, encryptedTextSchema } from '../personal-data';
import { TOPICS } from '../topics';
import { timestampSchema, uuidSchema } from './common';

export const DEADLINE_STARTED = 'nl.veiligthuis.triage.DeadlineStarted.v1' as const;
export const DEADLINE_APPROACHING = 'nl.veiligthuis.triage.DeadlineApproaching.v1' as const;
export const DEADLINE_BREACHED = 'nl.veiligthuis.triage.DeadlineBreached.v1' as const;
export const DEADLINE_MET = 'nl.veiligthuis.triage.DeadlineMet.v1' as const;
/** Superseded by `DEADLINE_EXTENDED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `DEADLINE_EXTENDED_V2`, and the outbox refuses this type. */
export const DEADLINE_EXTENDED = 'nl.veiligthuis.triage.DeadlineExtended.v1' as const;
/** The newest version of DeadlineExtended: the reason only encrypted (ADR 0020). */
export const DEADLINE_EXTENDED_V2 = 'nl.veiligthuis.triage.DeadlineExtended.v2' as const;
export const DEADLINE_SUPERSEDED = 'nl.veiligthuis.triage.DeadlineSuperseded.v1' as const;

/** What every deadline fact says: which clock, about what, on which legal basis, due when. */
export interface DeadlineFacts {
  timerId: string;
  clock: string;
  legalBasis: string;
  householdId: string;
  subjectId: string;
  /**
   * The person the clock runs for: `informeren-betrokkenen` runs one clock per involved person of a melding
   * (subject: the melding), met when that person is informed (added in v1, optional).
   */
  personId?: string;
  startedAt: string;
  dueAt: string;
  counting: string;
  calendar: string;
}

const deadlineProperties = {
  timerId: uuidSchema,
  clock: { type: 'string', minLength: 1 },
  legalBasis: { type: 'string', minLength: 1 },
  householdId: uuidSchema,
  subjectId: uuidSchema,
  personId: uuidSchema,
  startedAt: timestampSchema,
  dueAt: timestampSchema,
  counting: { type: 'string', minLength: 1 },
  calendar: { type: 'string', minLength: 1 },
} as const;
const deadlineRequired = ['timerId', 'clock', 'legalBasis', 'householdId', 'subjectId', 'startedAt', 'dueAt', 'counting', 'calendar'] as const;

export type DeadlineStartedData = DeadlineFacts & { approachingAt: string; warnings: string[] };
export type DeadlineApproachingData = DeadlineFacts & { approachingAt: string };
export type DeadlineBreachedData = DeadlineFacts & { breachedAt: string };
export type DeadlineMetData = DeadlineFacts & { metAt: string };
export type DeadlineExtendedData = DeadlineFacts & { previousDueAt: string; extension: number; reason: string; actor: string };

function schema(name: string, extra: Record<string, unknown>, required: string[]) {
  return {
    $id: `urn:vt:schema:triage.${name}.v1`,
    type: 'object',
    required: [...deadlineRequired, ...required],
    additionalProperties: false,
    properties: { ...deadlineProperties, ...extra },
  } as const;
}

export const deadlineStartedSchema = schema('DeadlineStarted', { approachingAt: timestampSchema, warnings: { type: 'array', items: { type: 'string' } } }, ['approachingAt', 'warnings']);
export const deadlineApproachingSchema = schema('DeadlineApproaching', { approachingAt: timestampSchema }, ['approachingAt']);
export const deadlineBreachedSchema = schema('DeadlineBreached', { breachedAt: timestampSchema }, ['breachedAt']);
export const deadlineMetSchema = schema('DeadlineMet', { metAt: timestampSchema }, ['metAt']);
export const deadlineExtendedSchema = schema(
  'DeadlineExtended',
  { previousDueAt: timestampSchema, extension: { type: 'integer', minimum: 1 }, reason: { type: 'string', minLength: 1, maxLength: 2000 }, actor: { type: 'string', pattern: '^(user|system):.+' } },
  ['previousDueAt', 'extension', 'reason', 'actor'],
);

const base = { address: TOPICS.triageDeadlines, producer: 'crisis-triage' } as const;
export const deadlineStartedContract = { ...base, type: DEADLINE_STARTED, schema: deadlineStartedSchema, summary: 'A statutory clock started; it says when it is due and on which legal basis.' } as const;
export const deadlineApproachingContract = { ...base, type: DEADLINE_APPROACHING, schema: deadlineApproachingSchema, summary: 'A statutory deadline is near and the work is not done yet.' } as const;
export const deadlineBreachedContract = { ...base, type: DEADLINE_BREACHED, schema: deadlineBreachedSchema, summary: 'A statutory deadline passed before the work was done.' } as const;
export const deadlineMetContract = { ...base, type: DEADLINE_MET, schema: deadlineMetSchema, summary: 'The work a statutory clock measures was done before its deadline.' } as const;
export const deadlineExtendedContract = {
  ...base,
  type: DEADLINE_EXTENDED,
  schema: deadlineExtendedSchema,
  summary: 'A statutory deadline was extended, with the recorded reason (v1: the reason in clear; superseded by v2).',
  supersededBy: DEADLINE_EXTENDED_V2,
} as const;

/**
 * v2: as v1, but the recorded reason is free text and travels only encrypted: under the person's key when the
 * clock runs for one person (`personId`), else under the household's key, in crisis-triage's key table (ADR 0020).
 */
export type DeadlineExtendedV2Data = DeadlineFacts & {
  previousDueAt: string;
  extension: number;
  /** Always present when written as v2; absent only on a v1 record read through the upcaster. */
  reason?: EncryptedText;
  actor: string;
};

export const deadlineExtendedV2Schema = {
  $id: 'urn:vt:schema:triage.DeadlineExtended.v2',
  type: 'object',
  required: [...deadlineRequired, 'previousDueAt', 'extension', 'reason', 'actor'],
  additionalProperties: false,
  properties: { ...deadlineProperties, previousDueAt: timestampSchema, extension: { type: 'integer', minimum: 1 }, reason: encryptedTextSchema, actor: { type: 'string', pattern: '^(user|system):.+' } },
} as const;

export const deadlineExtendedV2Contract = {
  ...base,
  type: DEADLINE_EXTENDED_V2,
  schema: deadlineExtendedV2Schema,
  summary: 'A statutory deadline was extended; the recorded reason is encrypted under the key of the person or household it concerns.',
} as const;

/** v1 → v2: everything but the clear-text reason. */
export function upcastDeadlineExtendedV1(data: DeadlineExtendedData): DeadlineExtendedV2Data {
  const { reason: _clearText, ...rest } = data;
  return rest;
}

/** Why a clock was replaced by others. */
export const DEADLINE_SUPERSEDED_REASONS = ['informing-clock-per-person'] as const;
export type DeadlineSupersededReason = (typeof DEADLINE_SUPERSEDED_REASONS)[number];

/**
 * A running clock was replaced by other clocks and no longer runs (it is neither met nor breached): the
 * melding-level `informeren-betrokkenen` clock of the first releases, which nothing could meet, became one
 * clock per involved person with the same start and due date (`supersededBy`).
 */
export type DeadlineSupersededData = DeadlineFacts & {
  reason: DeadlineSupersededReason;
  supersededBy: { timerId: string; personId: string }[];
  supersededAt: string;
  actor: string;
};

export const deadlineSupersededSchema = {
  $id: 'urn:vt:schema:triage.DeadlineSuperseded.v1',
  type: 'object',
  required: [...deadlineRequired, 'reason', 'supersededBy', 'supersededAt', 'actor'],
  additionalProperties: false,
  properties: {
    ...deadlineProperties,
    reason: { enum: [...DEADLINE_SUPERSEDED_REASONS] },
    supersededBy: {
      type: 'array',
      items: { type: 'object', required: ['timerId', 'personId'], additionalProperties: false, properties: { timerId: uuidSchema, personId: uuidSchema } },
    },
    supersededAt: timestampSchema,
    actor: { type: 'string', pattern: '^(user|system):.+' },
  },
} as const;

export const deadlineSupersededContract = {
  ...base,
  type: DEADLINE_SUPERSEDED,
  schema: deadlineSupersededSchema,
  summary: 'A running statutory clock was replaced by others (one per involved person) and stopped without being met or breached.',
} as const;
