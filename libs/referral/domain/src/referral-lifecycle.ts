/**
 * A referral's life: `issued → accepted | declined | expired`, `accepted → completed`, and a declined or
 * expired referral `→ rerouted` when it was passed on to another partner. Rerouted and completed are final.
 */
export const REFERRAL_STATUSES = ['issued', 'accepted', 'declined', 'expired', 'rerouted', 'completed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export type ReferralMove = 'accept' | 'decline' | 'expire' | 'reroute' | 'complete';

export const TRANSITIONS: Record<ReferralStatus, Partial<Record<ReferralMove, ReferralStatus>>> = {
  issued: { accept: 'accepted', decline: 'declined', expire: 'expired' },
  accepted: { complete: 'completed' },
  declined: { reroute: 'rerouted' },
  expired: { reroute: 'rerouted' },
  rerouted: {},
  completed: {},
};

export type MoveDecision = { allowed: true; to: ReferralStatus } | { allowed: false; reason: string };

/** Whether `move` is allowed from `status`; a refusal names the moves that are. */
export function decideMove(status: ReferralStatus, move: ReferralMove): MoveDecision {
  const to = TRANSITIONS[status][move];
  if (to) return { allowed: true, to };
  const moves = Object.keys(TRANSITIONS[status]);
  return { allowed: false, reason: `a referral that is ${status} cannot ${move}; allowed: ${moves.length > 0 ? moves.join(', ') : 'nothing (final)'}` };
}

/** Open referrals still wait for the partner's answer or work. */
export function isOpen(status: ReferralStatus): boolean {
  return status === 'issued' || status === 'accepted';
}
