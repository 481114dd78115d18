import type { Channel } from '@vt/intake-domain';
import { emptyHousehold, emptyPerson, householdBody, HouseholdDraft, localDateTime, MeldingDraft, emptyDraft } from './melding-form.model';

/**
 * The adviesvraag form's state, and the request body `POST /api/v1/adviesvragen` takes (docs/openapi/intake.openapi.json,
 * apps/intake/src/adviesvragen/register-adviesvraag.dto.ts). An adviesvraag (DOMAIN.md "Who uses it"): someone asks
 * advice and stays responsible, so unlike a melding it needs no name or contact details, no household and no persons,
 * may come in through chat, and has no sealed identity. The question and the advice stay in intake.
 */
export interface AdviesvraagPersonDraft {
  role: string;
  name: string;
  birthDate: string;
  estimatedAge: string;
}

export interface AdviesvraagDraft {
  /** `datetime-local` value in the browser's time zone; the form starts at the moment it opened. */
  receivedAt: string;
  channel: string;
  adviesvrager: { kind: string; sector: string; role: string; name: string; organisation: string; phone: string; email: string };
  household: HouseholdDraft;
  persons: AdviesvraagPersonDraft[];
  concerns: { aard: string[]; tags: string[]; question: string };
  advice: string;
}

/**
 * The channels of an adviesvraag with their Dutch labels: every channel, chat included (`channels/1` allows chat for
 * advice only). `Channel` of @vt/intake-domain, imported as a type: this fails to compile when a channel is added or removed.
 */
export const ADVIESVRAAG_CHANNEL_LABELS: Record<Channel, string> = {
  telefoon: 'Telefoon (0800-2000)',
  chat: 'Chat',
  'systeem-naar-systeem': 'Systeem-naar-systeem',
  persoonlijk: 'Persoonlijk',
};

export function emptyAdviesvraagPerson(): AdviesvraagPersonDraft {
  return { role: 'child-involved', name: '', birthDate: '', estimatedAge: '' };
}

export function emptyAdviesvraag(now: Date = new Date()): AdviesvraagDraft {
  return {
    receivedAt: localDateTime(now),
    channel: 'telefoon',
    adviesvrager: { kind: 'professional', sector: '', role: 'melder', name: '', organisation: '', phone: '', email: '' },
    household: emptyHousehold(),
    persons: [],
    concerns: { aard: [], tags: [], question: '' },
    advice: '',
  };
}

/**
 * The request body. As for a melding, empty optional fields are left out and what was typed is sent as typed (the
 * API's field errors point at it); the household only when something of it was filled in, the sector only for a
 * professional.
 */
export function toAdviesvraagBody(draft: AdviesvraagDraft, gemeenteCodeOf: (text: string) => string | undefined): Record<string, unknown> {
  const text = (value: string) => value.trim();
  const optional = (name: string, value: string) => (text(value) === '' ? {} : { [name]: text(value) });
  const received = new Date(draft.receivedAt);
  const household = householdBody(draft.household, gemeenteCodeOf);
  const a = draft.adviesvrager;
  return {
    receivedAt: Number.isNaN(received.getTime()) ? draft.receivedAt : received.toISOString(),
    channel: draft.channel,
    adviesvrager: {
      kind: a.kind,
      ...(a.kind === 'professional' ? optional('sector', a.sector) : {}),
      role: a.role,
      ...optional('name', a.name),
      ...optional('organisation', a.organisation),
      ...optional('phone', a.phone),
      ...optional('email', a.email),
    },
    ...(household ? { household } : {}),
    ...(draft.persons.length > 0 ? { persons: draft.persons.map(adviesvraagPersonBody) } : {}),
    concerns: { aard: draft.concerns.aard, ...(draft.concerns.tags.length > 0 ? { tags: draft.concerns.tags } : {}), question: text(draft.concerns.question) },
    ...optional('advice', draft.advice),
  };
}

function adviesvraagPersonBody(person: AdviesvraagPersonDraft): Record<string, unknown> {
  const age = person.estimatedAge.trim();
  return {
    role: person.role,
    ...(person.name.trim() === '' ? {} : { name: person.name.trim() }),
    ...(person.birthDate ? { birthDate: person.birthDate } : {}),
    ...(age === '' ? {} : { estimatedAge: /^\d+$/.test(age) ? Number(age) : age }),
  };
}

