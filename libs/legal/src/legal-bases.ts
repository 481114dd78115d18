import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERASURE_REASONS, ErasureReason, PARTNER_TYPES, PartnerType } from '@vt/contracts';

/**
 * A body of law a household falls under: `nl` the European Netherlands, `bes` Caribisch Nederland
 * (Bonaire, Sint Eustatius and Saba, the openbare lichamen), where the Wmo 2015, its Uitvoeringsbesluit,
 * the AVG and the Wet tijdelijk huisverbod do not apply.
 */
export const JURISDICTIONS = ['nl', 'bes'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** Where a household is, as intake and the calendars name it. */
export const PLACES = ['nl', 'bonaire', 'saba', 'sint-eustatius'] as const;
export type Place = (typeof PLACES)[number];

export const CLOCK_BASIS_KEYS = [
  'clock.veiligheidsbeoordeling',
  'clock.onderzoek',
  'clock.informeren-betrokkenen',
  'clock.informeren-betrokkenen.verlenging',
  'clock.vernietigingsverzoek',
  'clock.tijdelijk-huisverbod',
] as const;
export type ClockBasisKey = (typeof CLOCK_BASIS_KEYS)[number];
export type ErasureBasisKey = `erasure.${ErasureReason}`;
export type DisclosureBasisKey = `disclosure.${PartnerType}` | 'disclosure.informeren-gemeente';

/**
 * Everything the system cites a legal basis for: the statutory clocks, retention, the reasons for erasing a
 * person's data (ERASURE_REASONS) and each partner type's disclosure (PARTNER_TYPES, plus informing the
 * gemeente). A new erasure reason or partner type is a new key, and the configuration must then name it in
 * every jurisdiction or the services do not start.
 */
export const LEGAL_BASIS_KEYS: readonly LegalBasisKey[] = [
  ...CLOCK_BASIS_KEYS,
  'retention',
  ...ERASURE_REASONS.map((reason): ErasureBasisKey => `erasure.${reason}`),
  ...PARTNER_TYPES.map((type): DisclosureBasisKey => `disclosure.${type}`),
  'disclosure.informeren-gemeente',
];
export type LegalBasisKey = ClockBasisKey | 'retention' | ErasureBasisKey | DisclosureBasisKey;

/** One entry of the configuration. */
export interface LegalBasisEntry {
  readonly citation: string;
  /** Where the citation was taken from. */
  readonly source: string;
  /** The date from which the entry is applied (the cited act's date of effect, where known). */
  readonly validFrom: string;
  /** What is not confirmed. Present = the basis is unconfirmed [verify]. */
  readonly verify?: string;
}

/** A basis as an output carries it. */
export interface LegalBasis extends LegalBasisEntry {
  readonly key: LegalBasisKey;
  readonly jurisdiction: Jurisdiction;
  /** The text for an event's `legalBasis` field: the citation, with ` [verify]` when unconfirmed. */
  readonly cited: string;
  /** Empty when confirmed; otherwise one sentence naming the unconfirmed basis, for an output's `warnings`. */
  readonly warnings: readonly string[];
}

export interface LegalBases {
  readonly version: string;
  readonly validFrom: string;
  /** Where the configuration was read from. */
  readonly origin: string;
  basis(jurisdiction: Jurisdiction, key: LegalBasisKey): LegalBasis;
  /** The jurisdiction's name for people, e.g. `Caribisch Nederland`. */
  nameOf(jurisdiction: Jurisdiction): string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ENTRY_FIELDS = ['citation', 'source', 'validFrom', 'verify'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
};

interface JurisdictionConfig {
  name: string;
  lawsNotApplicable: string[];
  bases: Record<string, LegalBasisEntry>;
}

function checkEntry(where: string, raw: unknown, notApplicable: readonly string[], problems: string[]): LegalBasisEntry | undefined {
  if (!isRecord(raw)) {
    problems.push(`${where} must be an object with citation, source and validFrom`);
    return undefined;
  }
  for (const field of Object.keys(raw)) if (!ENTRY_FIELDS.includes(field)) problems.push(`${where} has an unknown field "${field}"; allowed: ${ENTRY_FIELDS.join(', ')}`);
  const { citation, source, validFrom, verify } = raw;
  if (!isText(citation)) problems.push(`${where}.citation must be a non-empty text`);
  if (!isText(source)) problems.push(`${where}.source must say where the citation was taken from`);
  if (!isDate(validFrom)) problems.push(`${where}.validFrom must be a date YYYY-MM-DD (got ${JSON.stringify(validFrom)})`);
  if (verify !== undefined && !isText(verify)) problems.push(`${where}.verify, when present, must say what is not confirmed`);
  if (isText(citation)) {
    for (const law of notApplicable) if (citation.includes(law)) problems.push(`${where}.citation cites "${law}", which does not apply in this jurisdiction: "${citation}"`);
  }
  if (!isText(citation) || !isText(source) || !isDate(validFrom)) return undefined;
  return { citation, source, validFrom, ...(isText(verify) ? { verify } : {}) };
}

/**
 * Checks a legal-bases document and returns the lookup. Every problem is collected, and one error lists them
 * all, naming the jurisdiction and key: an unknown or missing jurisdiction, an unknown key, a key a
 * jurisdiction lacks, an entry without citation, source or date, and a citation of a law the jurisdiction
 * lists as not applicable there.
 */
export function parseLegalBases(raw: unknown, origin = 'legal bases'): LegalBases {
  const problems: string[] = [];
  const known = new Set<string>(LEGAL_BASIS_KEYS);
  const config = new Map<Jurisdiction, JurisdictionConfig>();
  if (!isRecord(raw)) throw new Error(`${origin} must be a JSON object with version, validFrom and jurisdictions`);
  const { version, validFrom, jurisdictions } = raw;
  if (!isText(version)) problems.push('version must be a non-empty text');
  if (!isDate(validFrom)) problems.push(`validFrom must be a date YYYY-MM-DD (got ${JSON.stringify(validFrom)})`);
  if (!isRecord(jurisdictions)) problems.push(`jurisdictions must be an object with ${JURISDICTIONS.join(' and ')}`);
  else {
    for (const name of Object.keys(jurisdictions)) {
      if (!(JURISDICTIONS as readonly string[]).includes(name)) problems.push(`unknown jurisdiction "${name}"; known: ${JURISDICTIONS.join(', ')}`);
    }
    for (const jurisdiction of JURISDICTIONS) {
      const body = jurisdictions[jurisdiction];
      if (!isRecord(body)) {
        problems.push(`jurisdiction ${jurisdiction} is missing`);
        continue;
      }
      const { name, lawsNotApplicable = [], bases } = body;
      if (!isText(name)) problems.push(`jurisdiction ${jurisdiction}.name must be a non-empty text`);
      const notApplicable = Array.isArray(lawsNotApplicable) && lawsNotApplicable.every(isText) ? lawsNotApplicable : [];
      if (notApplicable !== lawsNotApplicable) problems.push(`jurisdiction ${jurisdiction}.lawsNotApplicable must be a list of law names`);
      if (!isRecord(bases)) {
        problems.push(`jurisdiction ${jurisdiction}.bases must be an object keyed by legal basis`);
        continue;
      }
      for (const key of Object.keys(bases)) if (!known.has(key)) problems.push(`jurisdiction ${jurisdiction} names unknown legal basis "${key}"; known: ${LEGAL_BASIS_KEYS.join(', ')}`);
      const entries: Record<string, LegalBasisEntry> = {};
      for (const key of LEGAL_BASIS_KEYS) {
        if (!(key in bases)) {
          problems.push(`jurisdiction ${jurisdiction} is missing legal basis "${key}"`);
          continue;
        }
        const entry = checkEntry(`jurisdiction ${jurisdiction} "${key}"`, bases[key], notApplicable, problems);
        if (entry) entries[key] = entry;
      }
      config.set(jurisdiction, { name: isText(name) ? name : jurisdiction, lawsNotApplicable: notApplicable, bases: entries });
    }
  }
  if (problems.length > 0) throw new Error(`${origin} is not valid; fix it before starting:\n  - ${problems.join('\n  - ')}`);

  const resolved = new Map<string, LegalBasis>();
  return {
    version: version as string,
    validFrom: validFrom as string,
    origin,
    nameOf: (jurisdiction) => config.get(jurisdiction)?.name ?? jurisdiction,
    basis(jurisdiction, key) {
      const id = `${jurisdiction}/${key}`;
      const cached = resolved.get(id);
      if (cached) return cached;
      const body = config.get(jurisdiction);
      if (!body) throw new RangeError(`unknown jurisdiction "${String(jurisdiction)}"; known: ${JURISDICTIONS.join(', ')}`);
      const entry = body.bases[key];
      if (!entry) throw new RangeError(`unknown legal basis "${String(key)}"; known: ${LEGAL_BASIS_KEYS.join(', ')}`);
      const basis: LegalBasis = {
        ...entry,
        key,
        jurisdiction,
        cited: entry.verify ? `${entry.citation} [verify]` : entry.citation,
        warnings: entry.verify ? [`legal basis ${key} for ${body.name} is unconfirmed [verify]: ${entry.citation}; ${entry.verify}`] : [],
      };
      resolved.set(id, basis);
      return basis;
    },
  };
}

/** `config/legal-bases.json` in the repository. */
export const DEFAULT_LEGAL_BASES_FILE = join(__dirname, '..', '..', '..', 'config', 'legal-bases.json');

/** Reads and checks the file named by `LEGAL_BASES_CONFIG`, or `config/legal-bases.json`. Throws naming every problem. */
export function loadLegalBases(env: NodeJS.ProcessEnv = process.env): LegalBases {
  const file = env['LEGAL_BASES_CONFIG']?.trim() || DEFAULT_LEGAL_BASES_FILE;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the legal bases (LEGAL_BASES_CONFIG) from ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`the legal bases in ${file} are not valid JSON: ${(error as Error).message}`);
  }
  return parseLegalBases(raw, file);
}

let loaded: LegalBases | undefined;

/** The process's legal bases, read once by `loadLegalBases()`. Services read them at start so that a bad file stops the start. */
export function defaultLegalBases(): LegalBases {
  loaded ??= loadLegalBases();
  return loaded;
}

/**
 * The jurisdiction of a household's place: the European Netherlands (`nl`), or Caribisch Nederland (`bes`)
 * for Bonaire, Saba and Sint Eustatius. Takes an island name (`bonaire`) or an island calendar id
 * (`bq-bonaire`). Anything else is refused, naming what is known.
 */
export function jurisdictionOf(place: string): Jurisdiction {
  if (place === 'nl') return 'nl';
  const island = place.startsWith('bq-') ? place.slice(3) : place;
  if (island !== 'nl' && (PLACES as readonly string[]).includes(island)) return 'bes';
  throw new RangeError(`no jurisdiction for place "${place}"; known: ${PLACES.join(', ')} (or bq-<island>)`);
}

/** The disclosure key of a partner type, or of informing the gemeente about a request to the RvdK. */
export function disclosureBasisKey(partnerType: PartnerType, informingGemeente = false): DisclosureBasisKey {
  return informingGemeente ? 'disclosure.informeren-gemeente' : `disclosure.${partnerType}`;
}
