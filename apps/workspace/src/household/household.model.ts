import type { Attempt } from '../api/idempotent-submit';
import { accessMessage, problemOf } from '../api/http';

/**
 * The household view's pure logic (issue 12 point 6): the API answers of safety-investigation and crisis-triage
 * turned into what the screen shows, in Dutch. No fetching, no React: unit-tested from the rules in DOMAIN.md.
 */

// ── phase ──

export const PHASE_PATH = ['directe-veiligheid', 'duurzame-veiligheid', 'herstel'] as const;
export const PHASE_LABELS: Record<string, string> = {
  'directe-veiligheid': 'Directe veiligheid',
  'duurzame-veiligheid': 'Duurzame veiligheid',
  herstel: 'Herstel',
  gesloten: 'Gesloten',
};

export interface PhaseStep {
  phase: string;
  label: string;
  /** `done`: behind the household; `current`: where it is; `next`: still ahead. */
  state: 'done' | 'current' | 'next';
}

/**
 * The phased path (directe veiligheid → duurzame veiligheid → herstel) with the household's phase marked. A closed
 * household has walked the whole path; a phase the workspace does not know marks nothing (shown by its code).
 */
export function phasePath(phase: string): PhaseStep[] {
  const at = phase === 'gesloten' ? PHASE_PATH.length : PHASE_PATH.indexOf(phase as (typeof PHASE_PATH)[number]);
  return PHASE_PATH.map((p, i) => ({ phase: p, label: PHASE_LABELS[p] ?? p, state: at < 0 ? 'next' : i < at ? 'done' : i === at ? 'current' : 'next' }));
}

// ── persons ──

export const PERSON_ROLE_LABELS: Record<string, string> = {
  victim: 'Slachtoffer',
  'child-involved': 'Betrokken kind',
  'adult-involved': 'Betrokken volwassene',
  'suspected-perpetrator': 'Vermoedelijke pleger',
  other: 'Andere betrokkene',
};

export interface PersonApi {
  personId: string;
  role: string;
  minor?: boolean;
  immediateSafety: 'unconfirmed' | 'confirmed';
  confirmedBy?: string;
  confirmedAt?: string;
}

export interface PersonRow {
  personId: string;
  role: string;
  minor: string;
  safety: string;
  confirmed: boolean;
}

/** Each person with their immediate safety: directe veiligheid holds only when it is confirmed for every one of them. */
export function personRows(persons: readonly PersonApi[]): PersonRow[] {
  return persons.map((p) => ({
    personId: p.personId,
    role: PERSON_ROLE_LABELS[p.role] ?? p.role,
    minor: p.minor === undefined ? 'onbekend' : p.minor ? 'ja' : 'nee',
    safety: p.immediateSafety === 'confirmed' ? `Bevestigd${p.confirmedAt ? ` op ${dateTime(p.confirmedAt)}` : ''}${p.confirmedBy ? ` door ${p.confirmedBy}` : ''}` : 'Nog niet bevestigd',
    confirmed: p.immediateSafety === 'confirmed',
  }));
}

/** What the phase needs next, in words: DOMAIN.md — first directe veiligheid for everyone involved, only then duurzame veiligheid. */
export function safetySummary(phase: string, persons: readonly PersonApi[]): string {
  const open = persons.filter((p) => p.immediateSafety !== 'confirmed').length;
  if (phase !== 'directe-veiligheid') return `Directe veiligheid is voor ${persons.length === 1 ? 'de betrokkene' : `alle ${persons.length} betrokkenen`} afgehandeld.`;
  if (open === 0) return 'Directe veiligheid is voor iedereen bevestigd: het huishouden kan naar duurzame veiligheid.';
  return `Directe veiligheid is nog niet bevestigd voor ${open} van de ${persons.length} ${persons.length === 1 ? 'betrokkene' : 'betrokkenen'}.`;
}

// ── clocks ──

export const CLOCK_LABELS: Record<string, string> = {
  veiligheidsbeoordeling: 'Veiligheidsbeoordeling (5 dagen)',
  onderzoek: 'Onderzoek (10 weken)',
  'informeren-betrokkenen': 'Informeren betrokkene (4 weken)',
};

