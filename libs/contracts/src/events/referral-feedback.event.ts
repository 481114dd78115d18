import { TOPICS } from '../topics';
import { timestampSchema, uuidSchema } from './common';
import { PARTNER_TYPES, PartnerType } from './referral-issued.event';

export const MELDER_FEEDBACK_GIVEN = 'nl.veiligthuis.referral.MelderFeedbackGiven.v1' as const;

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
  summary: 'Terugkoppeling to a professional melder: whether follow-up started and who took over.',
} as const;
