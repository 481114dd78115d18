/** The melding form's state, and the request body `POST /api/v1/meldingen` takes (docs/openapi/intake.openapi.json). */
export interface PersonDraft {
  role: string;
  name: string;
  birthDate: string;
  estimatedAge: string;
  bsn: string;
}

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
  household: { gemeente: string; postcode: string; houseNumber: string };
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
    household: { gemeente: '', postcode: '', houseNumber: '' },
    persons: [emptyPerson()],
    concerns: { aard: [], tags: [], account: '' },
    acute: { indicated: false, signals: [], ground: '' },
    radarJoin: '',
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
export function toRequestBody(draft: MeldingDraft, gemeenteCodeOf: (text: string) => string | undefined): Record<string, unknown> {
  const text = (value: string) => value.trim();
  const optional = (name: string, value: string) => (text(value) === '' ? {} : { [name]: text(value) });
  const received = new Date(draft.receivedAt);
  const melder = draft.melder;
  return {
    receivedAt: Number.isNaN(received.getTime()) ? draft.receivedAt : received.toISOString(),
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
    household: {
      gemeenteCode: gemeenteCodeOf(draft.household.gemeente) ?? text(draft.household.gemeente),
      ...optional('postcode', draft.household.postcode),
      ...optional('houseNumber', draft.household.houseNumber),
    },
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
