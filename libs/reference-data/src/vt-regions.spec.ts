import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGemeenteTable } from './gemeenten';
import { assertRegionKeys, createVtRegionIndex, defaultVtRegionIndex, loadVtRegionTable, parseVtRegionTable, regionCodesInForce, unknownRegionProblem } from './vt-regions';

describe('the VT region table in data/reference', () => {
  const table = loadVtRegionTable();

  it('given vt-regions-2023.json, when loaded, then it is dated and refers to the 2023 gemeente division', () => {
    expect(table.version).toBe('vt-regions-2023');
    expect(table.validFrom).toBe('2023-01-01');
    expect(table.gemeenteTable).toBe('gemeenten-2023');
  });

  it('given the table, when read, then it has 26 mainland VT regions and 3 island desks', () => {
    expect(table.regions.filter((r) => r.covers.kind === 'mainland')).toHaveLength(26);
    expect(table.regions.filter((r) => r.covers.kind === 'island').map((r) => r.code)).toEqual(['vt-bq-bonaire', 'vt-bq-saba', 'vt-bq-sint-eustatius']);
  });

  it('given the table, when read, then 24 regions cover one veiligheidsregio each and VR20 is split by gemeente between two regions', () => {
    const byVr = table.regions.filter((r) => r.covers.kind === 'mainland' && r.covers.veiligheidsregios.length === 1);
    expect(byVr).toHaveLength(24);
    const split = table.regions.filter((r) => r.covers.kind === 'mainland' && r.covers.gemeenten.length > 0).map((r) => r.code);
    expect(split).toEqual(['vt-west-brabant', 'vt-midden-brabant']);
  });

  it('given the uncertain entries, when read, then the Brabant split and the island desks carry a verify note and the provenance says so', () => {
    for (const code of ['vt-west-brabant', 'vt-midden-brabant', 'vt-bq-bonaire', 'vt-bq-saba', 'vt-bq-sint-eustatius']) {
      expect(table.regions.find((r) => r.code === code)?.verify).toEqual(expect.any(String));
    }
    expect(table.provenance.join(' ')).toContain('[verify membership]');
  });

  it('given the island desks, when read, then they run on America/Kralendijk with their own island calendar', () => {
    for (const desk of table.regions.filter((r) => r.covers.kind === 'island')) {
      expect(desk.timeZone).toBe('America/Kralendijk');
      expect(desk.covers.kind === 'island' && desk.calendar === desk.covers.island).toBe(true);
    }
  });

  it('given a folder and file name, when loaded from there, then that file is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vt-regions-'));
    writeFileSync(
      join(dir, 'vt-regions-test.json'),
      JSON.stringify({ version: 'vt-test', validFrom: '2024-01-01', gemeenteTable: 'g', provenance: 'note', regions: [{ code: 'vt-x', name: 'X', validFrom: '2024-01-01', timeZone: 'Europe/Amsterdam', calendar: 'nl', covers: { veiligheidsregios: ['VR01'] } }] }),
    );
    expect(loadVtRegionTable(dir, 'vt-regions-test.json')).toMatchObject({ version: 'vt-test', provenance: ['note'], regions: [{ code: 'vt-x', covers: { kind: 'mainland', veiligheidsregios: ['VR01'], gemeenten: [] } }] });
  });
});

