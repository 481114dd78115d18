import { timestampSchema, uuidSchema } from './common';

export const PARTNER_REFERRAL_WITHDRAWN = 'nl.veiligthuis.partner.ReferralWithdrawn.v1' as const;

/** A referral addressed to this partner was withdrawn: it expired unanswered, or went to another partner after it. */
export interface PartnerReferralWithdrawnData {
  referralId: string;
  partnerId: string;
  reason: 'expired' | 'rerouted';
  withdrawnAt: string;
}

export const partnerReferralWithdrawnSchema = {
  $id: 'urn:vt:schema:partner.ReferralWithdrawn.v1',
  type: 'object',
  required: ['referralId', 'partnerId', 'reason', 'withdrawnAt'],
  additionalProperties: false,
  properties: {
    referralId: uuidSchema,
    partnerId: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    reason: { enum: ['expired', 'rerouted'] },
    withdrawnAt: timestampSchema,
  },
} as const;

export const partnerReferralWithdrawnContract = {
  type: PARTNER_REFERRAL_WITHDRAWN,
  address: 'vt.partner.{partnerId}.referrals.v1',
  producer: 'referral',
  schema: partnerReferralWithdrawnSchema,
  summary: 'A referral to this partner was withdrawn (it expired unanswered, or was passed on).',
} as const;
