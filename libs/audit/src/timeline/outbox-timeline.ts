import { AuditEvent, parseLogRecord } from '../log-reader';
import { buildTimeline, erasureOf, ErasureOnLog } from './build-timeline';
import { renderTimelineText } from './render-timeline';
import { Timeline } from './timeline-model';

/** One row of this service's outbox: an event exactly as it was (or will be) published, keyed by household (ADR 0002). */
export interface OutboxRow {
  position: string;
  topic: string;
  payload: string;
}

/** What GET /api/v1/households/:id/timeline answers: the replay model and its text, built from this service's part of the log. */
export interface HouseholdTimeline {
  householdId: string;
  /** Whose part of the log this is: the answering service's own published facts, not the other services' (docs/adr/0034, 0039). */
  scope: string;
  timeline: Timeline;
  /** The same text `vt audit replay` prints for these events (`renderTimelineText`). */
  text: string;
}

/**
 * The household's timeline as `vt audit replay` builds it (`buildTimeline` and `renderTimelineText` of `@vt/audit`,
 * the same code), from the events one service published for the household: its outbox rows keyed by the household.
 * A row's place is its outbox position (`partition` -1: not a Kafka offset). Free text and personal data are shown
 * as the replay shows them without keys: `[encrypted]`, or `[erased <date>]` for an erasure that service recorded.
 */
export async function householdTimeline(householdId: string, scope: string, rows: readonly OutboxRow[], now: Date = new Date()): Promise<HouseholdTimeline> {
  const events: AuditEvent[] = [];
  const problems: Timeline['problems'] = [];
  const erasures = new Map<string, ErasureOnLog>();
  const counts = new Map<string, number>();
  for (const row of rows) {
    counts.set(row.topic, (counts.get(row.topic) ?? 0) + 1);
    const parsed = parseLogRecord({ topic: row.topic, partition: -1, offset: row.position, key: householdId, type: undefined, value: row.payload });
    if (!parsed.ok) {
      problems.push({ topic: row.topic, partition: -1, offset: row.position, problem: parsed.problem });
      continue;
    }
    const erasure = erasureOf(parsed.value.event);
    if (erasure && !erasures.has(erasure.personId)) erasures.set(erasure.personId, erasure);
    events.push(parsed.value);
  }
  const timeline = await buildTimeline({
    householdId,
    events,
    erasures,
    problems,
    now,
    log: { topics: [...counts].map(([topic, records]) => ({ topic, records })), missingTopics: [], records: rows.length },
  });
  return { householdId, scope, timeline, text: renderTimelineText(timeline) };
}

/**
 * A service's outbox rows of one household, in outbox order (index `outbox_by_household`, which each service's migration
 * adds): `$1` the record keys of the household (text[]; the household id itself in every service but shelter placement,
 * whose record is keyed by placement id, docs/adr/0040), `$2` the topics to keep (text[], or null for every topic).
 */
export const OUTBOX_ROWS_OF_HOUSEHOLD =
  'select position::text as position, topic, payload from outbox where message_key = any($1::text[]) and ($2::text[] is null or topic = any($2::text[])) order by position';

/** The fields a timeline read records in `CaseDataAccessed` (the same in every service). */
export const HOUSEHOLD_TIMELINE_FIELDS: readonly string[] = ['timeline'];
