import { disclosureSchema, Disclosure, PARTNER_TYPES, PartnerType, REFERRAL_PURPOSES, ReferralPurpose } from './referral-issued.event';
import { gemeenteCodeSchema, PersonRef, personRefSchema, timestampSchema, uuidSchema } from './common';

/** Superseded by `PARTNER_REFERRAL_ISSUED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `PARTNER_REFERRAL_ISSUED_V2`, and the outbox refuses this type. */
export const PARTNER_REFERRAL_ISSUED = 'nl.veiligthuis.partner.ReferralIssued.v1' as const;
/** The newest version: no safety conditions in clear on the partner's topic (ADR 0020). */
export const PARTNER_REFERRAL_ISSUED_V2 = 'nl.veiligthuis.partner.ReferralIssued.v2' as const;

/**
 * The recipient-specific projection a partner reads on its own topic: only what its type needs,
 * with the legal basis and purpose of the disclosure. Never the melder, never the sources.
 * Which of the optional fields a partner type gets is decided by the projection table in
 * libs/referral/domain; `disclosure.fields` lists exactly the fields present.
 */
export interface PartnerReferralIssuedData {
  referralId: string;
  /**
   * The household as this partner knows it (docs/adr/0016): the same for every referral of the household to
   * this partner, different for every other partner, never VT's household id. Also the record's key and its
   * envelope `householdid`; the partner answers with it.
   */
  householdReference: string;
  partnerId: string;
  partnerType: PartnerType;
  /** Absent for an island household. */
  gemeenteCode?: string;
  disclosure: Disclosure;
  issuedAt: string;
  /** The household's VT region (added in v1, optional). */
  regionCode?: string;
  purpose?: ReferralPurpose;
  /** The outcome code the referral follows from, e.g. `overdracht-lokaal-team` or `verzoek-rvdk`. */
  outcome?: string;
  /** Answer by then, or the referral is withdrawn. */
  answerDueAt?: string;
  /** The persons the partner's work concerns, by pseudonymous id and role only. */
  persons?: PersonRef[];
  /** The veiligheidsvoorwaarden, for a partner that watches over them. */
  safetyConditions?: string[];
}

export const partnerReferralIssuedSchema = {
  $id: 'urn:vt:schema:partner.ReferralIssued.v1',
  type: 'object',
  required: ['referralId', 'householdReference', 'partnerId', 'partnerType', 'disclosure', 'issuedAt'],
  additionalProperties: false,
  properties: {
    referralId: uuidSchema,
    householdReference: uuidSchema,
    partnerId: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    partnerType: { enum: [...PARTNER_TYPES] },
    gemeenteCode: gemeenteCodeSchema,
    disclosure: disclosureSchema,
    issuedAt: timestampSchema,
    regionCode: { type: 'string', pattern: '^vt-[a-z0-9]+(-[a-z0-9]+)*$' },
    purpose: { enum: [...REFERRAL_PURPOSES] },
    outcome: { type: 'string', minLength: 1, maxLength: 100 },
    answerDueAt: timestampSchema,
    persons: { type: 'array', items: personRefSchema },
    safetyConditions: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 1000 } },
  },
} as const;

export const partnerReferralIssuedContract = {
  type: PARTNER_REFERRAL_ISSUED,
  address: 'vt.partner.{partnerId}.referrals.v1',
  producer: 'referral',
  schema: partnerReferralIssuedSchema,
  summary: 'A partner received a referral: the projection of it that this partner may read (v1: safety conditions in clear; superseded by v2).',
  supersededBy: PARTNER_REFERRAL_ISSUED_V2,
} as const;

/**
 * v2: as v1, but the veiligheidsvoorwaarden never travel on the partner's topic (part of the permanent log,
 * unreachable for erasure once written, ADR 0020). `safetyConditionCount` says how many there are; the partner
 * reads them from safety-investigation, which holds them encrypted under the household's key, with its own token
 * (`GET /api/v1/partner/referrals/{referralId}/safety-conditions`), a read that is itself recorded as a disclosure
 * and that ends when the household's data is erased.
 */
export interface PartnerReferralIssuedV2Data extends Omit<PartnerReferralIssuedData, 'safetyConditions'> {
  safetyConditionCount?: number;
}

const { safetyConditions: _conditionsV1, ...issuedPropertiesV1 } = partnerReferralIssuedSchema.properties;
export const partnerReferralIssuedV2Schema = {
  $id: 'urn:vt:schema:partner.ReferralIssued.v2',
  type: 'object',
  required: ['referralId', 'householdReference', 'partnerId', 'partnerType', 'disclosure', 'issuedAt'],
  additionalProperties: false,
  properties: { ...issuedPropertiesV1, safetyConditionCount: { type: 'integer', minimum: 1 } },
} as const;

export const partnerReferralIssuedV2Contract = {
  type: PARTNER_REFERRAL_ISSUED_V2,
  address: 'vt.partner.{partnerId}.referrals.v1',
  producer: 'referral',
  schema: partnerReferralIssuedV2Schema,
  summary: 'A partner received a referral: the projection of it that this partner may read; safety conditions are read over HTTP.',
} as const;

/** v1 → v2: the number of conditions; their clear text is not carried over. */
export function upcastPartnerReferralIssuedV1(data: PartnerReferralIssuedData): PartnerReferralIssuedV2Data {
  const { safetyConditions, ...rest } = data;
  return { ...rest, ...(safetyConditions && safetyConditions.length > 0 ? { safetyConditionCount: safetyConditions.length } : {}) };
}
