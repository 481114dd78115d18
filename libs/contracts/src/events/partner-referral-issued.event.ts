import { disclosureSchema, Disclosure, PARTNER_TYPES, PartnerType } from './referral-issued.event';
import { gemeenteCodeSchema, timestampSchema, uuidSchema } from './common';

export const PARTNER_REFERRAL_ISSUED = 'nl.veiligthuis.partner.ReferralIssued.v1' as const;

/**
 * The recipient-specific projection a partner reads on its own topic: only what its type needs,
 * with the legal basis and purpose of the disclosure. Never the melder, never the sources.
 */
export interface PartnerReferralIssuedData {
  referralId: string;
  householdReference: string;
  partnerId: string;
  partnerType: PartnerType;
  gemeenteCode: string;
  disclosure: Disclosure;
  issuedAt: string;
}

export const partnerReferralIssuedSchema = {
  $id: 'urn:vt:schema:partner.ReferralIssued.v1',
  type: 'object',
  required: ['referralId', 'householdReference', 'partnerId', 'partnerType', 'gemeenteCode', 'disclosure', 'issuedAt'],
  additionalProperties: false,
  properties: {
    referralId: uuidSchema,
    householdReference: uuidSchema,
    partnerId: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    partnerType: { enum: [...PARTNER_TYPES] },
    gemeenteCode: gemeenteCodeSchema,
    disclosure: disclosureSchema,
    issuedAt: timestampSchema,
  },
} as const;

export const partnerReferralIssuedContract = {
  type: PARTNER_REFERRAL_ISSUED,
  address: 'vt.partner.{partnerId}.referrals.v1',
  producer: 'referral',
  schema: partnerReferralIssuedSchema,
  summary: 'A partner received a referral: the projection of it that this partner may read.',
} as const;
