import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFERENCE_DATA_DIR } from '@vt/reference-data';

/**
 * Veilig Thuis regions as their own dated code list, modelled apart from the veiligheidsregio's they
 * mostly follow. The table is configuration (`data/reference/vt-regions-<year>.json`); this module only
 * reads and checks its shape. Whether it covers every gemeente exactly once is checked when a router is
 * built from it (see routing.ts).
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
