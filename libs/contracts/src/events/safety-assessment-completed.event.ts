import { TOPICS } from '../topics';
import { actorSchema, gemeenteCodeSchema, timestampSchema, uuidSchema } from './common';

export const SAFETY_ASSESSMENT_COMPLETED = 'nl.veiligthuis.triage.SafetyAssessmentCompleted.v1' as const;

/** Veiligheidstaxatie: the kind of unsafety found, recorded apart from the outcome. */
export const TAXATIES = ['acuut', 'structureel', 'acuut-en-structureel', 'geen'] as const;
export type Taxatie = (typeof TAXATIES)[number];

export const ASSESSMENT_OUTCOMES = [
  'voorwaarden-en-vervolg',
  'onderzoek',
  'overdracht-lokaal-team',
  'overdracht-betrokken-zorg',
  'overdracht-mdt',
  'overdracht-huishouden',
  'verzoek-rvdk',
  'regionaal-maatwerk',
  'geen-vervolgstappen',
] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];

/** The veiligheidsbeoordeling of a melding was completed: taxatie and outcome, with reasoning. */
export interface SafetyAssessmentCompletedData {
  assessmentId: string;
  meldingId: string;
  householdId: string;
  /** Absent for an island household. */
  gemeenteCode?: string;
  taxatie: Taxatie;
  outcome: AssessmentOutcome;
  reasoning: string;
  completedAt: string;
  deadline: { dueAt: string; met: boolean };
  /**
   * Present when monitoring asked for this new assessment (`NewAssessmentRequested`, its event id as
   * `requestId`); `meldingId` is then the household's latest melding, the case that monitoring followed.
   */
  basedOn?: { basis: 'monitoring'; requestId: string; monitoringId?: string };
  actor: string;
}

export const safetyAssessmentCompletedSchema = {
  $id: 'urn:vt:schema:triage.SafetyAssessmentCompleted.v1',
  type: 'object',
  required: ['assessmentId', 'meldingId', 'householdId', 'taxatie', 'outcome', 'reasoning', 'completedAt', 'deadline', 'actor'],
  additionalProperties: false,
  properties: {
    assessmentId: uuidSchema,
    meldingId: uuidSchema,
    householdId: uuidSchema,
    gemeenteCode: gemeenteCodeSchema,
    taxatie: { enum: [...TAXATIES] },
    outcome: { enum: [...ASSESSMENT_OUTCOMES] },
    reasoning: { type: 'string', minLength: 1, maxLength: 4000 },
    completedAt: timestampSchema,
    deadline: {
      type: 'object',
      required: ['dueAt', 'met'],
      additionalProperties: false,
      properties: { dueAt: timestampSchema, met: { type: 'boolean' } },
    },
    basedOn: {
      type: 'object',
      required: ['basis', 'requestId'],
      additionalProperties: false,
      properties: { basis: { const: 'monitoring' }, requestId: uuidSchema, monitoringId: uuidSchema },
    },
    actor: actorSchema,
  },
} as const;

export const safetyAssessmentCompletedContract = {
  type: SAFETY_ASSESSMENT_COMPLETED,
  address: TOPICS.triageAssessments,
  producer: 'crisis-triage',
  schema: safetyAssessmentCompletedSchema,
  summary: 'The veiligheidsbeoordeling of a melding was completed, with taxatie, outcome and reasoning.',
} as const;
