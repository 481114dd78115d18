import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARTNER_TYPES, partnerReferralsTopic, partnerResponsesTopic, PartnerType } from '@vt/contracts';
import { loadGemeenteTable, regionCodesInForce } from '@vt/reference-data';

export const ISLANDS = ['bonaire', 'saba', 'sint-eustatius'] as const;
export type Island = (typeof ISLANDS)[number];

/** Types of which every VT region (island desks included) has at least one partner. */
export const REGIONAL_PARTNER_TYPES = PARTNER_TYPES.filter((type) => type !== 'lokaal-team');

export interface Partner {
  partnerId: string;
  partnerType: PartnerType;
  name: string;
  /** The VT region the partner works in, e.g. `vt-groningen`, `vt-bq-bonaire`. */
  regionCode: string;
  /** A lokaal team's gemeente. */
  gemeenteCode?: string;
  /** An island's lokaal team (the openbaar lichaam): islands have no gemeentecode. */
  island?: Island;
}

export interface PartnerDirectory {
  /** e.g. `2026-11-29.1`: recorded on every referral, so an auditor knows which directory routed it. */
  version: string;
  partners: Partner[];
  /**
   * `partial` (tests and demos only): the file covers only some gemeenten and regions, so the coverage
   * checks are skipped. The service logs it at start. The real directory is `complete`.
   */
  coverage: 'complete' | 'partial';
}

export const PARTNER_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const VERSION = /^\d{4}-\d{2}-\d{2}\.\d+$/;
const REGION_CODE = /^vt-[a-z0-9]+(-[a-z0-9]+)*$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function fail(where: string, what: string): never {
  throw new Error(`partner directory: ${where} ${what}`);
}

function parsePartner(raw: unknown, index: number): Partner {
  let where = `partners[${index}]`;
  if (!isRecord(raw)) fail(where, 'is not an object');
  const { partnerId, partnerType, name, regionCode, gemeenteCode, island } = raw;
  if (typeof partnerId !== 'string' || !PARTNER_ID.test(partnerId)) fail(where, `has partnerId ${JSON.stringify(partnerId)}; an id is lower-case letters and digits joined by single hyphens`);
  where = `partner ${partnerId}`;
  if (!PARTNER_TYPES.includes(partnerType as PartnerType)) fail(where, `has an unknown partnerType ${JSON.stringify(partnerType)}; known: ${PARTNER_TYPES.join(', ')}`);
  if (!isText(name)) fail(where, 'has no name');
  if (typeof regionCode !== 'string' || !REGION_CODE.test(regionCode)) fail(where, `has regionCode ${JSON.stringify(regionCode)}; a region code looks like vt-groningen`);
  if (gemeenteCode !== undefined && (typeof gemeenteCode !== 'string' || !/^GM\d{4}$/.test(gemeenteCode))) fail(where, `has gemeenteCode ${JSON.stringify(gemeenteCode)}; expected GMxxxx`);
  if (island !== undefined && !ISLANDS.includes(island as Island)) fail(where, `has an unknown island ${JSON.stringify(island)}; known: ${ISLANDS.join(', ')}`);
  if (partnerType === 'lokaal-team' && (gemeenteCode === undefined) === (island === undefined)) fail(where, 'is a lokaal team and needs exactly one of gemeenteCode and island');
  if (partnerType !== 'lokaal-team' && (gemeenteCode !== undefined || island !== undefined)) fail(where, 'is a regional partner and has no gemeenteCode or island');
  return {
    partnerId,
    partnerType: partnerType as PartnerType,
    name,
    regionCode,
    ...(gemeenteCode !== undefined ? { gemeenteCode: gemeenteCode as string } : {}),
    ...(island !== undefined ? { island: island as Island } : {}),
  };
}

/**
 * Checks a directory file's content: unique well-formed ids, known types, every gemeente of the table
 * covered by exactly one lokaal team, and every region with a partner of each regional type. Given the VT
 * region codes in force (`regionCodes`), every partner's `regionCode` must be one of them (docs/adr/0017).
 */
