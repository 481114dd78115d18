import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';
import { PARTNER_TYPES, PartnerType } from './referral-issued.event';
import { ROUTING_FAILURE_REASONS, routingFailureReasonOf, RoutingFailureReason } from './referral-lifecycle.event';

/*
 * Zicht op veiligheid handed over (or not) to a partner, as facts of the household record on
 * `vt.household.phases.v1`. Safety-investigation records them from the referral service's facts about
 * referrals made for an overdracht (`purpose: overdracht`); other referrals (a request to the RvdK,
 * conditions handed to partners, informing the gemeente) leave zicht op veiligheid with Veilig Thuis.
 */
export const HOUSEHOLD_HANDED_OVER = 'nl.veiligthuis.household.HouseholdHandedOver.v1' as const;
export const HOUSEHOLD_HANDOVER_COMPLETED = 'nl.veiligthuis.household.HouseholdHandoverCompleted.v1' as const;
/** Superseded by `HOUSEHOLD_HANDOVER_FAILED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `HOUSEHOLD_HANDOVER_FAILED_V2`, and the outbox refuses this type. */
export const HOUSEHOLD_HANDOVER_FAILED = 'nl.veiligthuis.household.HouseholdHandoverFailed.v1' as const;
/** The newest version: the reason as a code (ADR 0020). */
export const HOUSEHOLD_HANDOVER_FAILED_V2 = 'nl.veiligthuis.household.HouseholdHandoverFailed.v2' as const;

/** The referral fact a handover fact follows from, and why the referral was made. */
export interface HandoverBasis {
  /** The referral service's event, e.g. `nl.veiligthuis.referral.ReferralAccepted.v1`. */
  eventType: string;
  eventId: string;
  /** The outcome the referral was made for, e.g. `overdracht` (an investigation) or `overdracht-lokaal-team` (an assessment). */
  outcome?: string;
}

/** The partner accepted an overdracht: zicht op veiligheid passed from Veilig Thuis to `partnerId`. */
export interface HouseholdHandedOverData {
  householdId: string;
  referralId: string;
  partnerId: string;
  partnerType: PartnerType;
  acceptedAt: string;
  basis: HandoverBasis;
  actor: string;
}

/** The partner that took the household over reported its work done. The phase does not change on this alone. */
export interface HouseholdHandoverCompletedData {
  householdId: string;
  referralId: string;
  partnerId: string;
  partnerType: PartnerType;
  completedAt: string;
  basis: HandoverBasis;
  actor: string;
}

/**
 * No partner could be found to take the household over (every candidate declined or let the referral
 * expire, or none was left to re-route to): Veilig Thuis keeps zicht op veiligheid and a referral
 * coordinator has to act.
 */
export interface HouseholdHandoverFailedData {
  householdId: string;
  /**
   * The last referral of the overdracht that was declined or expired. Absent when nobody fitted from the
   * start: no referral was ever issued for the overdracht (`basis` names the routing failure).
   */
  referralId?: string;
  /** What was wanted: a partner type, or a party id. */
  wanted: string;
  reason: string;
  triedPartnerIds: string[];
  failedAt: string;
  basis: HandoverBasis;
  actor: string;
}

const partnerIdSchema = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } as const;
const handoverBasisSchema = {
  type: 'object',
  required: ['eventType', 'eventId'],
  additionalProperties: false,
  properties: { eventType: { type: 'string', minLength: 1 }, eventId: { type: 'string', minLength: 1 }, outcome: { type: 'string', minLength: 1 } },
} as const;

export const householdHandedOverSchema = {
  $id: 'urn:vt:schema:household.HouseholdHandedOver.v1',
  type: 'object',
  required: ['householdId', 'referralId', 'partnerId', 'partnerType', 'acceptedAt', 'basis', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    referralId: uuidSchema,
    partnerId: partnerIdSchema,
    partnerType: { enum: [...PARTNER_TYPES] },
    acceptedAt: timestampSchema,
    basis: handoverBasisSchema,
    actor: actorSchema,
  },
} as const;

export const householdHandoverCompletedSchema = {
  $id: 'urn:vt:schema:household.HouseholdHandoverCompleted.v1',
  type: 'object',
  required: ['householdId', 'referralId', 'partnerId', 'partnerType', 'completedAt', 'basis', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    referralId: uuidSchema,
    partnerId: partnerIdSchema,
    partnerType: { enum: [...PARTNER_TYPES] },
    completedAt: timestampSchema,
    basis: handoverBasisSchema,
    actor: actorSchema,
  },
} as const;

export const householdHandoverFailedSchema = {
  $id: 'urn:vt:schema:household.HouseholdHandoverFailed.v1',
  type: 'object',
  required: ['householdId', 'wanted', 'reason', 'triedPartnerIds', 'failedAt', 'basis', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    referralId: uuidSchema,
    wanted: { type: 'string', minLength: 1, maxLength: 200 },
    reason: { type: 'string', minLength: 1, maxLength: 2000 },
    triedPartnerIds: { type: 'array', items: partnerIdSchema },
    failedAt: timestampSchema,
    basis: handoverBasisSchema,
    actor: actorSchema,
  },
} as const;

const base = { address: TOPICS.householdPhases, producer: 'safety-investigation' } as const;
export const householdHandedOverContract = {
  ...base,
  type: HOUSEHOLD_HANDED_OVER,
  schema: householdHandedOverSchema,
  summary: 'A partner accepted an overdracht: zicht op veiligheid passed from Veilig Thuis to that partner.',
} as const;
export const householdHandoverCompletedContract = {
  ...base,
  type: HOUSEHOLD_HANDOVER_COMPLETED,
  schema: householdHandoverCompletedSchema,
  summary: 'The partner that took a household over reported its work done.',
} as const;
export const householdHandoverFailedContract = {
  ...base,
  type: HOUSEHOLD_HANDOVER_FAILED,
  schema: householdHandoverFailedSchema,
  summary: 'No partner could be found to take a household over; Veilig Thuis keeps zicht op veiligheid and a referral coordinator has to act (v1: the reason as a sentence; superseded by v2).',
  supersededBy: HOUSEHOLD_HANDOVER_FAILED_V2,
} as const;

/** v2: as v1, with the routing failure's `reasonCode` in place of its sentence. */
export interface HouseholdHandoverFailedV2Data extends Omit<HouseholdHandoverFailedData, 'reason'> {
  reasonCode: RoutingFailureReason;
}

const { reason: _reasonV1, ...handoverFailedPropertiesV1 } = householdHandoverFailedSchema.properties;
export const householdHandoverFailedV2Schema = {
  $id: 'urn:vt:schema:household.HouseholdHandoverFailed.v2',
  type: 'object',
  required: ['householdId', 'wanted', 'reasonCode', 'triedPartnerIds', 'failedAt', 'basis', 'actor'],
  additionalProperties: false,
  properties: { ...handoverFailedPropertiesV1, reasonCode: { enum: [...ROUTING_FAILURE_REASONS] } },
} as const;

export const householdHandoverFailedV2Contract = {
  ...base,
  type: HOUSEHOLD_HANDOVER_FAILED_V2,
  schema: householdHandoverFailedV2Schema,
  summary: 'No partner could be found to take a household over (reason code); Veilig Thuis keeps zicht op veiligheid and a referral coordinator has to act.',
} as const;

/** v1 → v2: the sentence becomes its code. */
export function upcastHouseholdHandoverFailedV1(data: HouseholdHandoverFailedData): HouseholdHandoverFailedV2Data {
  const { reason, ...rest } = data;
  return { ...rest, reasonCode: routingFailureReasonOf(reason, data.triedPartnerIds) };
}
