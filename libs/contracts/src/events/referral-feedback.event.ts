import { TOPICS } from '../topics';
import { timestampSchema, uuidSchema } from './common';
import { PARTNER_TYPES, PartnerType } from './referral-issued.event';

/** Superseded by `MELDER_FEEDBACK_GIVEN_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `MELDER_FEEDBACK_GIVEN_V2`, and the outbox refuses this type. */
export const MELDER_FEEDBACK_GIVEN = 'nl.veiligthuis.referral.MelderFeedbackGiven.v1' as const;
/** The newest version: safety conditions only encrypted (ADR 0020). */
export const MELDER_FEEDBACK_GIVEN_V2 = 'nl.veiligthuis.referral.MelderFeedbackGiven.v2' as const;

/**
 * Terugkoppeling to a professional melder after the veiligheidsbeoordeling or an investigation: whether
 * follow-up started, who took over, and the safety conditions only when the melder has a role in them.
 * It names the melding, never the melder; whoever delivers it looks the melder up by the melding.
 * An informant, or a non-professional melder, gets none.
 */
export interface MelderFeedbackGivenData {
  meldingId: string;
  householdId: string;
  after: 'assessment' | 'investigation';
  /** The assessment or investigation the feedback is about. */
  aboutId: string;
  followUpStarted: boolean;
  takenOverBy: { partnerType: PartnerType; name: string }[];
  /** Present only when the conditions were handed over to the melder (party id `melder`). */
  safetyConditions?: string[];
  givenAt: string;
}

export const melderFeedbackGivenSchema = {
  $id: 'urn:vt:schema:referral.MelderFeedbackGiven.v1',
  type: 'object',
  required: ['meldingId', 'householdId', 'after', 'aboutId', 'followUpStarted', 'takenOverBy', 'givenAt'],
  additionalProperties: false,
  properties: {
    meldingId: uuidSchema,
    householdId: uuidSchema,
    after: { enum: ['assessment', 'investigation'] },
    aboutId: uuidSchema,
    followUpStarted: { type: 'boolean' },
    takenOverBy: {
      type: 'array',
      items: {
        type: 'object',
        required: ['partnerType', 'name'],
        additionalProperties: false,
        properties: { partnerType: { enum: [...PARTNER_TYPES] }, name: { type: 'string', minLength: 1 } },
      },
    },
    safetyConditions: { type: 'array', items: { type: 'string', minLength: 1 } },
    givenAt: timestampSchema,
  },
} as const;

export const melderFeedbackGivenContract = {
  type: MELDER_FEEDBACK_GIVEN,
  address: TOPICS.referrals,
  producer: 'referral',
  schema: melderFeedbackGivenSchema,
  summary: 'Terugkoppeling to a professional melder: whether follow-up started and who took over (v1: conditions in clear; superseded by v2).',
  supersededBy: MELDER_FEEDBACK_GIVEN_V2,
} as const;

/**
 * v2: as v1, but without the safety conditions' text. The conditions are free text about the household that
 * safety-investigation keeps encrypted under its own key for the household (ADR 0020); the referral service
 * never holds them. `safetyConditionCount` says how many conditions the melder has a role in; whoever delivers
 * the feedback reads them from safety-investigation, as a recorded disclosure.
 */
export interface MelderFeedbackGivenV2Data extends Omit<MelderFeedbackGivenData, 'safetyConditions'> {
  safetyConditionCount?: number;
}

const { safetyConditions: _conditionsV1, ...feedbackPropertiesV1 } = melderFeedbackGivenSchema.properties;
export const melderFeedbackGivenV2Schema = {
  $id: 'urn:vt:schema:referral.MelderFeedbackGiven.v2',
  type: 'object',
  required: ['meldingId', 'householdId', 'after', 'aboutId', 'followUpStarted', 'takenOverBy', 'givenAt'],
  additionalProperties: false,
  properties: { ...feedbackPropertiesV1, safetyConditionCount: { type: 'integer', minimum: 1 } },
} as const;

export const melderFeedbackGivenV2Contract = {
  type: MELDER_FEEDBACK_GIVEN_V2,
  address: TOPICS.referrals,
  producer: 'referral',
  schema: melderFeedbackGivenV2Schema,
  summary: 'Terugkoppeling to a professional melder: whether follow-up started and who took over (how many conditions the melder has a role in).',
} as const;

/** v1 → v2: the number of conditions; their clear text is not carried over. */
export function upcastMelderFeedbackGivenV1(data: MelderFeedbackGivenData): MelderFeedbackGivenV2Data {
  const { safetyConditions, ...rest } = data;
  return { ...rest, ...(safetyConditions && safetyConditions.length > 0 ? { safetyConditionCount: safetyConditions.length } : {}) };
}
