import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GemeenteTable, loadGemeenteTable, REFERENCE_DATA_DIR } from './gemeenten';

/**
 * Veilig Thuis regions as their own dated code list, modelled apart from the veiligheidsregio's they
 * mostly follow. The table is configuration (`data/reference/vt-regions-<year>.json`). A region code
 * (`vt-groningen`, `vt-west-brabant`, `vt-bq-bonaire`) is what routing, crisis and assessment queues, token
 * scopes, region-keyed configuration and reports use; a veiligheidsregio code (`VR01`–`VR25`) only where
 * the veiligheidsregio itself is meant (docs/adr/0017).
 *
 * `parseVtRegionTable` checks the shape of a table; `createVtRegionIndex` checks that it covers every
 * gemeente of its gemeente table exactly once and answers which region a gemeente, island or
 * veiligheidsregio belongs to.
 */

export const ISLANDS = ['bonaire', 'saba', 'sint-eustatius'] as const;
export type Island = (typeof ISLANDS)[number];

export const REGION_CALENDARS = ['nl', ...ISLANDS] as const;
/** Which public holidays count for a region's deadlines. */
export type RegionCalendar = (typeof REGION_CALENDARS)[number];

export interface GemeenteMember {
  gemeentecode: string;
  /** As in the gemeente table; checked against it, so that a wrong code in the file is noticed. */
  gemeentenaam: string;
}

/** A mainland region covers whole veiligheidsregio's and/or single gemeenten; an island desk covers its island. */
export type VtRegionCovers = { kind: 'mainland'; veiligheidsregios: string[]; gemeenten: GemeenteMember[] } | { kind: 'island'; island: Island };

export interface VtRegion {
  code: string;
  name: string;
  validFrom: string;
  validUntil?: string;
  timeZone: string;
  calendar: RegionCalendar;
  /** What about this entry is not confirmed from a public source. */
  verify?: string;
  covers: VtRegionCovers;
}

