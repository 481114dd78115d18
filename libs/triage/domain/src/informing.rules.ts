import {
  INFORMING_METHODS,
  INFORMING_WITHHELD_GROUNDS,
  InformingMethod,
  InformingWithheldGround,
  MetClock,
  PersonRef,
  PersonRole,
} from '@vt/contracts';

/*
 * Informing the persons whose data Veilig Thuis received from others (DOMAIN.md, "The process after a melding"
 * point 7; Wmo 2015 art. 5.3.1 as DOMAIN.md states it): each person is told within 4 weeks of recording, extendable
 * by 2 weeks at a time with a recorded reason. One `informeren-betrokkenen` clock runs per involved person of a
 * melding; recording that the person was informed (who, when, how) or the legal ground for not informing them
 * meets that person's clocks. The due dates themselves come from libs/calendar (STATUTORY_CLOCKS).
 */

export const INFORMING_CLOCK = 'informeren-betrokkenen' as const;

/** A person of a melding who is owed an informing clock. */
export interface InvolvedPerson {
  personId: string;
  role: PersonRole;
}

/**
 * Rule I1 (DOMAIN.md point 7, "a person whose data VT received from others"; Persons in a household): every person
 * the melding names gets a clock of their own, adults and children alike, whatever their role (victim, child
 * involved, adult involved, suspected perpetrator, other). The melder is not one of them: the melder gave the data
 * themselves and is kept apart (`melderId`); should the melder's id appear among the persons, it is left out. A
 * person named twice gets one clock.
 */
export function personsToInform(melding: { persons: readonly PersonRef[]; melderId?: string }): InvolvedPerson[] {
  const seen = new Set<string>();
  const persons: InvolvedPerson[] = [];
  for (const person of melding.persons) {
    if (person.personId === melding.melderId || seen.has(person.personId)) continue;
    seen.add(person.personId);
    persons.push({ personId: person.personId, role: person.role });
  }
  return persons;
}

/**
 * Rule R1 (issue 11 point 2; DOMAIN.md "Deadlines to encode": 5 working days *after receipt*; Uitvoeringsbesluit Wmo
 * 2015 art. 4.1.7): the veiligheidsbeoordeling runs from the moment Veilig Thuis received the melding, not from when
 * a call handler typed it in. A police melding received at 22:00 and registered in a batch the next morning is due
 * five working days after 22:00.
 */
export function assessmentClockStart(melding: { receivedAt: string }): Date {
  return new Date(melding.receivedAt);
}

/**
 * Rule I2 (DOMAIN.md point 7: "told within 4 weeks *of recording*"; libs/calendar `STATUTORY_CLOCKS`
 * `informeren-betrokkenen.startsAt` = "recording of the data"; Wmo 2015 art. 5.3.1 as DOMAIN.md states it, the exact
 * wording [verify]): the informing term runs from when Veilig Thuis recorded the person's data, which is the
 * registration of the melding (`registeredAt`). A melding without `registeredAt` was registered when it says it was
 * received (before issue 11, `receivedAt` was the registration time). A registration time before receipt is not a
 * recording time: the clock then starts at receipt.
 */
export function informingClockStart(melding: { receivedAt: string; registeredAt?: string }): Date {
  const received = new Date(melding.receivedAt);
  if (!melding.registeredAt) return received;
  const registered = new Date(melding.registeredAt);
  return registered.getTime() >= received.getTime() ? registered : received;
}

/** A clock's state as crisis-triage keeps it (the durable timer's `state`). */
export type ClockState = 'running' | 'approaching' | 'breached' | 'met' | 'completed-late' | 'superseded' | 'cancelled';

/** Running, approaching or breached: the work it measures is not done yet, so a recording can still end it. */
export const OPEN_CLOCK_STATES: readonly ClockState[] = ['running', 'approaching', 'breached'];

export function isOpen(state: ClockState): boolean {
  return OPEN_CLOCK_STATES.includes(state);
}

