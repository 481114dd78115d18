import { HOUSEHOLD_HANDED_OVER, HOUSEHOLD_HANDOVER_COMPLETED } from '@vt/contracts';
import { HouseholdHistoryEntry, householdReferrals, HouseholdReferralRow } from './household-view';

const issued = new Date('2026-03-01T09:00:00Z');
const referral = (id: string, closed: HouseholdReferralRow['closed'] = null): HouseholdReferralRow => ({
  referral_id: id,
  partner_id: 'lokaal-team-gm0363',
  partner_type: 'lokaal-team',
  purpose: 'overdracht',
  outcome: 'overdracht',
  reroute_of: null,
  issued_at: issued,
  closed,
  closed_at: closed ? new Date('2026-03-02T09:00:00Z') : null,
});
const entry = (type: string, data: Record<string, unknown>): HouseholdHistoryEntry => ({ eventId: 'e', type, recordedAt: '2026-03-03T00:00:00Z', phase: 'duurzame-veiligheid', ...data });

describe('the household record’s referrals and partner answers', () => {
  // Rule (DOMAIN.md, duurzame veiligheid: an overdracht hands zicht op veiligheid over only when the partner accepts):
  // the answer comes from referral's facts as safety-investigation recorded them.
  it('names each referral’s answer: declined/expired/rerouted from the closing, accepted and completed from the household’s handover facts, else open', () => {
    const history = [entry(HOUSEHOLD_HANDED_OVER, { referralId: 'r-acc', acceptedAt: '2026-03-02T10:00:00Z' }), entry(HOUSEHOLD_HANDED_OVER, { referralId: 'r-done', acceptedAt: '2026-03-02T10:00:00Z' }), entry(HOUSEHOLD_HANDOVER_COMPLETED, { referralId: 'r-done', completedAt: '2026-03-04T10:00:00Z' })];
    const views = householdReferrals([referral('r-open'), referral('r-dec', 'declined'), referral('r-acc'), referral('r-done')], history);
    expect(views.map((v) => [v.referralId, v.answer, v.answeredAt])).toEqual([
      ['r-open', 'open', undefined],
      ['r-dec', 'declined', '2026-03-02T09:00:00.000Z'],
      ['r-acc', 'accepted', '2026-03-02T10:00:00Z'],
      ['r-done', 'completed', '2026-03-04T10:00:00Z'],
    ]);
    expect(views[0]).toEqual({ referralId: 'r-open', partnerId: 'lokaal-team-gm0363', partnerType: 'lokaal-team', purpose: 'overdracht', outcome: 'overdracht', issuedAt: issued.toISOString(), answer: 'open' });
  });
});
