import { Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHELTER_URGENCIES, ShelterUrgency } from '@vt/contracts';
import { regionCodesInForce } from '@vt/reference-data';
import { ConfigurationError } from '@vt/runtime';
import { AnswerTerms, DEFAULT_ANSWER_TERMS_MS, Shelter } from '@vt/shelter-domain';

const ROOT = join(__dirname, '..', '..', '..', '..');
export const DEFAULT_PARTNER_DIRECTORY = join(ROOT, 'config', 'partners', 'directory.json');
export const DEFAULT_SHELTER_PLACEMENT_CONFIG = join(ROOT, 'config', 'shelter-placement', 'regions.json');

export interface RegionContact {
  name: string;
  phone: string;
}

/** `P1D`, `PT4H`, `PT30M`, `PT2S`, `P1DT2H`: days, hours, minutes, seconds (no months or years: their length varies). */
export function parseIsoDuration(text: string): number | undefined {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const [, d, h, m, s] = match;
  const ms = ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(m ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
  return ms > 0 ? ms : undefined;
}

/**
 * `SHELTER_ANSWER_TERMS`: `acuut=PT1H,spoed=PT4H,regulier=P1D`, any of the three; the rest keep the decider's
 * defaults (`DEFAULT_ANSWER_TERMS_MS`, [verify] with the field).
 */
export function parseAnswerTerms(text: string | undefined): AnswerTerms {
  const terms: AnswerTerms = { ...DEFAULT_ANSWER_TERMS_MS };
  if (!text?.trim()) return terms;
  for (const part of text.split(',')) {
    const [urgency, duration] = part.split('=').map((s) => s.trim());
    if (!urgency || !(SHELTER_URGENCIES as readonly string[]).includes(urgency)) throw new Error(`SHELTER_ANSWER_TERMS: "${part}" must be <urgency>=<ISO duration> with urgency one of ${SHELTER_URGENCIES.join(', ')}`);
    const ms = duration ? parseIsoDuration(duration) : undefined;
    if (ms === undefined) throw new Error(`SHELTER_ANSWER_TERMS: "${duration ?? ''}" for ${urgency} is not an ISO duration such as PT1H or P1D`);
    terms[urgency as ShelterUrgency] = ms;
  }
  return terms;
}

/** The vrouwenopvang partners of the partner directory, each with its VT region. */
export function sheltersOfDirectory(raw: unknown, regions: readonly string[], source: string): Shelter[] {
  const partners = (raw as { partners?: unknown })?.partners;
  if (!Array.isArray(partners)) throw new Error(`${source}: expected { "partners": [ { "partnerId", "partnerType", "regionCode" } ] }`);
  const shelters = partners
    .filter((p: unknown) => (p as { partnerType?: unknown })?.partnerType === 'vrouwenopvang')
    .map((p: unknown) => {
      const { partnerId, regionCode } = p as { partnerId?: unknown; regionCode?: unknown };
      if (typeof partnerId !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(partnerId)) throw new Error(`${source}: vrouwenopvang partnerId ${JSON.stringify(partnerId)} is not a partner id`);
      if (typeof regionCode !== 'string' || !regions.includes(regionCode)) throw new Error(`${source}: vrouwenopvang ${partnerId} has regionCode ${JSON.stringify(regionCode)}, not a VT region in force`);
      return { shelterId: partnerId, region: regionCode };
    });
  return shelters.sort((a, b) => (a.shelterId < b.shelterId ? -1 : 1));
}

/** The requesting regions' contacts: every VT region in force needs one with a name and a phone number. */
export function contactsOf(raw: unknown, regions: readonly string[], source: string): Map<string, RegionContact> {
  const entries = (raw as { regions?: unknown })?.regions;
  if (!Array.isArray(entries)) throw new Error(`${source}: expected { "regions": [ { "region", "contact": { "name", "phone" } } ] }`);
  const contacts = new Map<string, RegionContact>();
  for (const entry of entries as { region?: unknown; contact?: { name?: unknown; phone?: unknown } }[]) {
    const { region, contact } = entry ?? {};
    if (typeof region !== 'string' || !regions.includes(region)) throw new Error(`${source}: ${JSON.stringify(region)} is not a VT region in force`);
    if (typeof contact?.name !== 'string' || !contact.name.trim() || typeof contact.phone !== 'string' || !contact.phone.trim()) throw new Error(`${source}: ${region} needs a contact with a name and a phone number`);
    if (contacts.has(region)) throw new Error(`${source}: ${region} appears twice`);
    contacts.set(region, { name: contact.name, phone: contact.phone });
  }
  const missing = regions.filter((region) => !contacts.has(region));
  if (missing.length > 0) throw new Error(`${source}: no contact for ${missing.join(', ')}; every VT region that may ask for a place needs one`);
  return contacts;
}

/**
 * What shelter placement runs by, read and checked at start (docs/adr/0040): the shelters (the vrouwenopvang partners
 * of `PARTNER_DIRECTORY_FILE`, with their VT region), each requesting region's contact for the shelters
 * (`SHELTER_PLACEMENT_CONFIG`, demo [verify]), and the answer terms per urgency (`SHELTER_ANSWER_TERMS`).
 */
@Injectable()
export class ShelterPlacementConfig {
  readonly shelters: Shelter[];
  readonly contacts: Map<string, RegionContact>;
  readonly answerTerms: AnswerTerms;
  readonly regions: readonly string[];
  readonly version: string;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const directoryFile = env['PARTNER_DIRECTORY_FILE'] || DEFAULT_PARTNER_DIRECTORY;
    const file = env['SHELTER_PLACEMENT_CONFIG'] || DEFAULT_SHELTER_PLACEMENT_CONFIG;
    this.regions = regionCodesInForce();
    let raw: { version?: unknown; coverage?: unknown };
    try {
      this.shelters = sheltersOfDirectory(JSON.parse(readFileSync(directoryFile, 'utf8')), this.regions, directoryFile);
      if (this.shelters.length === 0) throw new Error(`${directoryFile}: no vrouwenopvang partner, so no shelter to place anyone with`);
      raw = JSON.parse(readFileSync(file, 'utf8')) as typeof raw;
      this.contacts = contactsOf(raw, this.regions, file);
      this.answerTerms = parseAnswerTerms(env['SHELTER_ANSWER_TERMS']);
    } catch (error) {
      throw new ConfigurationError(`shelter placement: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.version = typeof raw.version === 'string' ? raw.version : 'unversioned';
    if (raw.coverage === 'demo') new Logger('ShelterPlacement').warn(`shelter placement contacts ${this.version} are a demo: for tests and demos only`);
  }

  shelter(shelterId: string): Shelter | undefined {
    return this.shelters.find((shelter) => shelter.shelterId === shelterId);
  }
}