const CLOCK_STATE_TEXT: Record<string, string> = {
  running: 'Loopt',
  approaching: 'Let op: termijn nadert',
  breached: 'Termijn overschreden',
  met: 'Op tijd afgerond',
  'completed-late': 'Te laat afgerond',
  superseded: 'Vervangen door termijnen per persoon',
  cancelled: 'Vervallen',
};

export interface DeadlineApi {
  timerId: string;
  clock: string;
  legalBasis?: string | null;
  personId?: string | null;
  role?: string | null;
  dueAt: string;
  state: string;
  extensions?: number;
  completedAt?: string | null;
}

export interface ClockRow {
  timerId: string;
  clock: string;
  person: string;
  dueAt: string;
  /** The state in words: approaching and breached are said in the text, not only by colour (WCAG 1.4.1). */
  state: string;
  urgency: 'breached' | 'approaching' | 'open' | 'closed';
  legalBasis: string;
}

/** The statutory clocks, open ones first (breached, approaching, running), each by due date. */
export function clockRows(deadlines: readonly DeadlineApi[]): ClockRow[] {
  const urgency = (state: string): ClockRow['urgency'] => (state === 'breached' ? 'breached' : state === 'approaching' ? 'approaching' : state === 'running' ? 'open' : 'closed');
  const order: Record<ClockRow['urgency'], number> = { breached: 0, approaching: 1, open: 2, closed: 3 };
  return deadlines
    .map((d) => ({
      timerId: d.timerId,
      clock: CLOCK_LABELS[d.clock] ?? d.clock,
      person: d.personId ? `${PERSON_ROLE_LABELS[d.role ?? ''] ?? d.role ?? 'persoon'} ${d.personId.slice(0, 8)}` : 'Hele melding',
      dueAt: dateTime(d.dueAt),
      state: `${CLOCK_STATE_TEXT[d.state] ?? d.state}${d.extensions ? ` (${d.extensions}× verlengd)` : ''}`,
      urgency: urgency(d.state),
      legalBasis: d.legalBasis ?? '',
      sortKey: d.dueAt,
    }))
    .sort((a, b) => order[a.urgency] - order[b.urgency] || a.sortKey.localeCompare(b.sortKey))
    .map(({ sortKey: _sortKey, ...row }) => row);
}

// ── referrals ──

export interface ReferralApi {
  referralId: string;
  partnerId: string;
  partnerType: string;
  purpose?: string;
  issuedAt: string;
  answer: string;
  answeredAt?: string;
}

const ANSWERS: Record<string, string> = {
  open: 'Nog geen antwoord bekend',
  accepted: 'Geaccepteerd',
  completed: 'Afgerond door de partner',
  declined: 'Geweigerd',
  expired: 'Verlopen zonder antwoord',
  rerouted: 'Doorgestuurd naar een andere partner',
};

export function referralRows(referrals: readonly ReferralApi[]): { referralId: string; partner: string; purpose: string; issuedAt: string; answer: string }[] {
  return referrals.map((r) => ({
    referralId: r.referralId,
    partner: `${r.partnerId} (${r.partnerType})`,
    purpose: r.purpose ?? '',
    issuedAt: dateTime(r.issuedAt),
    answer: `${ANSWERS[r.answer] ?? r.answer}${r.answeredAt ? ` (${dateTime(r.answeredAt)})` : ''}`,
  }));
}

// ── timeline ──

