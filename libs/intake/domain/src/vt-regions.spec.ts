import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVtRegionTable, parseVtRegionTable } from './vt-regions';

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