export interface VtRegionTable {
  /** e.g. `vt-regions-2023`. */
  version: string;
  validFrom: string;
  /** The gemeente division the memberships refer to, e.g. `gemeenten-2023`. */
  gemeenteTable: string;
  provenance: string[];
  regions: VtRegion[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION_CODE = /^vt-[a-z0-9]+(-[a-z0-9]+)*$/;

function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function fail(where: string, what: string): never {
  throw new Error(`vt-regions: ${where} ${what}`);
}

function parseCovers(raw: unknown, where: string): VtRegionCovers {
  if (!isRecord(raw)) fail(where, 'has no covers object');
  if ('island' in raw) {
    if (Object.keys(raw).length !== 1) fail(where, 'covers an island and something else');
    const island = raw['island'];
    if (!ISLANDS.includes(island as Island)) fail(where, `covers an unknown island ${JSON.stringify(island)}; known: ${ISLANDS.join(', ')}`);
    return { kind: 'island', island: island as Island };
  }
  const vrs = raw['veiligheidsregios'] ?? [];
  const members = raw['gemeenten'] ?? [];
  if (!Array.isArray(vrs) || !vrs.every((vr) => typeof vr === 'string' && /^VR\d{2}$/.test(vr))) fail(where, 'has covers.veiligheidsregios that are not codes like VR01');
  if (!Array.isArray(members)) fail(where, 'has covers.gemeenten that is not a list');
  const gemeenten = members.map((member, i): GemeenteMember => {
    if (!isRecord(member) || typeof member['gemeentecode'] !== 'string' || !/^GM\d{4}$/.test(member['gemeentecode']) || !isText(member['gemeentenaam'])) {
      fail(where, `has covers.gemeenten[${i}] that is not { gemeentecode: "GMxxxx", gemeentenaam }`);
    }
    return { gemeentecode: member['gemeentecode'], gemeentenaam: member['gemeentenaam'] };
  });
  if (vrs.length + gemeenten.length === 0) fail(where, 'covers nothing');
  return { kind: 'mainland', veiligheidsregios: vrs as string[], gemeenten };
}

function parseRegion(raw: unknown, index: number): VtRegion {
  let where = `regions[${index}]`;
  if (!isRecord(raw)) fail(where, 'is not an object');
  const { code, name, validFrom, validUntil, timeZone, calendar, verify } = raw;
  if (typeof code !== 'string' || !REGION_CODE.test(code)) fail(where, `has code ${JSON.stringify(code)}; a code is kebab-case starting with vt-`);
  where = `region ${code}`;
  if (!isText(name)) fail(where, 'has no name');
  if (!isIsoDate(validFrom)) fail(where, 'has no valid validFrom date (YYYY-MM-DD)');
  if (validUntil !== undefined && (!isIsoDate(validUntil) || validUntil <= validFrom)) fail(where, 'has a validUntil that is not a date after validFrom');
  if (!isTimeZone(timeZone)) fail(where, `has an unknown time zone ${JSON.stringify(timeZone)}`);
  if (!REGION_CALENDARS.includes(calendar as RegionCalendar)) fail(where, `has an unknown calendar ${JSON.stringify(calendar)}; known: ${REGION_CALENDARS.join(', ')}`);
  if (verify !== undefined && !isText(verify)) fail(where, 'has an empty verify note');
  const covers = parseCovers(raw['covers'], where);
  const expectedCalendar: RegionCalendar = covers.kind === 'island' ? covers.island : 'nl';
  if (calendar !== expectedCalendar) fail(where, `uses calendar ${String(calendar)}; a region covering ${covers.kind === 'island' ? covers.island : 'gemeenten'} uses ${expectedCalendar}`);
  return {
    code,
    name,
    validFrom,
    ...(validUntil !== undefined ? { validUntil: validUntil as string } : {}),
    timeZone,
    calendar: calendar as RegionCalendar,
    ...(verify !== undefined ? { verify: verify as string } : {}),
    covers,
  };
}

/** Reads and checks the shape of a VT region table (the parsed JSON); throws naming the faulty entry. */
export function parseVtRegionTable(raw: unknown): VtRegionTable {
  if (!isRecord(raw)) fail('table', 'is not an object');
  const { version, validFrom, gemeenteTable, provenance, regions } = raw;
  if (!isText(version)) fail('table', 'has no version');
  if (!isIsoDate(validFrom)) fail('table', 'has no valid validFrom date (YYYY-MM-DD)');
  if (!isText(gemeenteTable)) fail('table', 'does not name its gemeente table');
  const notes = typeof provenance === 'string' ? [provenance] : provenance;
  if (!Array.isArray(notes) || notes.length === 0 || !notes.every(isText)) fail('table', 'has no provenance note');
  if (!Array.isArray(regions) || regions.length === 0) fail('table', 'has no regions');
  const parsed = regions.map(parseRegion);
  const seen = new Set<string>();
  for (const region of parsed) {
    if (seen.has(region.code)) fail(`region ${region.code}`, 'appears twice');
    seen.add(region.code);
  }
  return { version, validFrom, gemeenteTable, provenance: notes, regions: parsed };
}

/** The table in force for the skeleton: `vt-regions-2023.json` in the reference data folder. */
export function loadVtRegionTable(dir = REFERENCE_DATA_DIR, file = 'vt-regions-2023.json'): VtRegionTable {
  return parseVtRegionTable(JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown);
}

/** Whether a region is in force on `asOf` (ISO date); without a date, the entries without an end date. */
export function regionInForce(region: VtRegion, asOf: string | undefined): boolean {
  if (asOf === undefined) return region.validUntil === undefined;
  return region.validFrom <= asOf && (region.validUntil === undefined || asOf < region.validUntil);
}

/** The VT regions of a table in force, checked against a gemeente division, with the lookups every service needs. */
export interface VtRegionIndex {
  /** The table versions the index was built from, e.g. `vt-regions-2023` and `gemeenten-2023`. */
  readonly tables: { vtRegions: string; gemeenten: string };
  /** The regions in force, in the table's order. */
  readonly regions: readonly VtRegion[];
  /** Their codes. */
  readonly codes: readonly string[];
  region(code: string): VtRegion | undefined;
  /** The region of a gemeentecode (a gemeente listed by a region overrides its veiligheidsregio's region). */
  regionOfGemeente(gemeentecode: string): VtRegion | undefined;
  /** The island desk of an island of Caribisch Nederland. */
  deskOfIsland(island: Island): VtRegion | undefined;
  /** The regions that serve (some of) the gemeenten of a veiligheidsregio: one, or two for VR20 Midden- en West-Brabant. */
  regionsOfVeiligheidsregio(vrCode: string): VtRegion[];
}

/**
 * Builds the index and checks that the region table fits the gemeente table: same division, every
 * gemeente in exactly one region (a gemeente listed by name overrides its veiligheidsregio's region),
 * every island in exactly one desk. Throws, listing what is wrong, when it does not.
 * `asOf` (ISO date) picks the regions valid on that day; without it, the entries without an end date.
 */
export function createVtRegionIndex(tables: { vtRegions: VtRegionTable; gemeenten: GemeenteTable }, options: { asOf?: string } = {}): VtRegionIndex {
  const { vtRegions, gemeenten } = tables;
  const errors: string[] = [];
  if (vtRegions.gemeenteTable !== gemeenten.version) errors.push(`${vtRegions.version} refers to ${vtRegions.gemeenteTable}, not to ${gemeenten.version}`);
  const regions = vtRegions.regions.filter((region) => regionInForce(region, options.asOf));
  const byCode = new Map(gemeenten.gemeenten.map((g) => [g.gemeentecode, g]));
  const knownVrs = new Set(gemeenten.gemeenten.map((g) => g.vrCode));

  const regionOfVr = new Map<string, VtRegion>();
  const regionOfMember = new Map<string, VtRegion>();
  const deskOfIsland = new Map<Island, VtRegion>();
  for (const region of regions) {
    if (region.covers.kind === 'island') {
      const other = deskOfIsland.get(region.covers.island);
      if (other) errors.push(`${region.covers.island} is covered by ${other.code} and ${region.code}`);
      deskOfIsland.set(region.covers.island, region);
      continue;
    }
    for (const vr of region.covers.veiligheidsregios) {
      const other = regionOfVr.get(vr);
      if (other) errors.push(`${vr} is covered by ${other.code} and ${region.code}`);
      if (!knownVrs.has(vr)) errors.push(`${region.code} covers ${vr}, which has no gemeente in ${gemeenten.version}`);
      regionOfVr.set(vr, region);
    }
    for (const member of region.covers.gemeenten) {
      const other = regionOfMember.get(member.gemeentecode);
      if (other) errors.push(`${member.gemeentecode} is listed by ${other.code} and ${region.code}`);
      const gemeente = byCode.get(member.gemeentecode);
      if (!gemeente) errors.push(`${region.code} lists ${member.gemeentecode}, which is not in ${gemeenten.version}`);
      else if (gemeente.gemeentenaam !== member.gemeentenaam) errors.push(`${region.code} lists ${member.gemeentecode} as ${member.gemeentenaam}, but ${gemeenten.version} calls it ${gemeente.gemeentenaam}`);
      regionOfMember.set(member.gemeentecode, region);
    }
  }
  const regionOfGemeente = new Map<string, VtRegion>();
  const regionsOfVr = new Map<string, VtRegion[]>();
  const uncovered: string[] = [];
  for (const g of gemeenten.gemeenten) {
    const region = regionOfMember.get(g.gemeentecode) ?? regionOfVr.get(g.vrCode);
    if (!region) {
      uncovered.push(`${g.gemeentecode} ${g.gemeentenaam} (${g.vrCode})`);
      continue;
    }
    regionOfGemeente.set(g.gemeentecode, region);
    const serving = regionsOfVr.get(g.vrCode) ?? [];
    if (!serving.includes(region)) regionsOfVr.set(g.vrCode, [...serving, region]);
  }
  if (uncovered.length > 0) errors.push(`no VT region for ${uncovered.join(', ')}`);
  const missingIslands = ISLANDS.filter((island) => !deskOfIsland.has(island));
  if (missingIslands.length > 0) errors.push(`no island desk for ${missingIslands.join(', ')}`);
  if (errors.length > 0) throw new Error(`VT region table ${vtRegions.version} does not fit ${gemeenten.version}: ${errors.join('; ')}`);

  const regionByCode = new Map(regions.map((region) => [region.code, region]));
  // Regions in the table's order, so that VR20 names West-Brabant before Midden-Brabant as the table does.
  const ordered = (list: VtRegion[]): VtRegion[] => regions.filter((region) => list.includes(region));
  return {
    tables: { vtRegions: vtRegions.version, gemeenten: gemeenten.version },
    regions,
    codes: regions.map((region) => region.code),
    region: (code) => regionByCode.get(code),
    regionOfGemeente: (code) => regionOfGemeente.get(code),
    deskOfIsland: (island) => deskOfIsland.get(island),
    regionsOfVeiligheidsregio: (vrCode) => ordered(regionsOfVr.get(vrCode) ?? []),
  };
}

let defaultIndex: VtRegionIndex | undefined;

/** The index over the tables in force in `data/reference` (`vt-regions-2023.json`, `gemeenten-2023.csv`), read once. */
export function defaultVtRegionIndex(): VtRegionIndex {
  defaultIndex ??= createVtRegionIndex({ vtRegions: loadVtRegionTable(), gemeenten: loadGemeenteTable() });
  return defaultIndex;
}

/** The codes of the VT regions in force (island desks included), in the table's order. */
export function regionCodesInForce(index: VtRegionIndex = defaultVtRegionIndex()): string[] {
  return [...index.codes];
}

const VEILIGHEIDSREGIO = /^VR\d{2}$/;

/**
 * Why `value` is not a VT region code in force, or undefined when it is one. A veiligheidsregio code is
 * answered with the VT region(s) that serve it (`VR20` → vt-west-brabant, vt-midden-brabant).
 */
export function unknownRegionProblem(value: string, index: VtRegionIndex = defaultVtRegionIndex()): string | undefined {
  if (index.region(value)) return undefined;
  if (VEILIGHEIDSREGIO.test(value)) {
    const serving = index.regionsOfVeiligheidsregio(value).map((region) => region.code);
    return serving.length > 0
      ? `"${value}" is a veiligheidsregio, not a Veilig Thuis region; ${value} is served by ${serving.join(' and ')}`
      : `"${value}" is not a veiligheidsregio of ${index.tables.gemeenten}, nor a Veilig Thuis region`;
  }
  return `"${value}" is not a Veilig Thuis region of ${index.tables.vtRegions}`;
}

/**
 * Checks the keys of configuration keyed by VT region (e.g. `config/monitoring.json` `regions`) and throws
 * one error naming every unknown key, so that a service refuses to start on a misspelt or veiligheidsregio key.
 * `source` says where the keys came from (`monitoring configuration config/monitoring.json regions`).
 */
export function assertRegionKeys(keys: Iterable<string>, source: string, index: VtRegionIndex = defaultVtRegionIndex()): void {
  const problems = [...keys].flatMap((key) => {
    const problem = unknownRegionProblem(key, index);
    return problem ? [`unknown region key ${problem}`] : [];
  });
  if (problems.length > 0) throw new Error(`${source}: ${problems.join('; ')}; the VT region codes are ${index.codes.join(', ')}`);
}
