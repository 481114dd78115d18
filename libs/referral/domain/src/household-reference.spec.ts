import { randomBytes } from 'node:crypto';
import { parsePartnerReferenceKey, partnerHouseholdReference, partnerPersonReference } from './household-reference';

const HOUSEHOLD = '00000000-0000-4000-8000-000000000002';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('partner household references', () => {
  const key = randomBytes(32);

  it('is the same for every referral of one household to one partner, and a UUID', () => {
    const first = partnerHouseholdReference(key, 'lokaal-team-gm0014', HOUSEHOLD);
    expect(partnerHouseholdReference(key, 'lokaal-team-gm0014', HOUSEHOLD)).toBe(first);
    expect(partnerHouseholdReference(key, 'lokaal-team-gm0014', HOUSEHOLD.toUpperCase())).toBe(first);
    expect(first).toMatch(UUID);
  });

  it('differs per partner and per household, and is not the household id', () => {
    const references = new Set([
      partnerHouseholdReference(key, 'lokaal-team-gm0014', HOUSEHOLD),
      partnerHouseholdReference(key, 'rvdk-groningen', HOUSEHOLD),
      partnerHouseholdReference(key, 'lokaal-team-gm0014', '00000000-0000-4000-8000-000000000003'),
      HOUSEHOLD,
    ]);
    expect(references.size).toBe(4);
  });

  it('depends on the key: another key gives another reference', () => {
    expect(partnerHouseholdReference(randomBytes(32), 'lokaal-team-gm0014', HOUSEHOLD)).not.toBe(partnerHouseholdReference(key, 'lokaal-team-gm0014', HOUSEHOLD));
  });

  it('gives persons a per-partner reference too, never their id and never the household reference', () => {
    const person = '00000000-0000-4000-8000-000000000010';
    const forTeam = partnerPersonReference(key, 'lokaal-team-gm0014', person);
    expect(forTeam).toMatch(UUID);
    expect(partnerPersonReference(key, 'lokaal-team-gm0014', person)).toBe(forTeam);
    expect(new Set([forTeam, partnerPersonReference(key, 'rvdk-groningen', person), person, partnerHouseholdReference(key, 'lokaal-team-gm0014', person)]).size).toBe(4);
  });

  it('does not mix up partner and household at the separator', () => {
    expect(partnerHouseholdReference(key, 'a-b', 'c')).not.toBe(partnerHouseholdReference(key, 'a', 'b:c'));
  });

  it('reads the key from configuration and refuses a missing, short or non-base64 one, naming the variable', () => {
    const configured = randomBytes(32).toString('base64');
    expect(parsePartnerReferenceKey(configured)).toEqual(Buffer.from(configured, 'base64'));
    expect(() => parsePartnerReferenceKey(undefined)).toThrow(/PARTNER_REFERENCE_KEY is not set/);
    expect(() => parsePartnerReferenceKey(randomBytes(16).toString('base64'))).toThrow(/PARTNER_REFERENCE_KEY holds 16 bytes/);
    expect(() => parsePartnerReferenceKey('not base64!')).toThrow(/PARTNER_REFERENCE_KEY is not base64/);
  });
});