/** The replay's event names (`TimelineEntry.name`) in Dutch; an unknown name is shown as it is. */
export const EVENT_LABELS: Record<string, string> = {
  HouseholdRecordOpened: 'Huishoudendossier geopend',
  MeldingAddedToHousehold: 'Melding toegevoegd aan het huishouden',
  ImmediateSafetyConfirmed: 'Directe veiligheid bevestigd',
  ImmediateSafetyConfirmationWithdrawn: 'Bevestiging directe veiligheid ingetrokken',
  HouseholdPhaseChanged: 'Fase gewijzigd',
  HouseholdPhaseChangeRefused: 'Fasewijziging geweigerd',
  CaseDataAccessed: 'Dossier ingezien',
  InvestigationOpened: 'Onderzoek geopend',
  InvestigationStepPlanned: 'Onderzoeksstap gepland',
  InvestigationStepCompleted: 'Onderzoeksstap afgerond',
  InvestigationFindingRecorded: 'Bevinding vastgelegd',
  InvestigationConcluded: 'Onderzoek afgerond',
  SafetyConditionsRecorded: 'Veiligheidsvoorwaarden vastgelegd',
  MonitoringStarted: 'Monitoring gestart',
  MonitoringResultRecorded: 'Monitoringsresultaat vastgelegd',
  HuisverbodImposed: 'Huisverbod opgelegd',
  HuisverbodExtended: 'Huisverbod verlengd',
  HouseholdHandedOver: 'Overgedragen aan partner',
  HouseholdHandoverCompleted: 'Overdracht afgerond',
  HouseholdHandoverFailed: 'Overdracht mislukt',
  HouseholdClosed: 'Huishouden gesloten',
  // intake
  MeldingReceived: 'Melding ontvangen en geregistreerd',
  AdviesvraagReceived: 'Adviesvraag ontvangen',
  AdviesvraagConvertedToMelding: 'Adviesvraag omgezet in melding',
  // crisis-triage
  AcuteCheckCompleted: 'Acuutcheck afgerond',
  AssessmentRequestJoined: 'Verzoek bij lopende beoordeling gevoegd',
  CrisisInterventionRequested: 'Crisisinterventie gevraagd',
  CrisisActionRecorded: 'Crisisactie vastgelegd',
  SafetyAssessmentCompleted: 'Veiligheidsbeoordeling afgerond',
  DeadlineStarted: 'Termijn gestart',
  DeadlineApproaching: 'Termijn nadert',
  DeadlineMet: 'Termijn gehaald',
  DeadlineBreached: 'Termijn overschreden',
  DeadlineExtended: 'Termijn verlengd',
  DeadlineSuperseded: 'Termijn vervallen',
  InvolvedPersonInformed: 'Betrokkene geïnformeerd',
  InformingWithheld: 'Informeren uitgesteld',
  // referral (and what partners answered, as referral recorded it)
  ReferralIssued: 'Verwezen naar partner',
  ReferralAccepted: 'Verwijzing geaccepteerd door partner',
  ReferralDeclined: 'Verwijzing afgewezen door partner',
  ReferralCompleted: 'Verwijzing afgerond door partner',
  ReferralExpired: 'Verwijzing verlopen zonder antwoord',
  ReferralRerouted: 'Verwijzing doorgezet naar andere partner',
  ReferralRoutingFailed: 'Verwijzen mislukt',
  PartnerAnswerRefused: 'Antwoord van partner geweigerd',
  MelderFeedbackGiven: 'Terugkoppeling aan melder gegeven',
  // shelter-placement (vrouwenopvang: in-, door- en uitstroom as the service recorded them)
  ShelterPlacementRequested: 'Opvangplek aangevraagd',
  ShelterPlacementOffered: 'Opvangplek aangeboden aan opvang',
  ShelterPlacementAccepted: 'Plaatsing geaccepteerd door opvang',
  ShelterPlacementDeclined: 'Plaatsing afgewezen door opvang',
  ShelterPlacementOfferLapsed: 'Aanbod aan opvang verlopen zonder antwoord',
  ShelterPlacementEscalated: 'Plaatsing geëscaleerd: geen opvang gevonden',
  ShelterPlacementCancelled: 'Aanvraag opvangplek ingetrokken',
  ShelterStayStarted: 'Instroom in de opvang',
  ShelterStayMoved: 'Doorstroom naar andere plek of programma',
  ShelterStayEnded: 'Uitstroom uit de opvang',
};

export interface TimelineEntryApi {
  time: string;
  name: string;
  summary: string;
  actor?: string;
  reasoning?: string;
  details?: [string, string][];
  phaseChange?: { from?: string; to: string };
}

export interface TimelineRow {
  time: string;
  /** Which service recorded the entry (Dutch), when the entries come from several (`mergeTimelines`). */
  service: string;
  iso: string;
  what: string;
  /** The replay's own description (English, as `vt audit replay` prints it). */
  replay: string;
  actor: string;
  details: string[];
}

