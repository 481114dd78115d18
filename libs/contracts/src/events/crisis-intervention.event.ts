import { TOPICS } from '../topics';
import { actorSchema, gemeenteCodeSchema, PersonRef, personRefSchema, timestampSchema, uuidSchema } from './common';

export const CRISIS_INTERVENTION_REQUESTED = 'nl.veiligthuis.triage.CrisisInterventionRequested.v1' as const;
export const CRISIS_ACTION_RECORDED = 'nl.veiligthuis.triage.CrisisActionRecorded.v1' as const;

export const CRISIS_ACTIONS = [
  'police-involved',
  'safe-place-arranged',
  'tijdelijk-huisverbod-requested',
  'medical-care-arranged',
  'child-protection-measure-requested',
  'immediate-safety-confirmed',
  'other',
] as const;
export type CrisisAction = (typeof CRISIS_ACTIONS)[number];

/**
 * The region whose 24/7 crisis function acts. Always meant that; since the one region model (docs/adr/0017)
 * it is a VT region code (`vt-amsterdam-amstelland`, `vt-west-brabant`, `vt-bq-bonaire`). Events written
 * before hold the veiligheidsregio of the melding's gemeente (`VR13`) for a mainland household, which is why
 * the pattern still admits `VRnn`.
 */
const crisisRegionSchema = {
  type: 'string',
  pattern: '^(VR[0-9]{2}|vt-[a-z0-9]+(-[a-z0-9]+)*)$',
  description: 'The VT region whose 24/7 crisis function acts, e.g. vt-amsterdam-amstelland, vt-west-brabant or vt-bq-bonaire; events written before ADR 0017 hold the veiligheidsregio (VR01-VR25) of the melding gemeente instead',
} as const;

/** An acute melding was handed to the region's 24/7 crisis function. */
export interface CrisisInterventionRequestedData {
  interventionId: string;
  meldingId: string;
  householdId: string;
  /** The VT region whose crisis function acts (`vt-west-brabant`); in events before docs/adr/0017 a veiligheidsregio (`VR20`). */
  crisisRegion: string;
  /** Absent for an island household. */
  gemeenteCode?: string;
  grounds: string[];
  ruleSetVersion: string;
  persons: PersonRef[];
  requestedAt: string;
  actor: string;
}

export const crisisInterventionRequestedSchema = {
  $id: 'urn:vt:schema:triage.CrisisInterventionRequested.v1',
  type: 'object',
  required: ['interventionId', 'meldingId', 'householdId', 'crisisRegion', 'grounds', 'ruleSetVersion', 'persons', 'requestedAt', 'actor'],
  additionalProperties: false,
  properties: {
    interventionId: uuidSchema,
    meldingId: uuidSchema,
    householdId: uuidSchema,
    crisisRegion: crisisRegionSchema,
    gemeenteCode: gemeenteCodeSchema,
    grounds: { type: 'array', minItems: 1, items: { type: 'string' } },
    ruleSetVersion: { type: 'string', minLength: 1 },
    persons: { type: 'array', minItems: 1, items: personRefSchema },
    requestedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const crisisInterventionRequestedContract = {
  type: CRISIS_INTERVENTION_REQUESTED,
  address: TOPICS.triageAssessments,
  producer: 'crisis-triage',
  schema: crisisInterventionRequestedSchema,
  summary: "An acute melding was handed to the region's 24/7 crisis function.",
} as const;

/** Crisis staff recorded what they did, or confirmed a person's immediate safety. Their free-text note stays with crisis-triage. */
export interface CrisisActionRecordedData {
  interventionId: string;
  householdId: string;
  action: CrisisAction;
  personId?: string;
  recordedAt: string;
  actor: string;
}

export const crisisActionRecordedSchema = {
  $id: 'urn:vt:schema:triage.CrisisActionRecorded.v1',
  type: 'object',
  required: ['interventionId', 'householdId', 'action', 'recordedAt', 'actor'],
  additionalProperties: false,
  properties: {
    interventionId: uuidSchema,
    householdId: uuidSchema,
    action: { enum: [...CRISIS_ACTIONS] },
    personId: uuidSchema,
    recordedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const crisisActionRecordedContract = {
  type: CRISIS_ACTION_RECORDED,
  address: TOPICS.triageAssessments,
  producer: 'crisis-triage',
  schema: crisisActionRecordedSchema,
  summary: 'Crisis staff recorded an action taken for an acute melding, or confirmed a person’s immediate safety.',
} as const;
