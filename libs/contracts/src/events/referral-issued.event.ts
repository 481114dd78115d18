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
  // Added within v1 (docs/adr/0037): the route for adult protection measures and criminal law.
  'openbaar-ministerie',
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

/**
 * What VT asks of the partner: take the household over, investigate (RvdK), watch over safety conditions,
 * or only be informed (the gemeente, when VT asks the RvdK to investigate).
 */
export const REFERRAL_PURPOSES = ['overdracht', 'verzoek-onderzoek', 'voorwaarden', 'informeren'] as const;
export type ReferralPurpose = (typeof REFERRAL_PURPOSES)[number];

/** The decision a referral follows from: an assessment, an investigation, or recorded safety conditions. */
export interface ReferralBasis {
  eventType: string;
  eventId: string;
  /** The assessment's or investigation's outcome code, e.g. `overdracht-lokaal-team`, `verzoek-rvdk`. */
  outcome?: string;
}

/** Veilig Thuis handed a household over to a partner (internal record of the referral). */
export interface ReferralIssuedData {
  referralId: string;
  householdId: string;
  partnerId: string;
  partnerType: PartnerType;
  /** Absent for an island household (then `regionCode` names the island desk). */
  gemeenteCode?: string;
  disclosure: Disclosure;
  directoryVersion: string;
  issuedAt: string;
  actor: string;
  /** The household's VT region, e.g. `vt-groningen` (added in v1, optional). */
  regionCode?: string;
  purpose?: ReferralPurpose;
  basis?: ReferralBasis;
  /** The partner should answer by then, or the referral expires (absent when no answer is expected). */
  answerDueAt?: string;
  /** The declined or expired referral this one passes on. */
  rerouteOf?: string;
  /**
   * The pseudonymous reference the partner knows this household by (docs/adr/0016): on the partner's topic in
   * place of `householdId`. Kept here, inside VT, so the mapping can be rebuilt from the log. Absent on
   * referrals issued before it existed (their partner was given `householdId`).
   */
  householdReference?: string;
}

export const referralIssuedSchema = {
  $id: 'urn:vt:schema:referral.ReferralIssued.v1',
  type: 'object',
  required: ['referralId', 'householdId', 'partnerId', 'partnerType', 'disclosure', 'directoryVersion', 'issuedAt', 'actor'],
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
    regionCode: { type: 'string', pattern: '^vt-[a-z0-9]+(-[a-z0-9]+)*$' },
    purpose: { enum: [...REFERRAL_PURPOSES] },
    basis: {
      type: 'object',
      required: ['eventType', 'eventId'],
      additionalProperties: false,
      properties: { eventType: { type: 'string', minLength: 1 }, eventId: { type: 'string', minLength: 1 }, outcome: { type: 'string', minLength: 1 } },
    },
    answerDueAt: timestampSchema,
    rerouteOf: uuidSchema,
    householdReference: uuidSchema,
  },
} as const;

export const referralIssuedContract = {
  type: REFERRAL_ISSUED,
  address: TOPICS.referrals,
  producer: 'referral',
  schema: referralIssuedSchema,
  summary: 'A referral was issued to a regional partner, with the disclosure it carries.',
} as const;