/** One of a person's informing clocks, as the recording rule needs it. */
export interface PersonClock {
  timerId: string;
  /** The melding whose recording started it. */
  subjectId: string;
  startedAt: Date;
  dueAt: Date;
  state: ClockState;
}

/** Where the household lives for the law: the European Netherlands, or Caribisch Nederland (Bonaire, Sint Eustatius, Saba). */
export type Jurisdiction = 'nl' | 'bes';

/** The jurisdiction of a clock's calendar (`nl`, `bq-bonaire`, `bq-saba`, `bq-sint-eustatius`). */
export function jurisdictionOfCalendar(calendar: string): Jurisdiction {
  return calendar.startsWith('bq-') ? 'bes' : 'nl';
}

/** The legal basis applied when informing is left out on a ground, with what about it is not confirmed. */
export interface WithheldBasis {
  legalBasis: string;
  /** Present when the basis is not confirmed: what to verify. */
  verify?: string;
}

const NL_ARTICLE_VERIFY =
  'which lid of Wmo 2015 art. 5.3.1 carries this ground is not confirmed against the published text (AVG art. 23 with UAVG art. 41 may be the basis instead)';
const BES_VERIFY = 'no legal basis for leaving out informing in Caribisch Nederland is confirmed; the Wmo 2015 does not apply on the islands';

/**
 * Rule I5: the grounds on which informing may be left out (`INFORMING_WITHHELD_GROUNDS`, codes, never free text)
 * and the basis recorded for each, per jurisdiction. Dated configuration as plain data; where the public record was
 * not checked the basis says `[verify]` (issue 11: never present an invented fact as real).
 */
export const INFORMING_WITHHELD_BASES: Readonly<Record<Jurisdiction, Readonly<Record<InformingWithheldGround, WithheldBasis>>>> = {
  nl: {
    'bescherming-betrokkene': { legalBasis: 'Wmo 2015 art. 5.3.1: bescherming van de betrokkene [verify lid]', verify: NL_ARTICLE_VERIFY },
    'rechten-en-vrijheden-van-anderen': { legalBasis: 'Wmo 2015 art. 5.3.1: rechten en vrijheden van anderen [verify lid]', verify: NL_ARTICLE_VERIFY },
    'voorkomen-strafbare-feiten': { legalBasis: 'Wmo 2015 art. 5.3.1: voorkomen, opsporen en vervolgen van strafbare feiten [verify lid]', verify: NL_ARTICLE_VERIFY },
  },
  bes: {
    'bescherming-betrokkene': { legalBasis: '[verify] Caribisch Nederland: bescherming van de betrokkene; basis not confirmed', verify: BES_VERIFY },
    'rechten-en-vrijheden-van-anderen': { legalBasis: '[verify] Caribisch Nederland: rechten en vrijheden van anderen; basis not confirmed', verify: BES_VERIFY },
    'voorkomen-strafbare-feiten': { legalBasis: '[verify] Caribisch Nederland: voorkomen van strafbare feiten; basis not confirmed', verify: BES_VERIFY },
  },
};

/** What a professional records about informing one person. */
export type InformingRecording =
  | { kind: 'informed'; informedAt: Date; method: string; informedBy: string }
  | { kind: 'withheld'; ground: string; decidedAt: Date; jurisdiction: Jurisdiction };

/** Why a recording is refused, as a named problem: `not-found`, `conflict` and `unprocessable` become 404, 409 and 422. */
export interface InformingRefusal {
  problem:
    | 'unknown-person'
    | 'no-running-informing-clock'
    | 'informed-in-the-future'
    | 'before-informing-clock-started'
    | 'unknown-informing-method'
    | 'unknown-withheld-ground'
    | 'informed-by-required';
  category: 'not-found' | 'conflict' | 'unprocessable';
  /** The request field it concerns, when one. */
  path?: string;
  message: string;
}