/** What a melding form starts from when an adviesvraag becomes a melding: the adviesvraag's form, or intake's view of one. */
export interface AdviesvraagSource {
  /** The adviesvraag's `receivedAt` as intake answered it (ISO 8601). */
  receivedAt: string;
  channel: string;
  adviesvrager: { kind: string; sector?: string | null; role: string; name?: string; organisation?: string; phone?: string; email?: string };
  household?: HouseholdDraft;
  persons: { role: string; name?: string; birthDate?: string; estimatedAge?: string }[];
  aard: string[];
  tags: string[];
}

/**
 * The melding form for converting an adviesvraag (`POST /api/v1/adviesvragen/:id/melding`, a melding's body and
 * rules), filled in with what the adviesvraag already says so that the call handler adds only what a melding needs
 * more (DOMAIN.md: "A melding needs an identified melder with contact details"; the account; persons by name).
 * - `receivedAt` starts at the adviesvraag's: the caller decided during that call. Intake refuses a melding received
 *   before its adviesvraag (422 `received-before-adviesvraag`), so a receipt with seconds is rounded up to the minute
 *   the form can show (at most 59 s ahead, within intake's clock skew). The call handler changes it when the melding
 *   came later (a call back).
 * - A chat adviesvraag becomes a melding by telephone: chat is for advice only (`channels/1`).
 * - The question and the advice stay with the adviesvraag; the melding's account is the call handler's to write.
 */
export function meldingDraftFromAdviesvraag(source: AdviesvraagSource, now: Date = new Date()): MeldingDraft {
  const draft = emptyDraft(now);
  const received = new Date(source.receivedAt);
  if (!Number.isNaN(received.getTime())) draft.receivedAt = localDateTime(new Date(Math.ceil(received.getTime() / 60_000) * 60_000));
  draft.channel = source.channel === 'chat' ? 'telefoon' : source.channel;
  const a = source.adviesvrager;
  draft.melder = { ...draft.melder, kind: a.kind, sector: a.sector ?? '', role: a.role, name: a.name ?? '', organisation: a.organisation ?? '', phone: a.phone ?? '', email: a.email ?? '' };
  if (source.household) draft.household = { ...source.household };
  if (source.persons.length > 0) {
    draft.persons = source.persons.map((p) => ({ ...emptyPerson(), role: p.role, name: p.name ?? '', birthDate: p.birthDate ?? '', estimatedAge: p.estimatedAge ?? '' }));
  }
  draft.concerns = { aard: [...source.aard], tags: [...source.tags], account: '' };
  return draft;
}

/** The adviesvraag form as a source for its melding, with the `receivedAt` intake answered. */
export function sourceOfDraft(draft: AdviesvraagDraft, receivedAt: string): AdviesvraagSource {
  return {
    receivedAt,
    channel: draft.channel,
    adviesvrager: { ...draft.adviesvrager },
    household: draft.household,
    persons: draft.persons,
    aard: draft.concerns.aard,
    tags: draft.concerns.tags,
  };
}

/** What `GET /api/v1/adviesvragen/:id` answers (no names, question or advice: they stay in intake). */
export interface AdviesvraagView {
  adviesvraagId: string;
  householdId: string;
  receivedAt: string;
  registeredAt: string;
  channel: string;
  region: { vtRegion: string | null; veiligheidsregio: string | null; gemeenteCode: string | null };
  aard: string[];
  tags: string[];
  convertedMeldingId: string | null;
  adviesvrager: { kind: string; sector: string | null; role: string };
  persons: { role: string }[];
}

/** Intake's view of an adviesvraag as a source for its melding: categories, the gemeente (by `nameOfGemeente`) and the persons' roles. */
export function sourceOfView(view: AdviesvraagView, nameOfGemeente: (code: string) => string | undefined): AdviesvraagSource {
  const code = view.region.gemeenteCode;
  return {
    receivedAt: view.receivedAt,
    channel: view.channel,
    adviesvrager: { kind: view.adviesvrager.kind, sector: view.adviesvrager.sector, role: view.adviesvrager.role },
    ...(code ? { household: { ...emptyHousehold(), gemeente: nameOfGemeente(code) ?? code } } : {}),
    persons: view.persons.map((p) => ({ role: p.role })),
    aard: view.aard,
    tags: view.tags,
  };
}
