import { GemeenteTable, loadGemeenteTable } from '@vt/reference-data';
import { createHouseholdRouter, defaultHouseholdRouter, HouseholdAddress, HouseholdRouter, routeHousehold } from './routing';
import { loadVtRegionTable, VtRegion, VtRegionTable } from './vt-regions';

const gemeenten = loadGemeenteTable();
const vtRegions = loadVtRegionTable();
const router = createHouseholdRouter({ vtRegions, gemeenten });

/** Written out here, not derived from the data file: which VT region serves each veiligheidsregio. */
const VT_REGION_OF_VR: Record<string, string> = {
  VR01: 'vt-groningen',
  VR02: 'vt-fryslan',
  VR03: 'vt-drenthe',
  VR04: 'vt-ijsselland',
  VR05: 'vt-twente',
  VR06: 'vt-noord-en-oost-gelderland',
  VR07: 'vt-gelderland-midden',
  VR08: 'vt-gelderland-zuid',
  VR09: 'vt-utrecht',
  VR10: 'vt-noord-holland-noord',
  VR11: 'vt-zaanstreek-waterland',
  VR12: 'vt-kennemerland',
  VR13: 'vt-amsterdam-amstelland',
  VR14: 'vt-gooi-en-vechtstreek',
  VR15: 'vt-haaglanden',
  VR16: 'vt-hollands-midden',
  VR17: 'vt-rotterdam-rijnmond',
  VR18: 'vt-zuid-holland-zuid',
  VR19: 'vt-zeeland',
  VR21: 'vt-brabant-noordoost',
  VR22: 'vt-zuidoost-brabant',
  VR23: 'vt-limburg-noord',
  VR24: 'vt-zuid-limburg',
  VR25: 'vt-flevoland',
};

/** VR20 Midden- en West-Brabant, split by gemeente between two VT organisations [verify membership]. */
const WEST_BRABANT = ['Alphen-Chaam', 'Altena', 'Baarle-Nassau', 'Bergen op Zoom', 'Breda', 'Drimmelen', 'Etten-Leur', 'Geertruidenberg', 'Halderberge', 'Moerdijk', 'Oosterhout', 'Roosendaal', 'Rucphen', 'Steenbergen', 'Woensdrecht', 'Zundert'];
const MIDDEN_BRABANT = ['Dongen', 'Gilze en Rijen', 'Goirle', 'Hilvarenbeek', 'Loon op Zand', 'Oisterwijk', 'Tilburg', 'Waalwijk'];

const expectedRegion = (gemeentenaam: string, vrCode: string): string | undefined => {
  if (vrCode !== 'VR20') return VT_REGION_OF_VR[vrCode];
  if (WEST_BRABANT.includes(gemeentenaam)) return 'vt-west-brabant';
  if (MIDDEN_BRABANT.includes(gemeentenaam)) return 'vt-midden-brabant';
  return undefined;
};

describe('routeHousehold: every gemeente of the 2023 division', () => {
  it('given the 342 gemeenten, when each is routed by code, then each lands in the VT region of its veiligheidsregio or the right Brabant half', () => {
    expect(gemeenten.gemeenten).toHaveLength(342);
    const wrong: string[] = [];
    const perRegion = new Map<string, number>();
    for (const g of gemeenten.gemeenten) {
      const result = router.route({ kind: 'gemeente', gemeenteCode: g.gemeentecode, postcode: '1234 AB', houseNumber: 1 });
      const expected = expectedRegion(g.gemeentenaam, g.vrCode);
      if (!result.ok || result.value.vtRegion.code !== expected || result.value.veiligheidsregio?.code !== g.vrCode || result.value.timeZone !== 'Europe/Amsterdam' || result.value.calendar !== 'nl') {
        wrong.push(`${g.gemeentecode} ${g.gemeentenaam} (${g.vrCode}) → ${result.ok ? result.value.vtRegion.code : result.problem.code}, expected ${String(expected)}`);
      }
      if (result.ok) perRegion.set(result.value.vtRegion.code, (perRegion.get(result.value.vtRegion.code) ?? 0) + 1);
    }
    expect(wrong).toEqual([]);
    expect(perRegion.size).toBe(26);
    expect(perRegion.get('vt-west-brabant')).toBe(16);
    expect(perRegion.get('vt-midden-brabant')).toBe(8);
  });

  it('given the 342 gemeenten, when each is routed by its name, then it lands on the same gemeente as by code', () => {
    const wrong = gemeenten.gemeenten.filter((g) => {
      const result = router.route({ kind: 'gemeente', gemeenteCode: g.gemeentenaam });
      return !result.ok || result.value.gemeente?.code !== g.gemeentecode;
    });
    expect(wrong).toEqual([]);
  });

  it('given the Brabant split, when compared with the gemeente table, then the two halves are exactly the 24 VR20 gemeenten', () => {
    const vr20 = gemeenten.gemeenten.filter((g) => g.vrCode === 'VR20').map((g) => g.gemeentenaam);
    expect([...WEST_BRABANT, ...MIDDEN_BRABANT].sort()).toEqual([...vr20].sort());
  });

  it('given Tilburg and Breda, when routed, then they go to different VT organisations with the same veiligheidsregio', () => {
    const tilburg = router.route({ kind: 'gemeente', gemeenteCode: 'GM0855', postcode: '5038 AB', houseNumber: '1' });
    const breda = router.route({ kind: 'gemeente', gemeenteCode: 'GM0758', postcode: '4811 AB', houseNumber: '1' });
    expect(tilburg).toMatchObject({ ok: true, value: { vtRegion: { code: 'vt-midden-brabant' }, veiligheidsregio: { code: 'VR20', name: 'Midden- en West-Brabant' } } });
    expect(breda).toMatchObject({ ok: true, value: { vtRegion: { code: 'vt-west-brabant' }, veiligheidsregio: { code: 'VR20' } } });
  });
});