/** What an accepted recording does: the moment it records, the clocks it meets, and the basis when withheld. */
export interface InformingDecision {
  kind: 'informed' | 'withheld';
  /** `informedAt`, or `decidedAt` for a withheld recording. */
  at: Date;
  /** The person's open clocks started at or before `at`: each met in time (`inTime`) or done late. */
  metClocks: MetClock[];
  /** The person's open clocks that started after `at` (a later melding about them): they keep running. */
  keepRunning: string[];
  method?: InformingMethod;
  informedBy?: string;
  ground?: InformingWithheldGround;
  withheldBasis?: WithheldBasis;
}

const refuse = (problem: InformingRefusal['problem'], category: InformingRefusal['category'], message: string, path?: string): { ok: false; refusal: InformingRefusal } => ({
  ok: false,
  refusal: { problem, category, message, ...(path ? { path } : {}) },
});

/**
 * Rules I3 and I4 (DOMAIN.md point 7; issue 11 point 1): a recording for one person meets that person's open
 * `informeren-betrokkenen` clocks that started at or before the moment it records, and no one else's. Each is met in
 * time when the moment lies at or before its due time, else it is done late (a breached clock stays a breach). It is
 * refused, naming the problem, when:
 * - the person is not a person of a melding of the household (`unknown-person`);
 * - the person has no open clock (`no-running-informing-clock`: all already met, so a repeated recording changes nothing);
 * - `informedAt` / `decidedAt` lies in the future (`informed-in-the-future`);
 * - every open clock started after the moment (`before-informing-clock-started`: there was nothing to inform about yet);
 * - the method, the ground or who informed is not given as the lists require.
 */
export function decideInforming(input: { person: InvolvedPerson | undefined; clocks: readonly PersonClock[]; recording: InformingRecording; now: Date }):
  | { ok: true; decision: InformingDecision }
  | { ok: false; refusal: InformingRefusal } {
  const { person, clocks, recording, now } = input;
  if (!person) return refuse('unknown-person', 'not-found', 'this person is not a person of any melding of the household', 'personId');
  let method: InformingMethod | undefined;
  let ground: InformingWithheldGround | undefined;
  if (recording.kind === 'informed') {
    if (!(INFORMING_METHODS as readonly string[]).includes(recording.method)) {
      return refuse('unknown-informing-method', 'unprocessable', `method must be one of ${INFORMING_METHODS.join(', ')}`, 'method');
    }
    if (!/^(user|system):.+/.test(recording.informedBy)) return refuse('informed-by-required', 'unprocessable', 'who informed the person must be recorded (user:<subject>)', 'informedBy');
    method = recording.method as InformingMethod;
  } else {
    if (!(INFORMING_WITHHELD_GROUNDS as readonly string[]).includes(recording.ground)) {
      return refuse('unknown-withheld-ground', 'unprocessable', `ground must be one of ${INFORMING_WITHHELD_GROUNDS.join(', ')}`, 'withheld.ground');
    }
    ground = recording.ground as InformingWithheldGround;
  }
  const at = recording.kind === 'informed' ? recording.informedAt : recording.decidedAt;
  const field = recording.kind === 'informed' ? 'informedAt' : 'withheld.decidedAt';
  if (at.getTime() > now.getTime()) return refuse('informed-in-the-future', 'unprocessable', `${field} ${at.toISOString()} lies in the future`, field);
  const open = clocks.filter((clock) => isOpen(clock.state));
  if (open.length === 0) {
    return refuse('no-running-informing-clock', 'conflict', `person ${person.personId} has no running informeren-betrokkenen clock: informing was already recorded for every melding about them`);
  }
  const meets = open.filter((clock) => clock.startedAt.getTime() <= at.getTime());
  if (meets.length === 0) {
    const first = Math.min(...open.map((clock) => clock.startedAt.getTime()));
    return refuse('before-informing-clock-started', 'unprocessable', `${field} ${at.toISOString()} lies before the person's informing clock started (${new Date(first).toISOString()})`, field);
  }
  const metClocks = meets
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
    .map((clock) => ({ timerId: clock.timerId, subjectId: clock.subjectId, dueAt: clock.dueAt.toISOString(), inTime: at.getTime() <= clock.dueAt.getTime() }));
  const decision: InformingDecision = {
    kind: recording.kind,
    at,
    metClocks,
    keepRunning: open.filter((clock) => !meets.includes(clock)).map((clock) => clock.timerId),
    ...(method ? { method, informedBy: (recording as { informedBy: string }).informedBy } : {}),
    ...(ground && recording.kind === 'withheld' ? { ground, withheldBasis: INFORMING_WITHHELD_BASES[recording.jurisdiction][ground] } : {}),
  };
  return { ok: true, decision };
}