/** The replay's entries as the screen lists them: oldest first, as the auditor reads them. */
export function timelineRows(entries: readonly (TimelineEntryApi & { service?: TimelineService })[]): TimelineRow[] {
  return entries.map((e) => ({
    time: dateTime(e.time),
    service: e.service ? SERVICE_LABELS[e.service] : '',
    iso: e.time,
    what: EVENT_LABELS[e.name] ?? e.name,
    replay: e.summary,
    actor: e.actor ?? '',
    details: [
      ...(e.phaseChange ? [`Fase: ${e.phaseChange.from ? `${PHASE_LABELS[e.phaseChange.from] ?? e.phaseChange.from} → ` : ''}${PHASE_LABELS[e.phaseChange.to] ?? e.phaseChange.to}`] : []),
      ...(e.reasoning ? [`Waarom: ${e.reasoning === '[encrypted]' ? 'versleuteld (vrije tekst, alleen in het dossier zelf leesbaar)' : e.reasoning}`] : []),
      ...(e.details ?? []).filter(([, value]) => value !== '').map(([label, value]) => `${label}: ${value}`),
    ],
  }));
}

/** The services that each answer their part of a household's timeline (docs/adr/0039), in the order the screen names them. */
export const TIMELINE_SERVICES = ['intake', 'crisis-triage', 'safety-investigation', 'referral', 'shelter-placement'] as const;
export type TimelineService = (typeof TIMELINE_SERVICES)[number];

/** Each service's part in Dutch: which service recorded an entry. */
export const SERVICE_LABELS: Record<TimelineService, string> = {
  intake: 'Intake',
  'crisis-triage': 'Crisisdienst en triage',
  'safety-investigation': 'Veiligheid en onderzoek',
  referral: 'Verwijzing',
  'shelter-placement': 'Opvang',
};

/** One service's answer to `GET /api/v1/households/:id/timeline`: the replay's model and text over its own published facts. */
export interface TimelinePartApi {
  scope: string;
  timeline: { entries: (TimelineEntryApi & { topic?: string; offset?: string })[] };
  text: string;
}

export type MergedEntry = TimelineEntryApi & { service: TimelineService; topic?: string; offset?: string };

export interface MergedTimeline {
  /** Every part's entries, oldest first, each with the service that recorded it. */
  entries: MergedEntry[];
  /** The parts that were read: their replay text, per service. */
  texts: { service: TimelineService; text: string }[];
  /** The parts that could not be read (403, 404, 5xx, unreachable): a sentence each; the rest is shown. */
  missing: { service: TimelineService; read: Exclude<Read<TimelinePartApi>, { kind: 'ok' }> }[];
}

/**
 * The household's timeline over all services: the parts merged by event time as the replay orders them (time,
 * then topic; within one service's topic its outbox order; the same time and topic of two services in the order of
 * `TIMELINE_SERVICES`, where the replay would use Kafka's offsets, unknown here). A part that could not be read is
 * named with its sentence and left out; the others are shown.
 */
export function mergeTimelines(parts: readonly { service: TimelineService; read: Read<TimelinePartApi> }[]): MergedTimeline {
  const entries: (MergedEntry & { rank: number; index: number })[] = [];
  const texts: MergedTimeline['texts'] = [];
  const missing: MergedTimeline['missing'] = [];
  for (const { service, read } of parts) {
    if (read.kind !== 'ok') {
      missing.push({ service, read });
      continue;
    }
    texts.push({ service, text: read.body.text });
    read.body.timeline.entries.forEach((entry, index) => entries.push({ ...entry, service, rank: TIMELINE_SERVICES.indexOf(service), index }));
  }
  entries.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || ((a.topic ?? '') < (b.topic ?? '') ? -1 : (a.topic ?? '') > (b.topic ?? '') ? 1 : 0) || a.rank - b.rank || a.index - b.index);
  return { entries: entries.map(({ rank: _rank, index: _index, ...entry }) => entry), texts, missing };
}

// ── reading ──

export type Read<T> = { kind: 'ok'; body: T } | { kind: 'denied'; message: string } | { kind: 'failed'; message: string };

/**
 * One API answer as a section shows it: the body, or a sentence. A 401 or 403 is a sentence about access (the
 * service decides who may read what: a role without the right sees why, not an error page); anything else says what failed.
 */
