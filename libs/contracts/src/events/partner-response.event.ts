import { timestampSchema, uuidSchema } from './common';

/*
 * A partner's answers to a referral, written by the partner itself (with its own credentials) on
 * `vt.partner.<partnerId>.responses.v1`, the only topic it may write. The referral service reads them.
 */
export const PARTNER_REFERRAL_ACCEPTED = 'nl.veiligthuis.partner.ReferralAccepted.v1' as const;
/** Superseded by `PARTNER_REFERRAL_DECLINED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `PARTNER_REFERRAL_DECLINED_V2`, and the outbox refuses this type. */
export const PARTNER_REFERRAL_DECLINED = 'nl.veiligthuis.partner.ReferralDeclined.v1' as const;
export const PARTNER_REFERRAL_COMPLETED = 'nl.veiligthuis.partner.ReferralCompleted.v1' as const;
/** The newest version of a partner's decline: a reason code only, no free text (ADR 0020). */
export const PARTNER_REFERRAL_DECLINED_V2 = 'nl.veiligthuis.partner.ReferralDeclined.v2' as const;

export const PARTNER_RESPONSES_ADDRESS = 'vt.partner.{partnerId}.responses.v1' as const;

/** Why a partner declines: a code the referral service routes on (v1 also carried free text; v2 does not). */
export const DECLINE_REASON_CODES = ['geen-capaciteit', 'niet-bevoegd', 'buiten-werkgebied', 'al-betrokken', 'anders'] as const;
export type DeclineReasonCode = (typeof DECLINE_REASON_CODES)[number];

export interface DeclineReason {
  code: DeclineReasonCode;
  text: string;
}

/** A decline's reason from v2 on: the code alone. Free text never enters the log (ADR 0020). */
export interface DeclineReasonCodeOnly {
  code: DeclineReasonCode;
}

/**
 * What every answer carries: which referral, which partner, when and by whom (the partner's own user id), and
 * the household reference the partner was given with the referral (docs/adr/0016; also the record's key and
 * its envelope `householdid`). Never VT's household id: a partner does not know it.
 */
export interface PartnerResponseData {
  referralId: string;
  partnerId: string;
  /** As in the partner's ReferralIssued; optional for answers written before it existed. */
  householdReference?: string;
  answeredAt: string;
  answeredBy: string;
}

export type PartnerReferralAcceptedData = PartnerResponseData;
export type PartnerReferralCompletedData = PartnerResponseData;
export interface PartnerReferralDeclinedData extends PartnerResponseData {
  reason: DeclineReason;
}

const responseProperties = {
  referralId: uuidSchema,
  partnerId: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
  householdReference: uuidSchema,
  answeredAt: timestampSchema,
  answeredBy: { type: 'string', minLength: 1, maxLength: 200 },
} as const;

export const declineReasonSchema = {
  type: 'object',
  required: ['code', 'text'],
  additionalProperties: false,
  properties: {
    code: { enum: [...DECLINE_REASON_CODES] },
    text: { type: 'string', maxLength: 2000 },
  },
} as const;

export const declineReasonCodeSchema = {
  type: 'object',
  required: ['code'],
  additionalProperties: false,
  properties: { code: { enum: [...DECLINE_REASON_CODES] } },
} as const;

export const partnerReferralAcceptedSchema = {
  $id: 'urn:vt:schema:partner.ReferralAccepted.v1',
  type: 'object',
  required: ['referralId', 'partnerId', 'answeredAt', 'answeredBy'],
  additionalProperties: false,
  properties: responseProperties,
} as const;

export const partnerReferralDeclinedSchema = {
  $id: 'urn:vt:schema:partner.ReferralDeclined.v1',
  type: 'object',
  required: ['referralId', 'partnerId', 'answeredAt', 'answeredBy', 'reason'],
  additionalProperties: false,
  properties: { ...responseProperties, reason: declineReasonSchema },
} as const;

export const partnerReferralCompletedSchema = {
  $id: 'urn:vt:schema:partner.ReferralCompleted.v1',
  type: 'object',
  required: ['referralId', 'partnerId', 'answeredAt', 'answeredBy'],
  additionalProperties: false,
  properties: responseProperties,
} as const;

export const partnerReferralAcceptedContract = {
  type: PARTNER_REFERRAL_ACCEPTED,
  address: PARTNER_RESPONSES_ADDRESS,
  producer: 'partner',
  schema: partnerReferralAcceptedSchema,
  summary: 'A partner accepted a referral addressed to it.',
} as const;

export const partnerReferralDeclinedContract = {
  type: PARTNER_REFERRAL_DECLINED,
  address: PARTNER_RESPONSES_ADDRESS,
  producer: 'partner',
  schema: partnerReferralDeclinedSchema,
  summary: 'A partner declined a referral addressed to it, with a reason code and text (v1: text in clear; superseded by v2).',
  supersededBy: PARTNER_REFERRAL_DECLINED_V2,
} as const;

/**
 * v2: a partner declines with a reason code only. A partner's topic is part of the permanent log and partners
 * cannot encrypt under Veilig Thuis's keys, so no free text travels there (ADR 0020); a coordinator who needs
 * more calls the partner.
 */
export interface PartnerReferralDeclinedV2Data extends PartnerResponseData {
  reason: DeclineReasonCodeOnly;
}

export const partnerReferralDeclinedV2Schema = {
  $id: 'urn:vt:schema:partner.ReferralDeclined.v2',
  type: 'object',
  required: ['referralId', 'partnerId', 'answeredAt', 'answeredBy', 'reason'],
  additionalProperties: false,
  properties: { ...responseProperties, reason: declineReasonCodeSchema },
} as const;

export const partnerReferralDeclinedV2Contract = {
  type: PARTNER_REFERRAL_DECLINED_V2,
  address: PARTNER_RESPONSES_ADDRESS,
  producer: 'partner',
  schema: partnerReferralDeclinedV2Schema,
  summary: 'A partner declined a referral addressed to it, with a reason code.',
} as const;

/** v1 → v2: the reason code; the partner's free text is not carried over. */
export function upcastPartnerReferralDeclinedV1(data: PartnerReferralDeclinedData): PartnerReferralDeclinedV2Data {
  return { ...data, reason: { code: data.reason.code } };
}

export const partnerReferralCompletedContract = {
  type: PARTNER_REFERRAL_COMPLETED,
  address: PARTNER_RESPONSES_ADDRESS,
  producer: 'partner',
  schema: partnerReferralCompletedSchema,
  summary: 'A partner finished the work of a referral it had accepted.',
} as const;
