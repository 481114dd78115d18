import { PartnerType, ReferralAcceptedData, ReferralCompletedData, ReferralPurpose, ReferralRoutingFailedV2Data } from '@vt/contracts';
import { RegisterHandover, RegisterHandoverCompleted, RegisterHandoverFailed } from './household.decider';

/** What the household record keeps of a ReferralIssued: to whom, and why the referral was made. */
export interface IssuedReferral {
  referralId: string;
  householdId: string;
  partnerId: string;
  partnerType: PartnerType;
  /** Absent on referrals issued before `purpose` existed. */
  purpose?: ReferralPurpose;
  /** The outcome the referral followed from (`basis.outcome`), e.g. `overdracht`, `overdracht-lokaal-team`, `verzoek-rvdk`. */
  outcome?: string;
}

/** The referral service's event a command follows from. */
export interface ReferralFactEvent {
  type: string;
  id: string;
}

/**
 * Only a referral made for an overdracht hands zicht op veiligheid over. A request to the RvdK
 * (`verzoek-onderzoek`), safety conditions handed to partners (`voorwaarden`) and informing the gemeente
 * (`informeren`) leave it with Veilig Thuis. A referral from before `purpose` existed counts as an
 * overdracht when the outcome it followed from was one (`overdracht…`).
 */
export function handsOverZichtOpVeiligheid(referral: Pick<IssuedReferral, 'purpose' | 'outcome'>): boolean {
  if (referral.purpose !== undefined) return referral.purpose === 'overdracht';
  return referral.outcome?.startsWith('overdracht') ?? false;
}

const basisOf = (event: ReferralFactEvent, referral: IssuedReferral) => ({ eventType: event.type, eventId: event.id, ...(referral.outcome ? { outcome: referral.outcome } : {}) });

/** The partner accepted: a handover, when the referral was made for an overdracht. */
export function onReferralAccepted(accepted: ReferralAcceptedData, referral: IssuedReferral, event: ReferralFactEvent, actor: string): RegisterHandover | undefined {
  if (!handsOverZichtOpVeiligheid(referral)) return undefined;
  return { type: 'RegisterHandover', referralId: accepted.referralId, partnerId: accepted.partnerId, partnerType: referral.partnerType, acceptedAt: accepted.acceptedAt, basis: basisOf(event, referral), actor };
}

/** The partner reported its work done: the handover's completion, when the referral was made for an overdracht. */
export function onReferralCompleted(completed: ReferralCompletedData, referral: IssuedReferral, event: ReferralFactEvent, actor: string): RegisterHandoverCompleted | undefined {
  if (!handsOverZichtOpVeiligheid(referral)) return undefined;
  return { type: 'RegisterHandoverCompleted', referralId: completed.referralId, partnerId: completed.partnerId, partnerType: referral.partnerType, completedAt: completed.completedAt, basis: basisOf(event, referral), actor };
}

/**
 * Nobody could be found to take an overdracht: the handover failed. After a declined or expired referral
 * (`afterReferralId`) the referral on record says what it was for; when nobody fitted from the start no
 * referral exists, and the routing failure's own `purpose` (or, without one, its `outcome`)
 * says it. A failure naming neither (recorded before they existed) is not taken for a failed handover.
 */
export function onReferralRoutingFailed(failed: ReferralRoutingFailedV2Data, referral: IssuedReferral | undefined, event: ReferralFactEvent, actor: string): RegisterHandoverFailed | undefined {
  // After a referral, that referral is the record of what was wanted; a failure naming one never seen is not guessed at.
  const wantedFor = referral ?? (failed.afterReferralId ? undefined : { purpose: failed.purpose, outcome: failed.outcome });
  if (!wantedFor || !handsOverZichtOpVeiligheid(wantedFor)) return undefined;
  const outcome = referral?.outcome ?? failed.outcome;
  return {
    type: 'RegisterHandoverFailed',
    ...(referral ? { referralId: referral.referralId } : {}),
    wanted: failed.wanted,
    reasonCode: failed.reasonCode,
    triedPartnerIds: failed.triedPartnerIds,
    failedAt: failed.recordedAt,
    basis: { eventType: event.type, eventId: event.id, ...(outcome ? { outcome } : {}) },
    actor,
  };
}
