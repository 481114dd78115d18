import { PARTNER_TYPES } from '@vt/contracts';
import { PartnerReferral, referralPurposeOf, SAFETY_CONDITION_PARTNER_TYPES, safetyConditionsAccess } from './partner-access.rules';

const referral = (overrides: Partial<PartnerReferral> = {}): PartnerReferral => ({
  referralId: '3c9d7a10-6b2e-4f11-9a0d-7e5f4c3b2a01',
  householdId: '0b0e5c4e-8f3f-4a44-9c51-6f4f3f2c1a10',
  partnerId: 'lokaal-team-gm0363',
  partnerType: 'lokaal-team',
  purpose: 'voorwaarden',
  ...overrides,
});

/**
 * Rule (ISSUE-11 plan "Free text", ADR 0020): partner topics carry no safety conditions; a partner reads them with an
 * authenticated, audited read, and only what its projection allows (the referral service's projection table,
 * libs/referral/domain/src/projection.ts: `safetyConditions` for lokaal-team, rvdk, gecertificeerde-instelling,
 * reclassering and mdt, never for a lokaal team that is only informed).
 */
describe('partner access to the safety conditions of a referral', () => {
  it('lets the partner the referral was issued to read them, for the purpose the referral asked', () => {
    expect(safetyConditionsAccess(referral(), 'lokaal-team-gm0363')).toEqual({ allowed: true, purpose: 'monitoring' });
    expect(safetyConditionsAccess(referral({ purpose: 'overdracht' }), 'lokaal-team-gm0363')).toEqual({ allowed: true, purpose: 'overdracht' });
    expect(safetyConditionsAccess(referral({ partnerId: 'rvdk-noord', partnerType: 'rvdk', purpose: 'verzoek-onderzoek' }), 'rvdk-noord')).toEqual({ allowed: true, purpose: 'onderzoek' });
  });

  it('tells another partner nothing about the referral', () => {
    expect(safetyConditionsAccess(referral(), 'lokaal-team-gm0014')).toMatchObject({ allowed: false, reason: 'another-partner' });
  });

  it.each(PARTNER_TYPES.map((type) => [type, (SAFETY_CONDITION_PARTNER_TYPES as readonly string[]).includes(type)] as const))('a %s gets them: %s (its row of the projection table)', (partnerType, allowed) => {
    expect(safetyConditionsAccess(referral({ partnerId: `${partnerType}-x`, partnerType, purpose: 'overdracht' }), `${partnerType}-x`).allowed).toBe(allowed);
  });

  it('refuses a lokaal team that is only informed of a request to the RvdK, also on a referral from before purpose existed', () => {
    expect(safetyConditionsAccess(referral({ purpose: 'informeren' }), 'lokaal-team-gm0363')).toMatchObject({ allowed: false, reason: 'not-in-projection' });
    const legacy = referral({ outcome: 'verzoek-rvdk' });
    delete legacy.purpose;
    expect(referralPurposeOf(legacy)).toBe('informeren');
    expect(safetyConditionsAccess(legacy, 'lokaal-team-gm0363')).toMatchObject({ allowed: false, reason: 'not-in-projection' });
    expect(referralPurposeOf({ partnerType: 'lokaal-team', outcome: 'overdracht-lokaal-team' })).toBe('overdracht');
  });

  it.each(['declined', 'expired', 'rerouted'] as const)('refuses once the referral was %s', (closed) => {
    expect(safetyConditionsAccess(referral({ closed }), 'lokaal-team-gm0363')).toMatchObject({ allowed: false, reason: 'referral-closed', message: expect.stringContaining(closed) });
  });
});