describe('routeHousehold: Caribisch Nederland', () => {
  it.each([
    ['bonaire', 'vt-bq-bonaire'],
    ['saba', 'vt-bq-saba'],
    ['sint-eustatius', 'vt-bq-sint-eustatius'],
  ] as const)('given a household on %s, when routed, then it goes to island desk %s in its own calendar and UTC−4, without veiligheidsregio or gemeente', (island, desk) => {
    const result = router.route({ kind: 'island', island });
    expect(result).toEqual({
      ok: true,
      value: {
        vtRegion: { code: desk, name: expect.any(String) as string },
        island,
        timeZone: 'America/Kralendijk',
        calendar: island,
        tables: { vtRegions: 'vt-regions-2023', gemeenten: 'gemeenten-2023' },
      },
    });
  });

  it('given an island that is not part of Caribisch Nederland, when routed, then it is refused', () => {
    const address = { kind: 'island', island: 'curacao' } as unknown as HouseholdAddress;
    expect(router.route(address)).toMatchObject({ ok: false, problem: { code: 'unknown-island' } });
  });
});

describe('routeHousehold: the address', () => {
  it('given a gemeente, postcode and house number, when routed, then the route carries them normalised and the table versions', () => {
    expect(router.route({ kind: 'gemeente', gemeenteCode: 'GM0363', postcode: '1011ab', houseNumber: '12a' })).toEqual({
      ok: true,
      value: {
        vtRegion: { code: 'vt-amsterdam-amstelland', name: 'Veilig Thuis Amsterdam-Amstelland' },
        veiligheidsregio: { code: 'VR13', name: 'Amsterdam-Amstelland' },
        gemeente: { code: 'GM0363', name: 'Amsterdam' },
        postcode: '1011 AB',
        houseNumber: '12-A',
        timeZone: 'Europe/Amsterdam',
        calendar: 'nl',
        tables: { vtRegions: 'vt-regions-2023', gemeenten: 'gemeenten-2023' },
      },
    });
  });

  it('given a household without a fixed address, when routed by gemeente only, then it is routed', () => {
    expect(router.route({ kind: 'gemeente', gemeenteCode: 'GM0599' })).toMatchObject({ ok: true, value: { vtRegion: { code: 'vt-rotterdam-rijnmond' } } });
  });

  it('given an invalid postcode, when routed, then the postcode problem comes back', () => {
    expect(router.route({ kind: 'gemeente', gemeenteCode: 'GM0363', postcode: '1011 SS', houseNumber: 1 })).toMatchObject({ ok: false, problem: { code: 'postcode-reserved-letters' } });
  });

  it('given an invalid house number, when routed, then the house number problem comes back', () => {
    expect(router.route({ kind: 'gemeente', gemeenteCode: 'GM0363', postcode: '1011 AB', houseNumber: 0 })).toMatchObject({ ok: false, problem: { code: 'house-number-out-of-range' } });
  });

  it.each(['gm0363', ' GM0363 ', '0363', '363'])('given code "%s", when routed, then it is read as GM0363', (code) => {
    expect(router.route({ kind: 'gemeente', gemeenteCode: code })).toMatchObject({ ok: true, value: { gemeente: { code: 'GM0363' } } });
  });

  it.each([
    ['amsterdam', 'GM0363'],
    ['SUDWEST FRYSLAN', 'GM1900'],
    ['súdwest-fryslân', 'GM1900'],
    ["'s-hertogenbosch", 'GM0796'],
    ['s hertogenbosch', 'GM0796'],
    ['Den Haag', 'GM0518'],
    ['den bosch', 'GM0796'],
    ['Hengelo', 'GM0164'],
    ['Nuenen, Gerwen en Nederwetten', 'GM0820'],
  ])('given the name "%s", when routed, then it is read as %s (case, accents and punctuation do not count)', (name, code) => {
    expect(router.route({ kind: 'gemeente', gemeenteCode: name })).toMatchObject({ ok: true, value: { gemeente: { code } } });
  });
});

