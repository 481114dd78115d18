import { TOPICS } from '../topics';
import { timestampSchema, uuidSchema } from './common';

export const DEADLINE_STARTED = 'nl.veiligthuis.triage.DeadlineStarted.v1' as const;
export const DEADLINE_APPROACHING = 'nl.veiligthuis.triage.DeadlineApproaching.v1' as const;
export const DEADLINE_BREACHED = 'nl.veiligthuis.triage.DeadlineBreached.v1' as const;
export const DEADLINE_MET = 'nl.veiligthuis.triage.DeadlineMet.v1' as const;
export const DEADLINE_EXTENDED = 'nl.veiligthuis.triage.DeadlineExtended.v1' as const;

/** What every deadline fact says: which clock, about what, on which legal basis, due when. */
export interface DeadlineFacts {
  timerId: string;
  clock: string;
  legalBasis: string;
  householdId: string;
  subjectId: string;
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
export const deadlineExtendedContract = { ...base, type: DEADLINE_EXTENDED, schema: deadlineExtendedSchema, summary: 'A statutory deadline was extended, with the recorded reason.' } as const;
