import { loadPartnerIds, partnerIdsOf } from './partner-ids';

describe('partner ids from the partner directory', () => {
  it('reads every partner id of the versioned directory file', () => {
    const { version, partnerIds } = loadPartnerIds();
    expect(version).toMatch(/\S/);
    expect(partnerIds.length).toBeGreaterThan(300);
    expect(partnerIds).toContain('lokaal-team-gm0363');
  });

  it('refuses a partner id that cannot name a topic, and a duplicate', () => {
    expect(() => partnerIdsOf({ version: '1', partners: [{ partnerId: 'Lokaal Team' }] })).toThrow(/partners\[0\]\.partnerId/);
    expect(() => partnerIdsOf({ version: '1', partners: [{ partnerId: 'a' }, { partnerId: 'a' }] })).toThrow(/appears twice/);
    expect(() => partnerIdsOf({ partners: [] })).toThrow(/version/);
  });
});