describe('parseVtRegionTable refuses a malformed table', () => {
  const good = { code: 'vt-x', name: 'X', validFrom: '2023-01-01', timeZone: 'Europe/Amsterdam', calendar: 'nl', covers: { veiligheidsregios: ['VR01'] } };
  const tableWith = (...regions: unknown[]): unknown => ({ version: 'v', validFrom: '2023-01-01', gemeenteTable: 'g', provenance: ['p'], regions });

  it.each([
    ['not an object', [], 'table is not an object'],
    ['without provenance', { version: 'v', validFrom: '2023-01-01', gemeenteTable: 'g', regions: [good] }, 'has no provenance note'],
    ['without regions', tableWith(), 'has no regions'],
    ['with a bad table date', { ...(tableWith(good) as object), validFrom: '2023-02-30' }, 'has no valid validFrom'],
    ['with a code that is not vt-kebab-case', tableWith({ ...good, code: 'VT Utrecht' }), 'a code is kebab-case starting with vt-'],
    ['with a region without name', tableWith({ ...good, name: ' ' }), 'region vt-x has no name'],
    ['with a region date that does not exist', tableWith({ ...good, validFrom: '2023-13-01' }), 'region vt-x has no valid validFrom'],
    ['with an end before the start', tableWith({ ...good, validUntil: '2022-12-31' }), 'validUntil that is not a date after validFrom'],
    ['with an unknown time zone', tableWith({ ...good, timeZone: 'Europe/Kralendijk' }), 'unknown time zone'],
    ['with an unknown calendar', tableWith({ ...good, calendar: 'curacao' }), 'unknown calendar'],
    ['with an island desk on the Dutch calendar', tableWith({ ...good, calendar: 'nl', covers: { island: 'saba' } }), 'uses calendar nl; a region covering saba uses saba'],
    ['with a mainland region on an island calendar', tableWith({ ...good, calendar: 'bonaire' }), 'uses calendar bonaire; a region covering gemeenten uses nl'],
    ['with an unknown island', tableWith({ ...good, calendar: 'nl', covers: { island: 'aruba' } }), 'covers an unknown island'],
    ['with an island desk that covers more', tableWith({ ...good, calendar: 'saba', covers: { island: 'saba', veiligheidsregios: ['VR01'] } }), 'covers an island and something else'],
    ['with a region that covers nothing', tableWith({ ...good, covers: {} }), 'covers nothing'],
    ['with a bad veiligheidsregio code', tableWith({ ...good, covers: { veiligheidsregios: ['Utrecht'] } }), 'not codes like VR01'],
    ['with a bad gemeente member', tableWith({ ...good, covers: { gemeenten: [{ gemeentecode: '0363', gemeentenaam: 'Amsterdam' }] } }), 'covers.gemeenten[0]'],
    ['with a region twice', tableWith(good, good), 'region vt-x appears twice'],
  ])('given a table %s, when parsed, then it is refused', (_what, raw, message) => {
    expect(() => parseVtRegionTable(raw)).toThrow(message);
  });
});

/*
 * The rules below come from the shared plan for issue 11 ("Regions", /work/plan/ISSUE-11-PLAN.md) and
 * DOMAIN.md "Regions": a region is a Veilig Thuis organisation from the dated VT region table; VR20
 * Midden- en West-Brabant is served by two of them; configuration keyed by region is validated at start
 * and an unknown key fails naming the key.
 */