export function parsePartnerDirectory(raw: unknown, gemeenteCodes: readonly string[], regionCodes?: readonly string[]): PartnerDirectory {
  if (!isRecord(raw)) fail('file', 'is not a JSON object');
  const { version, partners, coverage = 'complete' } = raw;
  if (typeof version !== 'string' || !VERSION.test(version)) fail('file', `has version ${JSON.stringify(version)}; expected YYYY-MM-DD.N`);
  if (coverage !== 'complete' && coverage !== 'partial') fail('file', `has coverage ${JSON.stringify(coverage)}; expected complete (default) or partial`);
  if (!Array.isArray(partners) || partners.length === 0) fail('file', 'has no partners list');
  const parsed = partners.map(parsePartner);

  const seen = new Set<string>();
  for (const partner of parsed) {
    if (seen.has(partner.partnerId)) fail(`partner ${partner.partnerId}`, 'appears more than once');
    seen.add(partner.partnerId);
  }
  if (regionCodes) {
    const unknown = [...new Set(parsed.map((p) => p.regionCode))].filter((code) => !regionCodes.includes(code));
    if (unknown.length > 0) fail('file', `names region codes that are not VT regions in force: ${unknown.join(', ')}; the VT region codes are ${regionCodes.join(', ')}`);
  }

  if (coverage === 'partial') return { version, partners: parsed, coverage };

  const lokaalTeams = new Map<string, string>();
  for (const partner of parsed) {
    if (partner.partnerType !== 'lokaal-team' || !partner.gemeenteCode) continue;
    const other = lokaalTeams.get(partner.gemeenteCode);
    if (other) fail(`gemeente ${partner.gemeenteCode}`, `has two lokaal teams: ${other} and ${partner.partnerId}`);
    lokaalTeams.set(partner.gemeenteCode, partner.partnerId);
  }
  const uncovered = gemeenteCodes.filter((code) => !lokaalTeams.has(code));
  if (uncovered.length > 0) fail('file', `has no lokaal team for ${uncovered.length} gemeente(n): ${uncovered.slice(0, 10).join(', ')}${uncovered.length > 10 ? ', …' : ''}`);
  const known = new Set(gemeenteCodes);
  const unknown = [...lokaalTeams.keys()].filter((code) => !known.has(code));
  if (unknown.length > 0) fail('file', `has lokaal teams for gemeenten not in the gemeente table: ${unknown.join(', ')}`);

  for (const regionCode of new Set(parsed.map((p) => p.regionCode))) {
    const missing = REGIONAL_PARTNER_TYPES.filter((type) => !parsed.some((p) => p.regionCode === regionCode && p.partnerType === type));
    if (missing.length > 0) fail(`region ${regionCode}`, `has no partner of type ${missing.join(', ')}`);
  }
  for (const island of ISLANDS) {
    if (!parsed.some((p) => p.partnerType === 'lokaal-team' && p.island === island)) fail(`island ${island}`, 'has no lokaal team (the openbaar lichaam)');
  }
  return { version, partners: parsed, coverage };
}

export const PARTNER_DIRECTORY_FILE = process.env['PARTNER_DIRECTORY_FILE'] ?? join(__dirname, '..', '..', '..', '..', 'config', 'partners', 'directory.json');

/**
 * Reads and checks the partner directory (default `config/partners/directory.json`, or
 * `PARTNER_DIRECTORY_FILE`); it must cover every gemeente of `gemeenteCodes` (default: the gemeente table), and
 * name only VT regions in force (`regionCodes`, default: the dated VT region table), so that the referral
 * service refuses to start on an unknown region, naming it.
 */
export function loadPartnerDirectory(options: { file?: string; gemeenteCodes?: readonly string[]; regionCodes?: readonly string[] } = {}): PartnerDirectory {
  const file = options.file ?? PARTNER_DIRECTORY_FILE;
  const gemeenteCodes = options.gemeenteCodes ?? loadGemeenteTable().gemeenten.map((g) => g.gemeentecode);
  const regionCodes = options.regionCodes ?? regionCodesInForce();
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`partner directory: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parsePartnerDirectory(raw, gemeenteCodes, regionCodes);
}

export function partnerById(directory: PartnerDirectory, partnerId: string): Partner | undefined {
  return directory.partners.find((p) => p.partnerId === partnerId);
}

/** Every partner's own topics, unprefixed: what a broker's ACLs and the responses consumer need. */
export function partnerTopics(directory: PartnerDirectory): { partnerId: string; referrals: string; responses: string }[] {
  return directory.partners.map((p) => ({ partnerId: p.partnerId, referrals: partnerReferralsTopic(p.partnerId), responses: partnerResponsesTopic(p.partnerId) }));
}