/** Only the informing term may be extended (DOMAIN.md "Deadlines to encode": 4 weeks, + 2 weeks per recorded extension). */
export const EXTENDABLE_CLOCKS: readonly string[] = [INFORMING_CLOCK];

export interface ExtensionRefusal {
  problem: 'not-extendable' | 'deadline-not-running' | 'reason-required';
  category: 'conflict' | 'unprocessable';
  message: string;
}

/**
 * Rule I6 (Wmo 2015 art. 5.3.1 as DOMAIN.md states it): an informing clock is extended one clock at a time (so per
 * person), by 2 weeks per extension, each with a recorded reason, while it runs. Other clocks cannot be extended;
 * a clock that is met, breached or superseded cannot be extended any more.
 */
export function extensionRefusal(clock: { clock: string; state: ClockState }, reason: string): ExtensionRefusal | undefined {
  if (!EXTENDABLE_CLOCKS.includes(clock.clock)) return { problem: 'not-extendable', category: 'unprocessable', message: `the ${clock.clock} term cannot be extended; only ${EXTENDABLE_CLOCKS.join(', ')} can` };
  if (clock.state !== 'running' && clock.state !== 'approaching') return { problem: 'deadline-not-running', category: 'conflict', message: `the deadline is ${clock.state}; only a running term can be extended` };
  if (reason.trim().length === 0) return { problem: 'reason-required', category: 'unprocessable', message: 'an extension needs a recorded reason' };
  return undefined;
}

/** A melding-level informing clock of the first releases: no person, so nothing could ever meet it. */
export interface LegacyInformingClock {
  timerId: string;
  state: ClockState;
  personId?: string | null;
}

/** What becomes of a legacy clock: one clock per person in its place, or it keeps running, and why. */
export type LegacyConversion =
  | { convert: true; persons: InvolvedPerson[]; state: 'running' | 'approaching' | 'breached' }
  | { convert: false; reason: 'not-melding-level' | 'not-open' | 'melding-not-found' | 'no-persons' };

/**
 * Rule I7 (issue 11 point 1: "existing running clocks are migrated, a clock per person, none lost"; ADR 0021): an
 * open melding-level informing clock becomes one clock per person of its melding (rule I1), with the same start, due
 * date and extensions, in the state the old clock had: a clock already past its due date is a real breach of each
 * person's clock, unless a later recording says the person was informed in time. The old clock is superseded
 * (counted neither met nor breached). Without the melding's persons (its MeldingReceived not found) it keeps
 * running: never dropped.
 */
export function convertLegacyInformingClock(legacy: LegacyInformingClock, melding: { persons: readonly PersonRef[]; melderId?: string } | undefined): LegacyConversion {
  if (legacy.personId) return { convert: false, reason: 'not-melding-level' };
  if (legacy.state !== 'running' && legacy.state !== 'approaching' && legacy.state !== 'breached') return { convert: false, reason: 'not-open' };
  if (!melding) return { convert: false, reason: 'melding-not-found' };
  const persons = personsToInform(melding);
  if (persons.length === 0) return { convert: false, reason: 'no-persons' };
  return { convert: true, persons, state: legacy.state };
}
