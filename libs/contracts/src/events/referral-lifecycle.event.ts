import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';
import { DECLINE_REASON_CODES, DeclineReason } from './partner-response.event';
import { PARTNER_TYPES, PartnerType, REFERRAL_PURPOSES, ReferralPurpose } from './referral-issued.event';

/*
 * What happens to a referral after it was issued (status `issued → accepted | declined → re-routed |
 * expired → completed`), as facts on `vt.referral.referrals.v1`; subject = referral id, key = household id.
 */
export const REFERRAL_ACCEPTED = 'nl.veiligthuis.referral.ReferralAccepted.v1' as const;
export const REFERRAL_DECLINED = 'nl.veiligthuis.referral.ReferralDeclined.v1' as const;
export const REFERRAL_REROUTED = 'nl.veiligthuis.referral.ReferralRerouted.v1' as const;
export const REFERRAL_EXPIRED = 'nl.veiligthuis.referral.ReferralExpired.v1' as const;
export const REFERRAL_COMPLETED = 'nl.veiligthuis.referral.ReferralCompleted.v1' as const;
export const REFERRAL_ROUTING_FAILED = 'nl.veiligthuis.referral.ReferralRoutingFailed.v1' as const;
export const PARTNER_ANSWER_REFUSED = 'nl.veiligthuis.referral.PartnerAnswerRefused.v1' as const;

const partnerIdSchema = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } as const;

interface ReferralFact {
  referralId: string;
  householdId: string;
  partnerId: string;
}
const factProperties = { referralId: uuidSchema, householdId: uuidSchema, partnerId: partnerIdSchema } as const;

/** The partner accepted the referral (its answer, applied once). */
export interface ReferralAcceptedData extends ReferralFact {
  acceptedAt: string;
  /** The partner's own user id, as it answered. */
  answeredBy: string;
  /** The id of the partner's answer event on its responses topic. */
  answerId: string;
}

/** The partner declined the referral, with its reason; a re-route or a routing failure follows. */
export interface ReferralDeclinedData extends ReferralFact {
  declinedAt: string;
  answeredBy: string;
  answerId: string;
  reason: DeclineReason;
}

/** A declined or expired referral was passed on to another partner: `newReferralId` is issued to `toPartnerId`. */
export interface ReferralReroutedData extends ReferralFact {
  because: 'declined' | 'expired';
  toPartnerId: string;
  toPartnerType: PartnerType;
  newReferralId: string;
  reroutedAt: string;
}

/** No answer came before `answerDueAt`: the referral is withdrawn from the partner. */
export interface ReferralExpiredData extends ReferralFact {
  answerDueAt: string;
  expiredAt: string;
}

/** The partner reported the work of an accepted referral done. */
export interface ReferralCompletedData extends ReferralFact {
  completedAt: string;
  completedBy: string;
  answerId: string;
}

/**
 * Nobody could be found to take the household over: no partner of the wanted type (or its fallbacks) in
 * the directory for the household's gemeente or region, or every candidate already declined or let the
 * referral expire. A referral coordinator has to act.
 */
export interface ReferralRoutingFailedData {
  householdId: string;
  /** What was wanted: a partner type, or a party id that is not in the directory. */
  wanted: string;
  reason: string;
  /** The referral that was declined or expired before, when this follows one. */
  afterReferralId?: string;
  /**
   * What the referral was wanted for (as ReferralIssued.purpose), also when nobody fitted from the start.
   * Absent on failures recorded before it existed.
   */
  purpose?: ReferralPurpose;
  /** The outcome code the referral was wanted for (as ReferralIssued.basis.outcome), e.g. `overdracht-lokaal-team`. */
  outcome?: string;
  triedPartnerIds: string[];
  directoryVersion: string;
  recordedAt: string;
  actor: string;
}

export const PARTNER_ANSWER_REFUSAL_CODES = ['unknown-referral', 'wrong-partner', 'referral-not-open', 'wrong-household-reference'] as const;
export type PartnerAnswerRefusalCode = (typeof PARTNER_ANSWER_REFUSAL_CODES)[number];

/** A partner's answer was not applied, with the reason; the referral is unchanged. */
export interface PartnerAnswerRefusedData {
  answerId: string;
  answerType: string;
  referralId: string;
  /** The partner whose responses topic carried the answer. */
  partnerId: string;
  /** The partner id written in the answer, when it differs from the topic's partner. */
  claimedPartnerId?: string;
  code: PartnerAnswerRefusalCode;
  detail: string;
  /** The referral's status when the answer came, if the referral exists. */
  referralStatus?: string;
  refusedAt: string;
}

const schema = (name: string, required: string[], properties: Record<string, unknown>) =>
  ({ $id: `urn:vt:schema:referral.${name}.v1`, type: 'object', required, additionalProperties: false, properties }) as const;

