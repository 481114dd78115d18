import { byEventTime, AuditEvent } from '../log-reader/log-event';
import { describe, shortTypeName } from './describers';
import { encryptedTextsIn, personalDataIn, PersonDataOpener, serviceOfSource, WITHOUT_KEYS } from './person-data';
import { DeadlineSummary, PersonDataView, Timeline, TimelineEntry } from './timeline-model';

export const PERSON_DATA_ERASED_TYPE = 'nl.veiligthuis.privacy.PersonDataErased.v1';
export const HOUSEHOLD_DATA_ERASED_TYPE = 'nl.veiligthuis.privacy.HouseholdDataErased.v1';

/**
 * A person's erasure as the log records it (`PersonDataErased`), from any household's records; or a household's
 * (`HouseholdDataErased`: its own key, the free text about it, docs/adr/0020), with the household id as `personId`.
 */
export interface ErasureOnLog {
  personId: string;
  erasedAt: string;
  reason?: string;
  actor?: string;
}

export function erasureOf(event: AuditEvent['event']): ErasureOnLog | undefined {
  if (event.type !== PERSON_DATA_ERASED_TYPE && event.type !== HOUSEHOLD_DATA_ERASED_TYPE) return undefined;
  const data = event.data as Record<string, unknown>;
  const subject = event.type === HOUSEHOLD_DATA_ERASED_TYPE ? data['householdId'] : data['personId'];
  if (typeof subject !== 'string') return undefined;
  return {
    personId: subject,
    erasedAt: typeof data['erasedAt'] === 'string' ? data['erasedAt'] : event.time,
    ...(typeof data['reason'] === 'string' ? { reason: data['reason'] } : {}),
    ...(typeof data['actor'] === 'string' ? { actor: data['actor'] } : {}),
  };
}

export interface BuildTimelineInput {
  householdId: string;
  events: AuditEvent[];
  /** Erasures anywhere on the log, by person id: their data shows as erased with this date, keys or not. */
  erasures?: Map<string, ErasureOnLog>;
  personData?: PersonDataOpener;
  log?: Timeline['log'];
  problems?: Timeline['problems'];
  now?: Date;
}

/** Folds a household's events into its history: every event described, then phases, deadlines, disclosures and reads. */
export async function buildTimeline(input: BuildTimelineInput): Promise<Timeline> {
  const opener = input.personData ?? WITHOUT_KEYS;
  const erasures = input.erasures ?? new Map<string, ErasureOnLog>();
  const events = [...input.events].sort(byEventTime);
  const entries: TimelineEntry[] = [];
  const timeline: Timeline = {
    householdId: input.householdId,
    generatedAt: (input.now ?? new Date()).toISOString(),
    log: input.log ?? { topics: [], missingTopics: [], records: events.length },
    entries,
    phases: [],
    deadlines: [],
    disclosures: [],
    reads: [],
    erasures: [],
    problems: input.problems ?? [],
  };
  const deadlines = new Map<string, DeadlineSummary>();

  for (const { event, topic, partition, offset } of events) {
    const data = event.data as Record<string, unknown>;
    const described = describe(event.type, data, event.time, event.subject);
    const service = serviceOfSource(event.source);
    const open = async (value: Parameters<PersonDataOpener['open']>[0]): Promise<PersonDataView> => {
      const erased = erasures.get(String(value.personId));
      return erased ? { personId: erased.personId, state: 'erased', erasedAt: erased.erasedAt } : opener.open(value, service);
    };
    const persons: PersonDataView[] = [];
    for (const value of personalDataIn(data)) persons.push(await open(value));
    // A person's free text travels only encrypted under the key of whom it concerns (docs/adr/0020): shown as far as the keys allow.
    for (const { field, value } of encryptedTextsIn(data)) {
      const text = textOf(await open(value));
      if (field === 'conditions' || field === 'safetyConditions') described.details = [...(described.details ?? []), ['safety conditions', text]];
      else if (field === 'finding') described.details = [...(described.details ?? []), ['finding', text]];
      else described.reasoning = described.reasoning ? `${described.reasoning}; ${text}` : text;
    }
    const entry: TimelineEntry = {
      time: event.time,
      type: event.type,
      name: shortTypeName(event.type),
      eventId: event.id,
      source: event.source,
      ...(event.subject ? { subject: event.subject } : {}),
      topic,
      partition,
      offset,
      ...described,
      ...(persons.length > 0 ? { persons } : {}),
    };
    if (!described.generic) delete entry.generic;
    entries.push(entry);

    if (described.phaseChange) {
      timeline.phases.push({ at: event.time, ...described.phaseChange, ...(described.actor ? { actor: described.actor } : {}), ...(described.reasoning ? { reason: described.reasoning } : {}) });
    }
    if (described.disclosure) timeline.disclosures.push({ ...described.disclosure, at: event.time, type: entry.name, ...(described.actor ? { actor: described.actor } : {}) });
    if (described.access) timeline.reads.push({ ...described.access, at: event.time });
    const erasure = erasureOf(event);
    if (erasure) timeline.erasures.push(erasure);
    const note = described.deadline;
    if (note?.timerId) {
      const summary = deadlines.get(note.timerId) ?? { timerId: note.timerId, clock: note.clock, outcome: 'open' as const, extensions: 0 };
      if (note.legalBasis) summary.legalBasis = note.legalBasis;
      if (note.subjectId) summary.subjectId = note.subjectId;
      if (note.dueAt) summary.dueAt = note.dueAt;
      if (note.status === 'started') summary.startedAt = typeof data['startedAt'] === 'string' ? data['startedAt'] : event.time;
      if (note.status === 'met') {
        summary.outcome = 'met';
        summary.metAt = note.at ?? event.time;
      }
      if (note.status === 'breached') {
        if (summary.outcome !== 'met') summary.outcome = 'breached';
        summary.breachedAt = note.at ?? event.time;
      }
      if (note.status === 'extended') summary.extensions += 1;
      deadlines.set(note.timerId, summary);
    }
  }
  timeline.deadlines = [...deadlines.values()];
  return timeline;
}

/** An encrypted free text as the auditor may read it: the text (a list joined), or why it cannot be read. */
function textOf(view: PersonDataView): string {
  switch (view.state) {
    case 'readable': {
      const value = view.fields['text'] ?? view.fields['items'] ?? view.fields['finding'];
      return Array.isArray(value) ? value.join('; ') : String(value ?? '');
    }
    case 'erased':
      return `[erased ${view.erasedAt}]`;
    case 'encrypted':
      return '[encrypted]';
    case 'unreadable':
      return `[unreadable: ${view.problem}]`;
  }
}
