import { TOPICS } from '../topics';
import { actorSchema, gemeenteCodeSchema, timestampSchema, uuidSchema } from './common';

export const REFERRAL_ISSUED = 'nl.veiligthuis.referral.ReferralIssued.v1' as const;

/** The kinds of partner in the directory (config/partners/directory.json). Additive: a type is never renamed. */
export const PARTNER_TYPES = [
  'lokaal-team',
  'rvdk',
  'politie',
  'vrouwenopvang',
  'ggz',
  'gecertificeerde-instelling',
  'slachtofferhulp',
  'reclassering',
  'mdt',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

/** What was disclosed, to whom, and on which legal basis: the record auditors read. */
export interface Disclosure {
  legalBasis: string;
  purpose: string;
  fields: string[];
}

export const disclosureSchema = {
  type: 'object',
  required: ['legalBasis', 'purpose', 'fields'],
  additionalProperties: false,
  properties: {
    legalBasis: { type: 'string', minLength: 1 },
    purpose: { type: 'string', minLength: 1 },
    fields: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** Veilig Thuis handed a household over to a partner (internal record of the referral). */
export interface ReferralIssuedData {
  referralId: string;
  householdId: string;
  partnerId: string;
  partnerType: PartnerType;
  gemeenteCode: string;
  disclosure: Disclosure;
  directoryVersion: string;
  issuedAt: string;
  actor: string;
}

export const referralIssuedSchema = {
  $id: 'urn:vt:schema:referral.ReferralIssued.v1',
  type: 'object',
  required: ['referralId', 'householdId', 'partnerId', 'partnerType', 'gemeenteCode', 'disclosure', 'directoryVersion', 'issuedAt', 'actor'],
  additionalProperties: false,
  properties: {
    referralId: uuidSchema,
    householdId: uuidSchema,
    partnerId: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    partnerType: { enum: [...PARTNER_TYPES] },
    gemeenteCode: gemeenteCodeSchema,
    disclosure: disclosureSchema,
    directoryVersion: { type: 'string', minLength: 1 },
    issuedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const referralIssuedContract = {
  type: REFERRAL_ISSUED,
  address: TOPICS.referrals,
  producer: 'referral',
  schema: referralIssuedSchema,
  summary: 'A referral was issued to a regional partner, with the disclosure it carries.',
} as const;
