/**
 * The triage queue's pure logic: reading the API's queue entries, the deadline status of each at a moment, and the
 * order and filter the screen shows. Nothing here counts working days: the service does (libs/calendar
 * `workingDaysLeft`, the answer's `workingDaysLeft` as of `asOf`).
 */

export type DeadlineStatus = 'breached' | 'approaching' | 'running';

/** One open veiligheidsbeoordeling as the queue shows it; the instants as epoch milliseconds, read once, for fast sorting. */
export interface QueueItem {
  subjectId: string;
  basis: 'melding' | 'monitoring';
  meldingId: string;
  householdId: string;
  receivedAt: number;
  acute: boolean;
  dueAt: number;
  approachingAt: number;
  /** The timer's state when the API answered: running, approaching or breached. */
  deadlineState: string;
  /** Working days left as of the answer (the due day counting as one; 0 once due). */
  workingDaysLeft: number;
  legalBasis: string;
}

export interface Queue {
  region: string;
  asOf: number;
  items: QueueItem[];
}

const instant = (value: unknown): number => (typeof value === 'string' ? Date.parse(value) : Number.NaN);

/** The API's `{ region, asOf, assessments }`; entries without a readable deadline are kept, due at once (shown, never hidden). */
export function toQueue(body: unknown): Queue {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const list = Array.isArray(record['assessments']) ? (record['assessments'] as Record<string, unknown>[]) : [];
  const asOf = instant(record['asOf']);
  const items = list.map((a): QueueItem => {
    const dueAt = instant(a['dueAt']);
    const approachingAt = instant(a['approachingAt']);
    return {
      subjectId: String(a['subjectId'] ?? a['meldingId']),
      basis: a['basis'] === 'monitoring' ? 'monitoring' : 'melding',
      meldingId: String(a['meldingId']),
      householdId: String(a['householdId']),
      receivedAt: instant(a['receivedAt']),
      acute: a['acute'] === true,
      dueAt: Number.isNaN(dueAt) ? 0 : dueAt,
      approachingAt: Number.isNaN(approachingAt) ? (Number.isNaN(dueAt) ? 0 : dueAt) : approachingAt,
      deadlineState: typeof a['deadlineState'] === 'string' ? a['deadlineState'] : 'running',
      workingDaysLeft: typeof a['workingDaysLeft'] === 'number' ? a['workingDaysLeft'] : 0,
      legalBasis: typeof a['legalBasis'] === 'string' ? a['legalBasis'] : '',
    };
  });
  return { region: typeof record['region'] === 'string' ? record['region'] : '', asOf: Number.isNaN(asOf) ? Date.now() : asOf, items };
}

/**
 * The deadline's status at `now`: breached from `dueAt` (the exclusive end of the due day), approaching from
 * `approachingAt` (when the service's lead of working days is reached), else running. The timer's own state counts
 * too, so an entry is never shown as less urgent than the service says.
 */
export function deadlineStatus(item: Pick<QueueItem, 'dueAt' | 'approachingAt' | 'deadlineState'>, now: number): DeadlineStatus {
  if (now >= item.dueAt || item.deadlineState === 'breached') return 'breached';
  if (now >= item.approachingAt || item.deadlineState === 'approaching') return 'approaching';
  return 'running';
}

export type SortKey = 'dueAt' | 'receivedAt' | 'status';
export interface Sort {
  key: SortKey;
  direction: 'asc' | 'desc';
}

const URGENCY: Record<DeadlineStatus, number> = { breached: 0, approaching: 1, running: 2 };

/**
 * A sorted copy. `dueAt`: by due moment, then receipt (the API's own order); `receivedAt`: by receipt;
 * `status`: breached, approaching, running, each by due moment. Ties end on the subject id, so the order is total
 * and a re-sort never shuffles equal entries. `desc` reverses the whole order.
 */
export function sortQueue(items: readonly QueueItem[], sort: Sort, now: number): QueueItem[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = items.map((item) => ({ item, urgency: sort.key === 'status' ? URGENCY[deadlineStatus(item, now)] : 0 }));
  keyed.sort((a, b) => {
    const x = a.item;
    const y = b.item;
    const primary =
      sort.key === 'receivedAt' ? x.receivedAt - y.receivedAt : sort.key === 'status' ? a.urgency - b.urgency || x.dueAt - y.dueAt : x.dueAt - y.dueAt || x.receivedAt - y.receivedAt;
    return sign * (primary || (x.subjectId < y.subjectId ? -1 : x.subjectId > y.subjectId ? 1 : 0));
  });
  return keyed.map((k) => k.item);
}

export interface Filter {
  /** Part of a melding, household or request id. */
  text: string;
  status: DeadlineStatus | 'all';
  acuteOnly: boolean;
}

export const NO_FILTER: Filter = { text: '', status: 'all', acuteOnly: false };

export function filterQueue(items: readonly QueueItem[], filter: Filter, now: number): QueueItem[] {
  const text = filter.text.trim().toLowerCase();
  if (!text && filter.status === 'all' && !filter.acuteOnly) return items as QueueItem[];
  return items.filter(
    (item) =>
      (!filter.acuteOnly || item.acute) &&
      (filter.status === 'all' || deadlineStatus(item, now) === filter.status) &&
      (!text || item.meldingId.includes(text) || item.householdId.includes(text) || item.subjectId.includes(text)),
  );
}

/** How many entries have each status: the counts above the queue. */
export function countByStatus(items: readonly QueueItem[], now: number): Record<DeadlineStatus, number> {
  const counts: Record<DeadlineStatus, number> = { breached: 0, approaching: 0, running: 0 };
  for (const item of items) counts[deadlineStatus(item, now)]++;
  return counts;
}

export const STATUS_LABELS: Record<DeadlineStatus, string> = { breached: 'Termijn verstreken', approaching: 'Termijn nadert', running: 'Loopt' };

/** The working days left as a sentence; the API's count, or that the term has passed. */
export function workingDaysText(item: Pick<QueueItem, 'workingDaysLeft'>, status: DeadlineStatus): string {
  if (status === 'breached') return 'verstreken';
  return item.workingDaysLeft === 1 ? '1 werkdag' : `${item.workingDaysLeft} werkdagen`;
}

/**
 * Which rows to render (windowing): those in the viewport plus `overscan` rows on either side, from how far the
 * viewport's top is past the first row (`offset`, px; negative while the table starts below the top). `end` is exclusive.
 */
export function visibleRange(offset: number, viewportHeight: number, rowHeight: number, total: number, overscan: number): { start: number; end: number } {
  const height = Math.max(1, rowHeight);
  const first = Math.max(0, Math.floor(offset / height));
  const start = Math.min(total, Math.max(0, first - overscan));
  const end = Math.min(total, Math.max(0, first + Math.ceil(Math.max(0, viewportHeight + Math.min(0, offset)) / height) + overscan + 1));
  return { start, end: Math.max(start, end) };
}
