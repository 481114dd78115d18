import { loadGemeenteTable } from '@vt/reference-data';
import { loadPartnerDirectory, parsePartnerDirectory, PARTNER_ID, partnerTopics, REGIONAL_PARTNER_TYPES } from './partner-directory';

const island = (code: string, island: string) => [
  { partnerId: `lokaal-team-${code}`, partnerType: 'lokaal-team', name: `Openbaar lichaam ${code}`, regionCode: `vt-${code}`, island },
  ...REGIONAL_PARTNER_TYPES.map((type) => ({ partnerId: `${type}-${code}`, partnerType: type, name: `${type} ${code}`, regionCode: `vt-${code}` })),
];
const small = (extra: object[] = []): { version: string; partners: object[] } => ({
  version: '2026-11-29.1',
  partners: [
    { partnerId: 'lokaal-team-gm0014', partnerType: 'lokaal-team', name: 'Lokaal team Groningen', regionCode: 'vt-groningen', gemeenteCode: 'GM0014' },
    ...REGIONAL_PARTNER_TYPES.map((type) => ({ partnerId: `${type}-groningen`, partnerType: type, name: `${type} Groningen`, regionCode: 'vt-groningen' })),
    ...island('bq-bonaire', 'bonaire'),
    ...island('bq-saba', 'saba'),
    ...island('bq-sint-eustatius', 'sint-eustatius'),
    ...extra,
  ],
});

describe('the partner directory file', () => {
  const directory = loadPartnerDirectory();

  it('is versioned and covers every gemeente of the gemeente table with exactly one lokaal team', () => {
    expect(directory.version).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    for (const gemeente of loadGemeenteTable().gemeenten) {
      const teams = directory.partners.filter((p) => p.partnerType === 'lokaal-team' && p.gemeenteCode === gemeente.gemeentecode);
      expect(teams.map((t) => t.partnerId)).toEqual([`lokaal-team-${gemeente.gemeentecode.toLowerCase()}`]);
    }
  });

  it('has one partner of every regional type per VT region, island desks included', () => {
    const regions = new Set(directory.partners.map((p) => p.regionCode));
    expect(regions.size).toBe(29);
    for (const region of regions) {
      for (const type of REGIONAL_PARTNER_TYPES) expect(directory.partners.filter((p) => p.regionCode === region && p.partnerType === type)).toHaveLength(1);
    }
    expect(directory.partners.find((p) => p.partnerId === 'rvdk-groningen')).toMatchObject({ partnerType: 'rvdk', regionCode: 'vt-groningen' });
    expect(directory.partners.find((p) => p.partnerId === 'lokaal-team-bq-saba')).toMatchObject({ partnerType: 'lokaal-team', island: 'saba' });
  });

  it('gives every partner an id that is valid in a topic name, and lists its two topics', () => {
    expect(directory.partners.every((p) => PARTNER_ID.test(p.partnerId))).toBe(true);
    expect(partnerTopics(directory).find((t) => t.partnerId === 'mdt-twente')).toEqual({
      partnerId: 'mdt-twente',
      referrals: 'vt.partner.mdt-twente.referrals.v1',
      responses: 'vt.partner.mdt-twente.responses.v1',
    });
  });
});

describe('checking a directory', () => {
  it('accepts a small complete one', () => {
    expect(parsePartnerDirectory(small(), ['GM0014']).partners).toHaveLength(40);
  });

  it('refuses a duplicate id', () => {
    expect(() => parsePartnerDirectory(small([{ partnerId: 'ggz-groningen', partnerType: 'ggz', name: 'GGZ bis', regionCode: 'vt-groningen' }]), ['GM0014'])).toThrow(
      'partner directory: partner ggz-groningen appears more than once',
    );
  });

  it('refuses an id that cannot be part of a topic name', () => {
    expect(() => parsePartnerDirectory(small([{ partnerId: 'GGZ_Groningen', partnerType: 'ggz', name: 'x', regionCode: 'vt-groningen' }]), ['GM0014'])).toThrow(
      /partners\[40\] has partnerId "GGZ_Groningen"/,
    );
  });

  it('refuses a gemeente without a lokaal team, naming it', () => {
    expect(() => parsePartnerDirectory(small(), ['GM0014', 'GM0034'])).toThrow('partner directory: file has no lokaal team for 1 gemeente(n): GM0034');
  });

  it('refuses a region that lacks a regional type', () => {
    const file = small();
    file.partners = file.partners.filter((p) => (p as { partnerId: string }).partnerId !== 'mdt-groningen');
    expect(() => parsePartnerDirectory(file, ['GM0014'])).toThrow('partner directory: region vt-groningen has no partner of type mdt');
  });

  it('refuses a version that is not dated', () => {
    expect(() => parsePartnerDirectory({ ...small(), version: 'latest' }, ['GM0014'])).toThrow('expected YYYY-MM-DD.N');
  });
});

describe('a partial directory (tests and demos)', () => {
  it('skips the coverage checks but still checks every partner', () => {
    const partial = { version: '2026-11-29.1', coverage: 'partial', partners: [{ partnerId: 'mdt-groningen', partnerType: 'mdt', name: 'MDT', regionCode: 'vt-groningen' }] };
    expect(parsePartnerDirectory(partial, ['GM0014'])).toMatchObject({ coverage: 'partial', partners: [{ partnerId: 'mdt-groningen' }] });
    expect(() => parsePartnerDirectory({ ...partial, coverage: 'some' }, [])).toThrow('expected complete (default) or partial');
  });
});

// Rule (plan "Regions", docs/adr/0017): configuration keyed by region names VT regions in force; an unknown one fails the start naming it.
describe('the directory names VT regions only', () => {
  const partial = (regionCode: string) => ({ version: '2026-11-29.1', coverage: 'partial', partners: [{ partnerId: 'mdt-x', partnerType: 'mdt', name: 'MDT', regionCode }] });

  it('given the VT region codes in force, when a partner names another region, then the directory is refused naming it', () => {
    expect(() => parsePartnerDirectory(partial('vt-grunn'), [], ['vt-groningen', 'vt-fryslan'])).toThrow('names region codes that are not VT regions in force: vt-grunn');
    expect(parsePartnerDirectory(partial('vt-groningen'), [], ['vt-groningen']).partners).toHaveLength(1);
  });

  it('given the shipped directory, when loaded against the dated VT region table, then every region code is known', () => {
    expect(() => loadPartnerDirectory()).not.toThrow();
  });
});

