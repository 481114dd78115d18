import { AccessPurpose, PartnerType, ReferralPurpose } from '@vt/contracts';
import { IssuedReferral } from './handover.rules';

/**
 * The partner types whose projection of a referral carries the safety conditions: the rows of the referral
 * service's projection table (libs/referral/domain/src/projection.ts, `PROJECTIONS`) whose `fields` hold
 * `safetyConditions`. Since ADR 0020 the conditions no longer travel on the partner's topic
 * (`partner.ReferralIssued.v2` has `safetyConditionCount`); the partner reads them from safety-investigation, which
 * keeps them sealed under the household's key, and this list says who may. Keep it in step with that table.
 */
export const SAFETY_CONDITION_PARTNER_TYPES = ['lokaal-team', 'rvdk', 'gecertificeerde-instelling', 'reclassering', 'mdt'] as const satisfies readonly PartnerType[];

/** Why a referral no longer lets its partner read: it declined, let it expire, or it was passed on to another partner. */
export const REFERRAL_CLOSINGS = ['declined', 'expired', 'rerouted'] as const;
export type ReferralClosing = (typeof REFERRAL_CLOSINGS)[number];

/** A referral as safety-investigation knows it (`household_referral`), with how it was closed, if it was. */
export interface PartnerReferral extends IssuedReferral {
  closed?: ReferralClosing;
}

export type SafetyConditionsAccess =
  | { allowed: true; purpose: AccessPurpose }
  | { allowed: false; reason: 'another-partner' | 'not-in-projection' | 'referral-closed'; message: string };

/**
 * What the referral asked of the partner. Referrals from before `purpose` existed say it by their outcome: an
 * `overdracht…` outcome was an overdracht; after `verzoek-rvdk` the RvdK was asked to investigate and the lokaal
 * team only informed (the projection table's `INFORM_GEMEENTE_RULE`).
 */
export function referralPurposeOf(referral: Pick<IssuedReferral, 'purpose' | 'outcome' | 'partnerType'>): ReferralPurpose | undefined {
  if (referral.purpose !== undefined) return referral.purpose;
  if (referral.outcome?.startsWith('overdracht')) return 'overdracht';
  if (referral.outcome === 'verzoek-rvdk') return referral.partnerType === 'rvdk' ? 'verzoek-onderzoek' : 'informeren';
  return undefined;
}

/** The purpose code of a partner's read of the conditions (`CaseDataAccessed.purpose`), from what the referral asked. */
const ACCESS_PURPOSE: Record<Exclude<ReferralPurpose, 'informeren'>, AccessPurpose> = {
  overdracht: 'overdracht',
  voorwaarden: 'monitoring',
  'verzoek-onderzoek': 'onderzoek',
};

/**
 * May `partnerId` read the safety conditions of `referral`? Only the partner the referral was issued to (another
 * partner is told nothing about it), only a partner type whose projection holds the conditions and not a lokaal team
 * that is only informed, and only while the referral is not closed (declined, expired, passed on).
 */
export function safetyConditionsAccess(referral: PartnerReferral, partnerId: string): SafetyConditionsAccess {
  if (referral.partnerId !== partnerId) return { allowed: false, reason: 'another-partner', message: `referral ${referral.referralId} was not issued to ${partnerId}` };
  const purpose = referralPurposeOf(referral);
  if (!(SAFETY_CONDITION_PARTNER_TYPES as readonly string[]).includes(referral.partnerType) || purpose === 'informeren') {
    return { allowed: false, reason: 'not-in-projection', message: `a ${referral.partnerType} ${purpose === 'informeren' ? 'that is only informed ' : ''}is not given the safety conditions of a referral` };
  }
  if (referral.closed) return { allowed: false, reason: 'referral-closed', message: `referral ${referral.referralId} was ${referral.closed}; its safety conditions can no longer be read` };
  return { allowed: true, purpose: purpose === undefined ? 'monitoring' : ACCESS_PURPOSE[purpose] };
}
