import { checkBsn, normaliseHouseNumber, normalisePostcode } from './identifiers';
import { foldWords } from './text';

/**
 * Radar: is anyone in this melding known from earlier VT involvement, anywhere in the country? The
 * caller stores each person's match keys with its case and searches them for a new melding; this module
 * makes the keys and classifies what the search found. Keys carry no region, so a person known in one
 * region is found from every other.
 */

export type MatchedOn = 'bsn' | 'name-dob-address';

/** A normalised lookup key. `value` is what the caller stores and searches (exact match). */
export interface MatchKey {
  matchedOn: MatchedOn;
  value: string;
}

export interface RadarPerson {
  /** The melding's own reference for the person (e.g. its personId). */
  personRef: string;
  bsn?: string;
  name?: string;
  /** ISO date, YYYY-MM-DD. */
  dateOfBirth?: string;
  postcode?: string;
  houseNumber?: string | number;
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * The keys to store and search for a person: the BSN key when a valid BSN is present; otherwise one key
 * from the normalised name, date of birth, postcode and house number; none when any of those is missing
 * or invalid (too little is known to match safely).
 *
 * Name normalisation: case, accents and punctuation do not count, and the order of the words does not
 * either ("Jan de Vries" = "de Vries, Jan" = "JAN DE VRIES"). The postcode loses its space and the house
 * number its separators, so "1234 ab" / "1234AB" and "12 a" / "12-A" give the same key.
 */
export function matchKeys(person: Omit<RadarPerson, 'personRef'>): MatchKey[] {
  if (person.bsn !== undefined) {
    const bsn = checkBsn(person.bsn);
    if (bsn.ok) return [{ matchedOn: 'bsn', value: `bsn:${bsn.value}` }];
  }
  const words = foldWords(person.name ?? '');
  if (words.length === 0) return [];
  const dob = person.dateOfBirth?.trim();
  if (!dob || !isIsoDate(dob)) return [];
  if (person.postcode === undefined || person.houseNumber === undefined) return [];
  const postcode = normalisePostcode(person.postcode);
  const houseNumber = normaliseHouseNumber(person.houseNumber);
  if (!postcode.ok || !houseNumber.ok) return [];
  const name = [...words].sort().join(' ');
  return [{ matchedOn: 'name-dob-address', value: `ndpa:${name}|${dob}|${postcode.value.replace(' ', '')}|${houseNumber.value}` }];
}

/** The keys of every person of a melding, for the caller's search (and to store with the new case). */
export function matchKeysByPerson(persons: readonly RadarPerson[]): { personRef: string; keys: MatchKey[] }[] {
  return persons.map((person) => ({ personRef: person.personRef, keys: matchKeys(person) }));
}

export type InvolvementStatus = 'open' | 'closed';

/** An earlier VT involvement the caller found for one of the melding's persons. */
export interface EarlierInvolvement {
  caseId: string;
  /** The VT region of the earlier case. */
  region: string;
  status: InvolvementStatus;
  matchedOn: MatchedOn;
  /** Which person of this melding matched. */
  personRef: string;
  /**
   * The address the earlier household is known at (its latest melding's postcode and house number), for the
   * join rule (`proposeRadar`); absent or empty when not recorded (an island household, no postcode given).
   */
  caseAddress?: RadarAddress;
}

/** A postcode and house number as typed or stored; compared only after normalisation. */
export interface RadarAddress {
  postcode?: string | null;
  houseNumber?: string | number | null;
}

/** What the melding may know of an earlier case: a reference, never its content. */
export interface RadarReference {
  caseId: string;
  region: string;
  status: InvolvementStatus;
  matchedOn: MatchedOn;
  personRef: string;
}

export type RadarClassification = 'first' | 'hermelding' | 'vervolgmelding';

export interface RadarResult {
  classification: RadarClassification;
  /** Open cases first, then closed ones; one reference per case and person (a BSN match wins). */
  references: RadarReference[];
  /** Persons for whom no key could be made: radar could not check them. */
  unchecked: string[];
}

const STATUSES: readonly string[] = ['open', 'closed'];
const MATCHED_ON: readonly string[] = ['bsn', 'name-dob-address'];

/**
 * Classifies a melding by what radar found: any match with an open case makes it a vervolgmelding
 * (it adds to a running case); otherwise any match with a closed case a hermelding; otherwise first.
 * Throws when an involvement does not fit the melding (an unknown person, status or match): that is a
 * fault in the caller, not something a call handler can fix.
 */
export function classifyRadar(persons: readonly RadarPerson[], involvements: readonly EarlierInvolvement[]): RadarResult {
  const refs = new Set<string>();
  for (const person of persons) {
    if (refs.has(person.personRef)) throw new Error(`radar: person ${person.personRef} appears twice in the melding`);
    refs.add(person.personRef);
  }
  const byCaseAndPerson = new Map<string, RadarReference>();
  for (const involvement of involvements) {
    if (!refs.has(involvement.personRef)) throw new Error(`radar: involvement ${involvement.caseId} names person ${involvement.personRef}, who is not in this melding`);
    if (!STATUSES.includes(involvement.status)) throw new Error(`radar: involvement ${involvement.caseId} has status ${String(involvement.status)}; expected open or closed`);
    if (!MATCHED_ON.includes(involvement.matchedOn)) throw new Error(`radar: involvement ${involvement.caseId} was matched on ${String(involvement.matchedOn)}; expected bsn or name-dob-address`);
    const reference: RadarReference = {
      caseId: involvement.caseId,
      region: involvement.region,
      status: involvement.status,
      matchedOn: involvement.matchedOn,
      personRef: involvement.personRef,
    };
    const key = `${reference.caseId}\u0000${reference.personRef}`;
    const earlier = byCaseAndPerson.get(key);
    byCaseAndPerson.set(
      key,
      earlier
        ? {
            ...earlier,
            status: earlier.status === 'open' || reference.status === 'open' ? 'open' : 'closed',
            matchedOn: earlier.matchedOn === 'bsn' || reference.matchedOn === 'bsn' ? 'bsn' : 'name-dob-address',
          }
        : reference,
    );
  }
  const references = [...byCaseAndPerson.values()].sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1));
  const classification: RadarClassification = references.some((r) => r.status === 'open') ? 'vervolgmelding' : references.length > 0 ? 'hermelding' : 'first';
  const unchecked = persons.filter((person) => matchKeys(person).length === 0).map((person) => person.personRef);
  return { classification, references, unchecked };
}
