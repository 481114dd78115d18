import { EncryptedText, encryptedTextSchema } from '../personal-data';
import { TOPICS } from '../topics';
import { actorSchema, gemeenteCodeSchema, timestampSchema, uuidSchema } from './common';

/** Superseded by `SAFETY_ASSESSMENT_COMPLETED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `SAFETY_ASSESSMENT_COMPLETED_V2`, and the outbox refuses this type. */
export const SAFETY_ASSESSMENT_COMPLETED = 'nl.veiligthuis.triage.SafetyAssessmentCompleted.v1' as const;
/** The newest version: the reasoning only encrypted (ADR 0020). */
export const SAFETY_ASSESSMENT_COMPLETED_V2 = 'nl.veiligthuis.triage.SafetyAssessmentCompleted.v2' as const;

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

/**
 * The veiligheidsbeoordeling of a melding was completed: taxatie and outcome, with reasoning.
 * Superseded by v2, which carries the reasoning only encrypted; read through `upcastSafetyAssessmentCompletedV1`.
 */
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
  summary: 'The veiligheidsbeoordeling of a melding was completed, with taxatie, outcome and reasoning (v1: reasoning in clear; superseded by v2).',
  supersededBy: SAFETY_ASSESSMENT_COMPLETED_V2,
} as const;

/**
 * v2: as v1, but the triage worker's reasoning is free text about the household and travels only encrypted
 * under the household's data key in crisis-triage's key table (`reasoning.personId` is the household id),
 * so that erasing the dossier erases it everywhere (ADR 0020).
 */
export interface SafetyAssessmentCompletedV2Data extends Omit<SafetyAssessmentCompletedData, 'reasoning'> {
  /** Always present when written as v2; absent only on a v1 record read through the upcaster (its clear text is not carried over). */
  reasoning?: EncryptedText;
}

const { reasoning: _reasoningV1, ...assessmentPropertiesV1 } = safetyAssessmentCompletedSchema.properties;

export const safetyAssessmentCompletedV2Schema = {
  $id: 'urn:vt:schema:triage.SafetyAssessmentCompleted.v2',
  type: 'object',
  required: ['assessmentId', 'meldingId', 'householdId', 'taxatie', 'outcome', 'reasoning', 'completedAt', 'deadline', 'actor'],
  additionalProperties: false,
  properties: { ...assessmentPropertiesV1, reasoning: encryptedTextSchema },
} as const;

export const safetyAssessmentCompletedV2Contract = {
  type: SAFETY_ASSESSMENT_COMPLETED_V2,
  address: TOPICS.triageAssessments,
  producer: 'crisis-triage',
  schema: safetyAssessmentCompletedV2Schema,
  summary: 'The veiligheidsbeoordeling of a melding was completed, with taxatie, outcome and the reasoning encrypted under the household\'s key.',
} as const;

/** v1 → v2: everything but the clear-text reasoning, which v2 never carries. */
export function upcastSafetyAssessmentCompletedV1(data: SafetyAssessmentCompletedData): SafetyAssessmentCompletedV2Data {
  const { reasoning: _clearText, ...rest } = data;
  return rest;
}
