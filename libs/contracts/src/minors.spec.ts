import { HANDOVER_PARTNER_TYPES, isMinor, isPartnerTypeForMinors, minorsAmong, PARTNER_TYPES, PARTNER_TYPES_FOR_MINORS, PersonRef } from './index';

// Issue 11 point 7 ("routes that need a minor need a minor"); DOMAIN.md "Registration vocabulary": persons with a role and an age.
describe('minors in a household', () => {
  const adult = (role: PersonRef['role'] = 'victim') => ({ role, minor: false });
  const ageUnknown = (role: PersonRef['role'] = 'victim') => ({ role });

  it('a person with role child-involved is a minor whatever the flag says; anyone else by the flag', () => {
    expect(isMinor({ role: 'child-involved' })).toBe(true);
    expect(isMinor({ role: 'child-involved', minor: false })).toBe(true);
    expect(isMinor({ role: 'victim', minor: true })).toBe(true);
    expect(isMinor({ role: 'victim', minor: false })).toBe(false);
    expect(isMinor({ role: 'victim' })).toBe(false);
  });

  it('given one minor among the persons, the household has a minor', () => {
    expect(minorsAmong([adult(), adult('suspected-perpetrator'), { role: 'victim', minor: true }])).toBe('present');
    expect(minorsAmong([adult(), ageUnknown('child-involved')])).toBe('present');
  });

  it('given only persons known to be 18 or older, the household has none', () => {
    expect(minorsAmong([adult('victim'), adult('suspected-perpetrator')])).toBe('none');
  });

  it('given a person whose age is unknown and no minor, nobody can say: unknown, never none', () => {
    expect(minorsAmong([adult('victim'), ageUnknown('suspected-perpetrator')])).toBe('unknown');
    expect(minorsAmong([])).toBe('unknown');
  });

  it('the routes for minors are the RvdK and the gecertificeerde instelling, both partner and handover types', () => {
    expect([...PARTNER_TYPES_FOR_MINORS]).toEqual(['rvdk', 'gecertificeerde-instelling']);
    for (const type of PARTNER_TYPES_FOR_MINORS) {
      expect(PARTNER_TYPES).toContain(type);
      expect(HANDOVER_PARTNER_TYPES).toContain(type);
    }
    expect(isPartnerTypeForMinors('rvdk')).toBe(true);
    expect(isPartnerTypeForMinors('lokaal-team')).toBe(false);
  });
});
