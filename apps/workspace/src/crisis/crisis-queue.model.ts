import { fieldMessage, ProblemField } from '../api/problem';

/** The crisis queue as the screen shows it, from `GET /api/v1/regions/:region/crisis-queue` (crisis-triage). */
export interface QueuePerson {
  personId: string;
  role: string;
}

export interface QueueAction {
  action: string;
  personId?: string;
  recordedAt: string;
}

export interface QueueEntry {
  interventionId: string;
  meldingId: string;
  householdId: string;
  gemeenteCode?: string;
  grounds: string[];
  persons: QueuePerson[];
  requestedAt: string;
  safetyConfirmedFor: string[];
  actions: QueueAction[];
}

/** What crisis staff can record on an intervention besides immediate safety, which is confirmed per person. */
export const ACTION_LABELS: Record<string, string> = {
  'police-involved': 'Politie ingeschakeld',
  'safe-place-arranged': 'Veilige plek geregeld',
  'tijdelijk-huisverbod-requested': 'Tijdelijk huisverbod aangevraagd',
  'medical-care-arranged': 'Medische zorg geregeld',
  'child-protection-measure-requested': 'Kinderbeschermingsmaatregel aangevraagd',
  'immediate-safety-confirmed': 'Directe veiligheid bevestigd',
};
export const RECORDABLE_ACTIONS = Object.keys(ACTION_LABELS).filter((action) => action !== 'immediate-safety-confirmed');

/** Why the melding is acute (crisis-triage's acute rules). */
export const GROUND_LABELS: Record<string, string> = {
  'call-handler-indicated-acute': 'Medewerker meldpunt schat acuut gevaar in',
  'physical-violence': 'Lichamelijk geweld',
  'sexual-violence': 'Seksueel geweld',
  'basic-care-lacking': 'Basiszorg ontbreekt',
  'victim-disclosure': 'Onthulling door slachtoffer',
};

/** Reads the queue's body; entries it cannot read are left out rather than shown half. */
export function parseQueue(body: unknown): QueueEntry[] {
  const list = typeof body === 'object' && body !== null ? (body as { interventions?: unknown }).interventions : undefined;
  if (!Array.isArray(list)) return [];
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return list.flatMap((item): QueueEntry[] => {
    const e = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const { interventionId, meldingId, householdId, requestedAt, gemeenteCode } = e;
    if (typeof interventionId !== 'string' || typeof meldingId !== 'string' || typeof householdId !== 'string' || typeof requestedAt !== 'string') return [];
    const persons = (Array.isArray(e['persons']) ? e['persons'] : []).flatMap((p): QueuePerson[] => {
      const { personId, role } = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
      return typeof personId === 'string' ? [{ personId, role: typeof role === 'string' ? role : 'unknown' }] : [];
    });
    const actions = (Array.isArray(e['actions']) ? e['actions'] : []).flatMap((a): QueueAction[] => {
      const { action, personId, recordedAt } = (typeof a === 'object' && a !== null ? a : {}) as Record<string, unknown>;
      if (typeof action !== 'string' || typeof recordedAt !== 'string') return [];
      return [{ action, recordedAt, ...(typeof personId === 'string' ? { personId } : {}) }];
    });
    return [{ interventionId, meldingId, householdId, requestedAt, grounds: strings(e['grounds']), persons, safetyConfirmedFor: strings(e['safetyConfirmedFor']), actions, ...(typeof gemeenteCode === 'string' ? { gemeenteCode } : {}) }];
  });
}

/**
 * Newest first, by the time crisis-triage asked for the intervention: a new acute melding lands at the top, next to
 * the alert, and recording an action never moves a card (which would take the keyboard focus away from it).
 */
export function orderQueue(entries: readonly QueueEntry[]): QueueEntry[] {
  return [...entries].sort((a, b) => Date.parse(b.requestedAt) - Date.parse(a.requestedAt) || a.interventionId.localeCompare(b.interventionId));
}

/** The interventions in `next` the screen had not shown before (none on its first read: that is the queue, not news). */
export function arrivals(shownBefore: ReadonlySet<string> | undefined, next: readonly QueueEntry[]): QueueEntry[] {
  if (!shownBefore) return [];
  return next.filter((entry) => !shownBefore.has(entry.interventionId));
}

/** The reconnect wait after the n-th failure in a row: 0.5 s doubling to 15 s, so the screen is back soon after a restart. */
export function reconnectDelay(failures: number): number {
  return Math.min(15_000, 500 * 2 ** Math.max(0, failures - 1));
}

/**
 * Whether confirming `personId` makes everyone of the intervention safe: counting those the queue says are confirmed
 * and those this screen confirmed since its last read of the queue (the intervention then leaves the queue).
 */
export function everyoneSafeAfter(entry: Pick<QueueEntry, 'persons' | 'safetyConfirmedFor'>, confirmedHere: readonly string[], personId: string): boolean {
  const safe = new Set([...entry.safetyConfirmedFor, ...confirmedHere, personId]);
  return entry.persons.every((person) => safe.has(person.personId));
}

/** Dutch for the codes crisis-triage's actions answer with; any other code as problem.ts says it. */
const FIELD_MESSAGES: Record<string, string> = {
  'unknown-person': 'Deze persoon hoort niet bij de melding.',
  required: 'Kies de persoon van wie de directe veiligheid is bevestigd.',
  isIn: 'Kies een van de acties uit de lijst.',
  maxLength: 'De toelichting is te lang (ten hoogste 2000 tekens).',
  isUuid: 'Kies een persoon van de melding.',
};

export function crisisFieldMessage(field: ProblemField): string {
  return FIELD_MESSAGES[field.code] ?? fieldMessage(field);
}