describe('the VT region index (DOMAIN.md "Regions": a household goes to the VT region of its gemeente)', () => {
  const index = defaultVtRegionIndex();

  it('given the 2023 tables, when indexed, then 26 mainland regions and 3 island desks are in force, each code once', () => {
    const codes = regionCodesInForce();
    expect(codes).toHaveLength(29);
    expect(new Set(codes).size).toBe(29);
    expect(codes).toEqual(expect.arrayContaining(['vt-groningen', 'vt-amsterdam-amstelland', 'vt-west-brabant', 'vt-midden-brabant', 'vt-bq-bonaire', 'vt-bq-saba', 'vt-bq-sint-eustatius']));
    expect(codes.every((code) => code.startsWith('vt-'))).toBe(true);
  });

  it('given Breda (GM0758) and Tilburg (GM0855), both in VR20, when looked up, then they belong to West-Brabant and Midden-Brabant', () => {
    expect(index.regionOfGemeente('GM0758')?.code).toBe('vt-west-brabant');
    expect(index.regionOfGemeente('GM0855')?.code).toBe('vt-midden-brabant');
    expect(index.regionOfGemeente('GM0363')?.code).toBe('vt-amsterdam-amstelland');
    expect(index.regionOfGemeente('GM9999')).toBeUndefined();
  });

  it('given a veiligheidsregio, when asked who serves it, then VR20 names both Brabant organisations and VR13 one', () => {
    expect(index.regionsOfVeiligheidsregio('VR20').map((r) => r.code)).toEqual(['vt-west-brabant', 'vt-midden-brabant']);
    expect(index.regionsOfVeiligheidsregio('VR13').map((r) => r.code)).toEqual(['vt-amsterdam-amstelland']);
    expect(index.regionsOfVeiligheidsregio('VR26')).toEqual([]);
  });

  it('given an island, when asked for its desk, then it is the island desk on the island calendar', () => {
    expect(index.deskOfIsland('saba')).toMatchObject({ code: 'vt-bq-saba', calendar: 'saba', timeZone: 'America/Kralendijk' });
  });

  it('given a region that ended, when indexed without a date or after its end, then it is not in force; on a day it was valid, it is', () => {
    const table = loadVtRegionTable();
    const gemeenten = loadGemeenteTable();
    const ended = { ...table, regions: table.regions.map((r) => (r.code === 'vt-groningen' ? { ...r, validUntil: '2024-01-01' } : r)) };
    expect(() => createVtRegionIndex({ vtRegions: ended, gemeenten })).toThrow('no VT region for GM0014 Groningen (VR01)');
    expect(createVtRegionIndex({ vtRegions: ended, gemeenten }, { asOf: '2023-06-01' }).codes).toContain('vt-groningen');
  });

  it('given a table that lists a gemeente under two regions, when indexed, then it is refused naming both', () => {
    const table = loadVtRegionTable();
    const twice = {
      ...table,
      regions: table.regions.map((r) => (r.code === 'vt-midden-brabant' && r.covers.kind === 'mainland' ? { ...r, covers: { ...r.covers, gemeenten: [...r.covers.gemeenten, { gemeentecode: 'GM0758', gemeentenaam: 'Breda' }] } } : r)),
    };
    expect(() => createVtRegionIndex({ vtRegions: twice, gemeenten: loadGemeenteTable() })).toThrow('GM0758 is listed by vt-west-brabant and vt-midden-brabant');
  });
});

describe('region codes and region-keyed configuration (plan "Regions": an unknown key fails the start, naming the key)', () => {
  it('given a VT region code, when checked, then there is no problem', () => {
    expect(unknownRegionProblem('vt-west-brabant')).toBeUndefined();
    expect(unknownRegionProblem('vt-bq-bonaire')).toBeUndefined();
  });

  it('given a veiligheidsregio code, when checked, then the problem names the VT region(s) that serve it', () => {
    expect(unknownRegionProblem('VR13')).toBe('"VR13" is a veiligheidsregio, not a Veilig Thuis region; VR13 is served by vt-amsterdam-amstelland');
    expect(unknownRegionProblem('VR20')).toBe('"VR20" is a veiligheidsregio, not a Veilig Thuis region; VR20 is served by vt-west-brabant and vt-midden-brabant');
    expect(unknownRegionProblem('VR26')).toContain('"VR26" is not a veiligheidsregio');
  });

  it('given known region keys, when validated, then nothing is thrown', () => {
    expect(() => assertRegionKeys(['vt-utrecht', 'vt-bq-saba'], 'monitoring configuration x.json regions')).not.toThrow();
    expect(() => assertRegionKeys([], 'x')).not.toThrow();
  });

  it('given an unknown key and a veiligheidsregio key, when validated, then one error names the source and each key', () => {
    expect(() => assertRegionKeys(['vt-utrecht', 'vt-utrect', 'VR20'], 'monitoring configuration x.json regions')).toThrow(
      /^monitoring configuration x\.json regions: unknown region key "vt-utrect" is not a Veilig Thuis region of vt-regions-2023; unknown region key "VR20" is a veiligheidsregio, not a Veilig Thuis region; VR20 is served by vt-west-brabant and vt-midden-brabant; the VT region codes are vt-groningen, /,
    );
  });
});