export function readOf<T>(attempt: Attempt, what: string): Read<T> {
  if (attempt.kind === 'network-error') return { kind: 'failed', message: `${what} kon niet worden opgehaald: de dienst is niet bereikbaar. Probeer het later opnieuw.` };
  const problem = problemOf(attempt);
  if (!problem) return { kind: 'ok', body: attempt.body as T };
  if (problem.status === 403) return { kind: 'denied', message: `${what}: geen toegang. Uw rol of regio geeft geen inzage in deze gegevens; de dienst weigerde de inzage.` };
  const access = accessMessage(problem);
  if (access) return { kind: 'denied', message: access };
  if (problem.status === 404) return { kind: 'failed', message: `${what}: niet gevonden.` };
  return { kind: 'failed', message: `${what} kon niet worden opgehaald (${problem.status}${problem.detail ? `: ${problem.detail}` : ''}).` };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A household id as typed or pasted (spaces, a pasted link `#/household/<id>`): the id, or a Dutch sentence why not. */
export function householdIdFrom(input: string): { id: string } | { error: string } {
  const text = input.trim().replace(/^.*#\/household\//, '');
  if (text === '') return { error: 'Vul het id van het huishouden in.' };
  if (!UUID.test(text)) return { error: 'Een huishouden-id heeft de vorm 8-4-4-4-12 tekens (0-9 en a-f), bijvoorbeeld 3f2b…-…; controleer wat u plakte.' };
  return { id: text.toLowerCase() };
}

/** The household id in the address (`#/household/<id>`), if there is one. */
export function householdIdInHash(hash: string): string | undefined {
  const match = /^#\/household\/([^/?#]+)/.exec(hash);
  const parsed = match?.[1] ? householdIdFrom(decodeURIComponent(match[1])) : undefined;
  return parsed && 'id' in parsed ? parsed.id : undefined;
}

/** A time as a Dutch reader reads it, in the Netherlands' time zone: `7-12-2026 06:30`. */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date).replace(',', '');
}

// ── investigation ──

export interface InvestigationApi {
  investigationId: string;
  status: string;
  openedAt: string;
  steps: { stepId: string; kind: string; personId?: string; thirdParty?: string; legalBasis?: string; plannedAt: string; plannedBy: string; completedAt: string | null }[];
  findings: { findingId: string; personId: string; text?: string; erased?: boolean; erasedAt?: string; recordedAt: string; recordedBy: string }[];
  conclusion?: { outcome?: string; concludedAt?: string } | null;
}

/** The plan and findings as the investigator reads them; an erased person's finding says so (DOMAIN.md "Data protection"). */
export function investigationRows(investigation: InvestigationApi): { status: string; steps: string[][]; findings: string[][] } {
  return {
    status: investigation.status === 'concluded' ? `Afgerond${investigation.conclusion?.outcome ? `: ${investigation.conclusion.outcome}` : ''}` : `Loopt sinds ${dateTime(investigation.openedAt)}`,
    steps: investigation.steps.map((s) => [s.kind, s.personId ? s.personId.slice(0, 8) : s.thirdParty ?? '', s.legalBasis ?? '', dateTime(s.plannedAt), s.completedAt ? `Afgerond ${dateTime(s.completedAt)}` : 'Open']),
    findings: investigation.findings.map((f) => [f.personId.slice(0, 8), f.erased ? `Gewist${f.erasedAt ? ` op ${dateTime(f.erasedAt)}` : ''}` : f.text ?? '', dateTime(f.recordedAt), f.recordedBy]),
  };
}

/** Why a reader reads the household (`X-Access-Purpose`, a code; recorded with every read). */
export const PURPOSES: { code: string; label: string }[] = [
  { code: 'onderzoek', label: 'Onderzoek' },
  { code: 'veiligheidsbeoordeling', label: 'Veiligheidsbeoordeling' },
  { code: 'crisisinterventie', label: 'Crisisinterventie' },
  { code: 'monitoring', label: 'Monitoring' },
  { code: 'overdracht', label: 'Overdracht' },
  { code: 'toezicht', label: 'Toezicht (audit)' },
];

/** The purpose a role usually reads for: the first choice in the list, which the reader can change. */
export function defaultPurpose(roles: readonly string[]): string {
  if (roles.includes('investigator')) return 'onderzoek';
  if (roles.includes('triage')) return 'veiligheidsbeoordeling';
  if (roles.includes('auditor')) return 'toezicht';
  return 'onderzoek';
}
