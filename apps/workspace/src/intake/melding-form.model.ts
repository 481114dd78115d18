import type { LateRegistrationReason } from '@vt/contracts';
import type { Island } from '@vt/reference-data';

/** The melding form's state, and the request body `POST /api/v1/meldingen` takes (docs/openapi/intake.openapi.json). */
export interface PersonDraft {
  role: string;
  name: string;
  birthDate: string;
  estimatedAge: string;
  bsn: string;
}

/**
 * Where the household lives: a gemeente (with postcode and house number), or in Caribisch Nederland an island
 * (`island`: no gemeente and no postcode there, DOMAIN.md "Regions"). `island` is '' on the mainland.
 */
export interface HouseholdDraft {
  gemeente: string;
  postcode: string;
  houseNumber: string;
  island: '' | Island;
}

/** The islands with their Dutch names (`Island` of @vt/reference-data: this fails to compile when an island is added or removed). */
export const ISLAND_LABELS: Record<Island, string> = { bonaire: 'Bonaire', 'sint-eustatius': 'Sint Eustatius', saba: 'Saba' };

/** The codes of `lateRegistration.reason` (@vt/contracts) with the labels of `late-registration-reasons/1` (libs/intake/domain; a test keeps them equal). */
export const LATE_REGISTRATION_LABELS: Record<LateRegistrationReason, string> = {
  batchverwerking: 'Batchverwerking',
  'schriftelijk-ontvangen': 'Schriftelijk ontvangen',
  storing: 'Storing',
  'doorgestuurd-door-andere-regio': 'Doorgestuurd door andere regio',
  anders: 'Anders',
};

/**
 * How long after receipt the form offers the late-registration reason by itself: intake's default
 * `RECEIPT_REASON_AFTER` (PT24H). Only a typing aid: intake decides with its own setting, and when it asks for the
 * reason (422 `late-registration-reason-missing`) the field shows whatever the browser thought.
 */
export const LATE_AFTER_MS = 24 * 60 * 60 * 1000;

export interface MeldingDraft {
  /** `datetime-local` value in the browser's time zone, e.g. `2025-11-28T10:05`. */
  receivedAt: string;
  channel: string;
  melder: {
    kind: string;
    sector: string;
    role: string;
    name: string;
    organisation: string;
    phone: string;
    email: string;
    identitySealed: boolean;
    sealReason: string;
    sealExplanation: string;
  };
  household: HouseholdDraft;
  /** `lateRegistration.reason`, or '' for none; sent only while the field is shown (`lateRegistrationShown`). */
  lateReason: string;
  persons: PersonDraft[];
  concerns: { aard: string[]; tags: string[]; account: string };
  acute: { indicated: boolean; signals: string[]; ground: string };
  /** The household radar proposed that the call handler chose to join, or '' to keep the melding apart. */
  radarJoin: string;
}

export function emptyPerson(): PersonDraft {
  return { role: 'victim', name: '', birthDate: '', estimatedAge: '', bsn: '' };
}

export function emptyDraft(now: Date = new Date()): MeldingDraft {
  return {
    receivedAt: localDateTime(now),
    channel: 'telefoon',
    melder: { kind: 'professional', sector: '', role: 'melder', name: '', organisation: '', phone: '', email: '', identitySealed: false, sealReason: '', sealExplanation: '' },
    household: emptyHousehold(),
    lateReason: '',
    persons: [emptyPerson()],
    concerns: { aard: [], tags: [], account: '' },
    acute: { indicated: false, signals: [], ground: '' },
    radarJoin: '',
  };
}

export function emptyHousehold(): HouseholdDraft {
  return { gemeente: '', postcode: '', houseNumber: '', island: '' };
}

/**
 * Whether the form shows the late-registration reason: when intake asked for it (it named `lateRegistration…` in a
 * refusal: `apiAsked`), or when `receivedAt` lies more than `LATE_AFTER_MS` before `now`. Not shown otherwise, because
 * intake refuses a reason on a melding that is not late (`late-registration-not-late`).
 */