const answeredBySchema = { type: 'string', minLength: 1, maxLength: 200 } as const;
const declineReasonSchema = {
  type: 'object',
  required: ['code', 'text'],
  additionalProperties: false,
  properties: { code: { enum: [...DECLINE_REASON_CODES] }, text: { type: 'string', maxLength: 2000 } },
} as const;

export const referralAcceptedSchema = schema('ReferralAccepted', ['referralId', 'householdId', 'partnerId', 'acceptedAt', 'answeredBy', 'answerId'], {
  ...factProperties,
  acceptedAt: timestampSchema,
  answeredBy: answeredBySchema,
  answerId: { type: 'string', minLength: 1 },
});
export const referralDeclinedSchema = schema('ReferralDeclined', ['referralId', 'householdId', 'partnerId', 'declinedAt', 'answeredBy', 'answerId', 'reason'], {
  ...factProperties,
  declinedAt: timestampSchema,
  answeredBy: answeredBySchema,
  answerId: { type: 'string', minLength: 1 },
  reason: declineReasonSchema,
});
export const referralReroutedSchema = schema('ReferralRerouted', ['referralId', 'householdId', 'partnerId', 'because', 'toPartnerId', 'toPartnerType', 'newReferralId', 'reroutedAt'], {
  ...factProperties,
  because: { enum: ['declined', 'expired'] },
  toPartnerId: partnerIdSchema,
  toPartnerType: { enum: [...PARTNER_TYPES] },
  newReferralId: uuidSchema,
  reroutedAt: timestampSchema,
});
export const referralExpiredSchema = schema('ReferralExpired', ['referralId', 'householdId', 'partnerId', 'answerDueAt', 'expiredAt'], {
  ...factProperties,
  answerDueAt: timestampSchema,
  expiredAt: timestampSchema,
});
export const referralCompletedSchema = schema('ReferralCompleted', ['referralId', 'householdId', 'partnerId', 'completedAt', 'completedBy', 'answerId'], {
  ...factProperties,
  completedAt: timestampSchema,
  completedBy: answeredBySchema,
  answerId: { type: 'string', minLength: 1 },
});
export const referralRoutingFailedSchema = schema('ReferralRoutingFailed', ['householdId', 'wanted', 'reason', 'triedPartnerIds', 'directoryVersion', 'recordedAt', 'actor'], {
  householdId: uuidSchema,
  wanted: { type: 'string', minLength: 1, maxLength: 200 },
  reason: { type: 'string', minLength: 1, maxLength: 2000 },
  afterReferralId: uuidSchema,
  purpose: { enum: [...REFERRAL_PURPOSES] },
  outcome: { type: 'string', minLength: 1 },
  triedPartnerIds: { type: 'array', items: partnerIdSchema },
  directoryVersion: { type: 'string', minLength: 1 },
  recordedAt: timestampSchema,
  actor: actorSchema,
});
export const partnerAnswerRefusedSchema = schema('PartnerAnswerRefused', ['answerId', 'answerType', 'referralId', 'partnerId', 'code', 'detail', 'refusedAt'], {
  answerId: { type: 'string', minLength: 1 },
  answerType: { type: 'string', minLength: 1 },
  referralId: uuidSchema,
  partnerId: partnerIdSchema,
  claimedPartnerId: partnerIdSchema,
  code: { enum: [...PARTNER_ANSWER_REFUSAL_CODES] },
  detail: { type: 'string', minLength: 1, maxLength: 2000 },
  referralStatus: { type: 'string', minLength: 1 },
  refusedAt: timestampSchema,
});

const base = { address: TOPICS.referrals, producer: 'referral' } as const;
export const referralAcceptedContract = { ...base, type: REFERRAL_ACCEPTED, schema: referralAcceptedSchema, summary: 'A partner accepted a referral.' } as const;
export const referralDeclinedContract = { ...base, type: REFERRAL_DECLINED, schema: referralDeclinedSchema, summary: 'A partner declined a referral, with its reason.' } as const;
export const referralReroutedContract = {
  ...base,
  type: REFERRAL_REROUTED,
  schema: referralReroutedSchema,
  summary: 'A declined or expired referral was passed on to another partner.',
} as const;
export const referralExpiredContract = {
  ...base,
  type: REFERRAL_EXPIRED,
  schema: referralExpiredSchema,
  summary: 'A partner did not answer a referral in time; the referral was withdrawn from it.',
} as const;
export const referralCompletedContract = { ...base, type: REFERRAL_COMPLETED, schema: referralCompletedSchema, summary: 'A partner reported the work of a referral done.' } as const;
export const referralRoutingFailedContract = {
  ...base,
  type: REFERRAL_ROUTING_FAILED,
  schema: referralRoutingFailedSchema,
  summary: 'No partner could be found to take a household over; a referral coordinator has to act.',
} as const;
export const partnerAnswerRefusedContract = {
  ...base,
  type: PARTNER_ANSWER_REFUSED,
  schema: partnerAnswerRefusedSchema,
  summary: "A partner's answer was not applied (unknown referral, wrong partner, or referral no longer open).",
} as const;
