/** What one event says to an auditor, as plain data that text, JSON and HTML render alike. */
export interface Described {
  /** One line: what happened. */
  summary: string;
  /** Who decided or did it: `user:…`, `system:…`, or a partner's named person. */
  actor?: string;
  /** The grounds given (reasoning, reason, grounds of a rule set). */
  reasoning?: string;
  /** Further facts as label/value pairs, in reading order. */
  details?: [string, string][];
  phaseChange?: { from?: string; to: string };
  deadline?: DeadlineNote;
  disclosure?: DisclosureNote;
  access?: AccessNote;
}

export interface DeadlineNote {
  timerId?: string;
  clock: string;
  legalBasis?: string;
  subjectId?: string;
  dueAt?: string;
  status: 'started' | 'approaching' | 'met' | 'breached' | 'extended' | 'completed';
  /** When it was met, breached, extended … */
  at?: string;
}

export interface DisclosureNote {
  recipient: string;
  legalBasis: string;
  purpose: string;
  fields: string[];
  referralId?: string;
}

export interface AccessNote {
  actor: string;
  purpose: string;
  fields: string[];
  subject: string;
  service?: string;
}

/** One person's personal data in an event, as far as this auditor may and can read it. */
export type PersonDataView =
  | { personId: string; state: 'readable'; fields: Record<string, string | number | null | string[]> }
  | { personId: string; state: 'erased'; erasedAt: string }
  | { personId: string; state: 'encrypted' }
  | { personId: string; state: 'unreadable'; problem: string };

export interface TimelineEntry extends Described {
  time: string;
  type: string;
  /** The type without namespace and version, e.g. `MeldingReceived`. */
  name: string;
  eventId: string;
  source: string;
  subject?: string;
  topic: string;
  partition: number;
  offset: string;
  /** Personal data the event carries, per person. */
  persons?: PersonDataView[];
  /** No describer knew this type: the entry shows what every event has. */
  generic?: boolean;
}

export interface Timeline {
  householdId: string;
  /** When the replay ran, and how much of the log it read. */
  generatedAt: string;
  log: { topics: { topic: string; records: number }[]; missingTopics: string[]; records: number };
  entries: TimelineEntry[];
  phases: { at: string; from?: string; to: string; actor?: string; reason?: string }[];
  deadlines: DeadlineSummary[];
  disclosures: (DisclosureNote & { at: string; actor?: string; type: string })[];
  reads: (AccessNote & { at: string })[];
  erasures: { personId: string; erasedAt: string; reason?: string; actor?: string }[];
  /** Records keyed by this household that are not readable events. */
  problems: { topic: string; partition: number; offset: string; problem: string }[];
}

export interface DeadlineSummary {
  timerId: string;
  clock: string;
  legalBasis?: string;
  subjectId?: string;
  startedAt?: string;
  dueAt?: string;
  /** `met` before the deadline, `breached` (and not met), `open` (running), per the log. */
  outcome: 'met' | 'breached' | 'open';
  metAt?: string;
  breachedAt?: string;
  extensions: number;
}