export function lateRegistrationShown(receivedAt: string, now: Date, apiAsked: boolean): boolean {
  if (apiAsked) return true;
  const received = new Date(receivedAt).getTime();
  return !Number.isNaN(received) && now.getTime() - received > LATE_AFTER_MS;
}

/**
 * The household as the API takes it: `{ island }` alone for an island household, else the gemeente's code (of the
 * gemeente picked, else the text typed: intake answers 422 with suggestions) with the postcode and house number
 * typed. Undefined when nothing was filled in (an adviesvraag need not name the household).
 */
export function householdBody(household: HouseholdDraft, gemeenteCodeOf: (text: string) => string | undefined): Record<string, string> | undefined {
  if (household.island) return { island: household.island };
  const text = (value: string) => value.trim();
  if ([household.gemeente, household.postcode, household.houseNumber].every((v) => text(v) === '')) return undefined;
  const optional = (name: string, value: string) => (text(value) === '' ? {} : { [name]: text(value) });
  return {
    gemeenteCode: gemeenteCodeOf(household.gemeente) ?? text(household.gemeente),
    ...optional('postcode', household.postcode),
    ...optional('houseNumber', household.houseNumber),
  };
}

/** `2025-11-28T10:05` in the browser's own time zone, as a `datetime-local` input shows it. */
export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The request body. Empty optional fields are left out (the API refuses an empty string where it wants a value, and
 * says so per field); what the call handler did fill in is sent as typed, so the API's field errors point at it.
 * `gemeenteCode` is the code of the gemeente picked, else the text typed (intake answers 422 with suggestions).
 */
export function toRequestBody(draft: MeldingDraft, gemeenteCodeOf: (text: string) => string | undefined, options: { lateShown?: boolean } = {}): Record<string, unknown> {
  const text = (value: string) => value.trim();
  const optional = (name: string, value: string) => (text(value) === '' ? {} : { [name]: text(value) });
  const received = new Date(draft.receivedAt);
  const melder = draft.melder;
  return {
    receivedAt: Number.isNaN(received.getTime()) ? draft.receivedAt : received.toISOString(),
    ...(options.lateShown && draft.lateReason ? { lateRegistration: { reason: draft.lateReason } } : {}),
    channel: draft.channel,
    melder: {
      kind: melder.kind,
      ...(melder.kind === 'professional' ? optional('sector', melder.sector) : {}),
      role: melder.role,
      name: text(melder.name),
      ...optional('organisation', melder.organisation),
      ...optional('phone', melder.phone),
      ...optional('email', melder.email),
      identitySealed: melder.identitySealed,
      ...(melder.identitySealed ? { ...optional('sealReason', melder.sealReason), ...optional('sealExplanation', melder.sealExplanation) } : {}),
    },
    household: householdBody(draft.household, gemeenteCodeOf) ?? { gemeenteCode: '' },
    persons: draft.persons.map(personBody),
    concerns: { aard: draft.concerns.aard, ...(draft.concerns.tags.length > 0 ? { tags: draft.concerns.tags } : {}), account: text(draft.concerns.account) },
    acuteIndication: {
      indicated: draft.acute.indicated,
      ...(draft.acute.indicated && draft.acute.signals.length > 0 ? { signals: draft.acute.signals } : {}),
      ...(draft.acute.indicated ? optional('ground', draft.acute.ground) : {}),
    },
    ...(draft.radarJoin ? { radar: { join: draft.radarJoin } } : {}),
  };
}

export function personBody(person: PersonDraft): Record<string, unknown> {
  const age = person.estimatedAge.trim();
  return {
    role: person.role,
    name: person.name.trim(),
    ...(person.birthDate ? { birthDate: person.birthDate } : {}),
    ...(age === '' ? {} : { estimatedAge: /^\d+$/.test(age) ? Number(age) : age }),
    ...(person.bsn.trim() === '' ? {} : { bsn: person.bsn.replace(/[\s.]/g, '') }),
  };
}