describe('routeHousehold: unknown gemeente', () => {
  it.each([
    ['Tilbrug', 'Tilburg'],
    ['amsterdm', 'Amsterdam'],
    ['Groningn', 'Groningen'],
    ['Sudwest Friesland', 'Súdwest-Fryslân'],
    ['Den Haga', "'s-Gravenhage"],
  ])('given the misspelled name "%s", when routed, then the problem suggests three names, closest first: %s', (typed, closest) => {
    const result = router.route({ kind: 'gemeente', gemeenteCode: typed });
    expect(result.ok).toBe(false);
    if (!result.ok && result.problem.code === 'unknown-gemeente' && 'suggestions' in result.problem) {
      expect(result.problem.suggestions).toHaveLength(3);
      expect(result.problem.suggestions[0]).toBe(closest);
      expect(result.problem.message).toContain(closest);
    } else throw new Error(`expected unknown-gemeente, got ${JSON.stringify(result)}`);
  });

  it.each([
    ['Nuenen', 'Nuenen, Gerwen en Nederwetten'],
    ['Alphen', 'Alphen aan den Rijn'],
  ])('given only the start of a name, "%s", when routed, then the gemeente it starts is suggested first: %s', (typed, closest) => {
    const result = router.findGemeente(typed);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.suggestions[0]).toBe(closest);
      expect(result.problem.message).toContain(`"${closest}"`);
    }
  });

  it('given "Bergen", which names two gemeenten, when routed, then both are suggested instead of guessing', () => {
    const result = router.route({ kind: 'gemeente', gemeenteCode: 'bergen' });
    expect(result).toMatchObject({ ok: false, problem: { code: 'unknown-gemeente' } });
    if (!result.ok && 'suggestions' in result.problem) expect(result.problem.suggestions.slice(0, 2).sort()).toEqual(['Bergen (L.)', 'Bergen (NH.)']);
  });

  it('given a code that is not in the table, when routed, then the problem names the table and suggests gemeenten with the closest codes', () => {
    const result = router.findGemeente('GM0364');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.code).toBe('unknown-gemeente');
      expect(result.problem.message).toContain('gemeenten-2023');
      expect(result.problem.suggestions).toHaveLength(3);
      expect(result.problem.suggestions[0]).toBe('Amsterdam');
    }
  });

  it('given an empty gemeente, when routed, then the problem asks for a code or a name and suggests nothing', () => {
    expect(router.findGemeente('  ')).toMatchObject({ ok: false, problem: { code: 'unknown-gemeente', suggestions: [] } });
  });
});

describe('routeHousehold with the default router', () => {
  it('given no router, when a household is routed, then the tables in data/reference are used', () => {
    expect(routeHousehold({ kind: 'gemeente', gemeenteCode: 'GM0014' })).toMatchObject({ ok: true, value: { vtRegion: { code: 'vt-groningen' } } });
    expect(defaultHouseholdRouter().tables).toEqual({ vtRegions: 'vt-regions-2023', gemeenten: 'gemeenten-2023' });
  });
});

// --- Building a router checks that the two tables fit ------------------------------------------------------

const smallGemeenten: GemeenteTable = {
  version: 'gemeenten-test',
  validFrom: '2023-01-01',
  gemeenten: [
    { gemeentecode: 'GM0001', gemeentenaam: 'Aadorp', vrCode: 'VR01', vrNaam: 'Noord' },
    { gemeentecode: 'GM0002', gemeentenaam: 'Beedorp', vrCode: 'VR02', vrNaam: 'Zuid' },
    { gemeentecode: 'GM0003', gemeentenaam: 'Ceedorp', vrCode: 'VR02', vrNaam: 'Zuid' },
  ],
};

const region = (code: string, covers: VtRegion['covers'], extra: Partial<VtRegion> = {}): VtRegion => ({
  code,
  name: code,
  validFrom: '2023-01-01',
  timeZone: covers.kind === 'island' ? 'America/Kralendijk' : 'Europe/Amsterdam',
  calendar: covers.kind === 'island' ? covers.island : 'nl',
  covers,
  ...extra,
});

const islands = [region('vt-bq-bonaire', { kind: 'island', island: 'bonaire' }), region('vt-bq-saba', { kind: 'island', island: 'saba' }), region('vt-bq-sint-eustatius', { kind: 'island', island: 'sint-eustatius' })];

