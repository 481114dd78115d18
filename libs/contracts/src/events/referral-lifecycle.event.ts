import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';
import { DECLINE_REASON_CODES, DeclineReason, DeclineReasonCodeOnly, declineReasonCodeSchema } from './partner-response.event';
import { PARTNER_TYPES, PartnerType, REFERRAL_PURPOSES, ReferralPurpose } from './referral-issued.event';

/*
 * What happens to a referral after it was issued (status `issued → accepted | declined → re-routed |
 * expired → completed`), as facts on `vt.referral.referrals.v1`; subject = referral id, key = household id.
 */
export const REFERRAL_ACCEPTED = 'nl.veiligthuis.referral.ReferralAccepted.v1' as const;
/** Superseded by `REFERRAL_DECLINED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `REFERRAL_DECLINED_V2`, and the outbox refuses this type. */
export const REFERRAL_DECLINED = 'nl.veiligthuis.referral.ReferralDeclined.v1' as const;
export const REFERRAL_REROUTED = 'nl.veiligthuis.referral.ReferralRerouted.v1' as const;
export const REFERRAL_EXPIRED = 'nl.veiligthuis.referral.ReferralExpired.v1' as const;
export const REFERRAL_COMPLETED = 'nl.veiligthuis.referral.ReferralCompleted.v1' as const;
/** Superseded by `REFERRAL_ROUTING_FAILED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `REFERRAL_ROUTING_FAILED_V2`, and the outbox refuses this type. */
export const REFERRAL_ROUTING_FAILED = 'nl.veiligthuis.referral.ReferralRoutingFailed.v1' as const;
export const PARTNER_ANSWER_REFUSED = 'nl.veiligthuis.referral.PartnerAnswerRefused.v1' as const;
/** The newest versions: a decline with a code only, a routing failure with a reason code (ADR 0020). */
export const REFERRAL_DECLINED_V2 = 'nl.veiligthuis.referral.ReferralDeclined.v2' as const;
export const REFERRAL_ROUTING_FAILED_V2 = 'nl.veiligthuis.referral.ReferralRoutingFailed.v2' as const;

/**
 * Why no partner could be found, as a code (the details are in the other fields: `wanted`, `triedPartnerIds`,
 * `directoryVersion`):
 * - `unknown-party`: what was wanted is neither a partner nor a partner type in the directory;
 * - `unknown-partner`: the named partner is not in the directory;
 * - `no-partner-for-place`: the directory has no partner of the type for the household's gemeente or region;
 * - `no-partner-left`: every candidate (and fallback) already declined or let the referral expire;
 * - `route-needs-a-minor`: the route is for children (RvdK, gecertificeerde instelling) and nobody in the
 *   household is known to be a minor.
 */
export const ROUTING_FAILURE_REASONS = ['unknown-party', 'unknown-partner', 'no-partner-for-place', 'no-partner-left', 'route-needs-a-minor'] as const;
export type RoutingFailureReason = (typeof ROUTING_FAILURE_REASONS)[number];

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

/** v2: as v1, with the partner's reason as a code only (see `PartnerReferralDeclinedV2Data`). */
export interface ReferralDeclinedV2Data extends Omit<ReferralDeclinedData, 'reason'> {
  reason: DeclineReasonCodeOnly;
}

/** v2: as v1, with `reasonCode` in place of the sentence. */
export interface ReferralRoutingFailedV2Data extends Omit<ReferralRoutingFailedData, 'reason'> {
  reasonCode: RoutingFailureReason;
}

const { reason: _declineReasonV1, ...declinedPropertiesV1 } = referralDeclinedSchema.properties;
export const referralDeclinedV2Schema = {
  $id: 'urn:vt:schema:referral.ReferralDeclined.v2',
  type: 'object',
  required: ['referralId', 'householdId', 'partnerId', 'declinedAt', 'answeredBy', 'answerId', 'reason'],
  additionalProperties: false,
  properties: { ...declinedPropertiesV1, reason: declineReasonCodeSchema },
} as const;

const { reason: _routingReasonV1, ...routingFailedPropertiesV1 } = referralRoutingFailedSchema.properties;
export const referralRoutingFailedV2Schema = {
  $id: 'urn:vt:schema:referral.ReferralRoutingFailed.v2',
  type: 'object',
  required: ['householdId', 'wanted', 'reasonCode', 'triedPartnerIds', 'directoryVersion', 'recordedAt', 'actor'],
  additionalProperties: false,
  properties: { ...routingFailedPropertiesV1, reasonCode: { enum: [...ROUTING_FAILURE_REASONS] } },
} as const;

/**
 * The code a v1 routing failure's sentence stands for. The sentences came from fixed templates in
 * libs/referral/domain (routing.ts), so each is recognised by its wording; the tried partners decide the rest.
 */
export function routingFailureReasonOf(reason: string, triedPartnerIds: readonly string[]): RoutingFailureReason {
  // libs/referral/domain ROUTE_NEEDS_A_MINOR_PHRASE: a route for children refused for a household without a minor.
  if (reason.includes('(route-needs-a-minor)')) return 'route-needs-a-minor';
  if (reason.includes('is neither a partner nor a partner type')) return 'unknown-party';
  if (/^partner \S+ is not in partner directory/.test(reason)) return 'unknown-partner';
  if (reason.includes(' left after ') || triedPartnerIds.length > 0) return 'no-partner-left';
  return 'no-partner-for-place';
}

/** v1 → v2: the reason code; the partner's decline text is not carried over. */
export function upcastReferralDeclinedV1(data: ReferralDeclinedData): ReferralDeclinedV2Data {
  return { ...data, reason: { code: data.reason.code } };
}

/** v1 → v2: the sentence becomes its code. */
export function upcastReferralRoutingFailedV1(data: ReferralRoutingFailedData): ReferralRoutingFailedV2Data {
  const { reason, ...rest } = data;
  return { ...rest, reasonCode: routingFailureReasonOf(reason, data.triedPartnerIds) };
}

const base = { address: TOPICS.referrals, producer: 'referral' } as const;
export const referralAcceptedContract = { ...base, type: REFERRAL_ACCEPTED, schema: referralAcceptedSchema, summary: 'A partner accepted a referral.' } as const;
export const referralDeclinedContract = {
  ...base,
  type: REFERRAL_DECLINED,
  schema: referralDeclinedSchema,
  summary: 'A partner declined a referral, with its reason (v1: the partner\'s text in clear; superseded by v2).',
  supersededBy: REFERRAL_DECLINED_V2,
} as const;
export const referralDeclinedV2Contract = { ...base, type: REFERRAL_DECLINED_V2, schema: referralDeclinedV2Schema, summary: 'A partner declined a referral, with its reason code.' } as const;
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
  summary: 'No partner could be found to take a household over; a referral coordinator has to act (v1: the reason as a sentence; superseded by v2).',
  supersededBy: REFERRAL_ROUTING_FAILED_V2,
} as const;
export const referralRoutingFailedV2Contract = {
  ...base,
  type: REFERRAL_ROUTING_FAILED_V2,
  schema: referralRoutingFailedV2Schema,
  summary: 'No partner could be found to take a household over, with the reason as a code; a referral coordinator has to act.',
} as const;
export const partnerAnswerRefusedContract = {
  ...base,
  type: PARTNER_ANSWER_REFUSED,
  schema: partnerAnswerRefusedSchema,
  summary: "A partner's answer was not applied (unknown referral, wrong partner, or referral no longer open).",
} as const;