const smallTable = (regions: VtRegion[], gemeenteTable = 'gemeenten-test'): VtRegionTable => ({ version: 'vt-test', validFrom: '2023-01-01', gemeenteTable, provenance: ['test'], regions: [...regions, ...islands] });

const vr = (...veiligheidsregios: string[]): VtRegion['covers'] => ({ kind: 'mainland', veiligheidsregios, gemeenten: [] });
const members = (...list: [string, string][]): VtRegion['covers'] => ({ kind: 'mainland', veiligheidsregios: [], gemeenten: list.map(([gemeentecode, gemeentenaam]) => ({ gemeentecode, gemeentenaam })) });

const build = (regions: VtRegion[], gemeenteTable?: string): HouseholdRouter => createHouseholdRouter({ vtRegions: smallTable(regions, gemeenteTable), gemeenten: smallGemeenten });

describe('createHouseholdRouter', () => {
  it('given a gemeente listed by name in another region, when routed, then the listing overrides its veiligheidsregio', () => {
    const small = build([region('vt-noord', vr('VR01')), region('vt-zuid', vr('VR02')), region('vt-noord-extra', members(['GM0003', 'Ceedorp']))]);
    expect(small.regionOfGemeente('GM0002')?.code).toBe('vt-zuid');
    expect(small.regionOfGemeente('GM0003')?.code).toBe('vt-noord-extra');
  });

  it('given a VT table made for another gemeente division, when the router is built, then it is refused', () => {
    expect(() => build([region('vt-noord', vr('VR01')), region('vt-zuid', vr('VR02'))], 'gemeenten-2019')).toThrow('refers to gemeenten-2019, not to gemeenten-test');
  });

  it('given a gemeente no region covers, when the router is built, then it is refused naming the gemeente', () => {
    expect(() => build([region('vt-noord', vr('VR01')), region('vt-zuid', members(['GM0002', 'Beedorp']))])).toThrow('no VT region for GM0003 Ceedorp (VR02)');
  });

  it('given a veiligheidsregio in two regions, when the router is built, then it is refused', () => {
    expect(() => build([region('vt-noord', vr('VR01', 'VR02')), region('vt-zuid', vr('VR02'))])).toThrow('VR02 is covered by vt-noord and vt-zuid');
  });

  it('given a gemeente listed by two regions, when the router is built, then it is refused', () => {
    expect(() => build([region('vt-noord', vr('VR01')), region('vt-zuid', vr('VR02')), region('vt-a', members(['GM0003', 'Ceedorp'])), region('vt-b', members(['GM0003', 'Ceedorp']))])).toThrow(
      'GM0003 is listed by vt-a and vt-b',
    );
  });

  it('given a listed gemeente that is not in the gemeente table, or listed under another name, when the router is built, then it is refused', () => {
    expect(() => build([region('vt-noord', vr('VR01')), region('vt-zuid', vr('VR02')), region('vt-x', members(['GM0009', 'Nergens']))])).toThrow('vt-x lists GM0009, which is not in gemeenten-test');
    expect(() => build([region('vt-noord', vr('VR01')), region('vt-zuid', vr('VR02')), region('vt-x', members(['GM0003', 'Seedorp']))])).toThrow('but gemeenten-test calls it Ceedorp');
  });

  it('given a veiligheidsregio without gemeenten, when the router is built, then it is refused', () => {
    expect(() => build([region('vt-noord', vr('VR01')), region('vt-zuid', vr('VR02', 'VR26'))])).toThrow('vt-zuid covers VR26, which has no gemeente');
  });

  it('given an island without a desk, when the router is built, then it is refused', () => {
    const table = smallTable([region('vt-noord', vr('VR01')), region('vt-zuid', vr('VR02'))]);
    table.regions = table.regions.filter((r) => r.code !== 'vt-bq-saba');
    expect(() => createHouseholdRouter({ vtRegions: table, gemeenten: smallGemeenten })).toThrow('no island desk for saba');
  });

  it('given a region that ended and its successor, when routers are built for dates either side, then each uses the region in force', () => {
    const regions = [
      region('vt-noord', vr('VR01')),
      region('vt-zuid-oud', vr('VR02'), { validUntil: '2024-01-01' }),
      region('vt-zuid-nieuw', vr('VR02'), { validFrom: '2024-01-01' }),
    ];
    expect(build(regions).regionOfGemeente('GM0002')?.code).toBe('vt-zuid-nieuw');
    expect(createHouseholdRouter({ vtRegions: smallTable(regions), gemeenten: smallGemeenten }, { asOf: '2023-06-30' }).regionOfGemeente('GM0002')?.code).toBe('vt-zuid-oud');
    expect(createHouseholdRouter({ vtRegions: smallTable(regions), gemeenten: smallGemeenten }, { asOf: '2024-01-01' }).regionOfGemeente('GM0002')?.code).toBe('vt-zuid-nieuw');
  });
});
