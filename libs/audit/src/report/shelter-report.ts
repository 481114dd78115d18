import {
  CloudEvent,
  SHELTER_DESTINATIONS,
  SHELTER_PLACEMENT_ACCEPTED,
  SHELTER_PLACEMENT_CANCELLED,
  SHELTER_PLACEMENT_ESCALATED,
  SHELTER_PLACEMENT_REQUESTED,
  SHELTER_PROGRAMMES,
  SHELTER_STAY_ENDED,
  SHELTER_STAY_MOVED,
  SHELTER_STAY_STARTED,
  ShelterDestination,
  ShelterProgramme,
} from '@vt/contracts';
import { addToLocalDate, daysBetween, localDate, parseLocalDate, startOfLocalDate } from './period';

/*
 * The national shelter monitor (docs/adr/0041), from the shelter placement record (`vt.shelter.placements.v1`) alone.
 * A stay starts at ShelterStayStarted and ends at ShelterStayEnded; ShelterStayMoved continues it (doorstroom). A stay
 * belongs to the VT region of the shelter where it started and to the period in which it ended; its length is counted
 * in whole Europe/Amsterdam calendar days from the date it started to the date it ended. Percentiles are nearest-rank;
 * the median is the middle value, or the mean of the two middle values.
 */

export const SHELTER_PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type ShelterPeriodKind = (typeof SHELTER_PERIOD_KINDS)[number];

/** The Sneller Thuis aim: stays six weeks shorter [verify the baseline and the measure with the programme's text]. */
export const SNELLER_THUIS_AIM_DAYS = 42;

/** Length-of-stay buckets, in days: from (inclusive) to (exclusive). */
export const STAY_BUCKETS = [
  { key: 'under-2-weeks', fromDays: 0, toDays: 14 },
  { key: '2-6-weeks', fromDays: 14, toDays: 42 },
  { key: '6-13-weeks', fromDays: 42, toDays: 91 },
  { key: '13-26-weeks', fromDays: 91, toDays: 182 },
  { key: '26-52-weeks', fromDays: 182, toDays: 364 },
  { key: '52-weeks-or-more', fromDays: 364, toDays: Number.POSITIVE_INFINITY },
] as const;
export type StayBucket = (typeof STAY_BUCKETS)[number]['key'];

/** The whole country in a row's `region`. */
export const NATIONAL = '*';

export interface ShelterReportOptions {
  /** First and last calendar date of the report (Europe/Amsterdam), both included. */
  from: string;
  to: string;
  period: ShelterPeriodKind;
  /** Only this VT region's rows (the national Sneller Thuis line stays); default every region and the country. */
  region?: string;
  /** The Sneller Thuis baseline, first and last date; default the same dates one year earlier. */
  baseline?: { from: string; to: string };
  /** Running stays and waiting requests are counted at each period's end, or at this instant when it is earlier (the time of the run). */
  asOf?: Date;
}

/** Of a list of numbers: nearest-rank percentiles; the median is the middle value (the mean of the two middle ones). Null when empty. */
export interface Distribution {
  count: number;
  min: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
  max: number | null;
  /** Rounded to one decimal. */
  mean: number | null;
}

export interface ReportSpan {
  label: string;
  /** First calendar date, and the day after the last (Europe/Amsterdam). */
  fromDate: string;
  toDateExclusive: string;
  from: string;
  to: string;
}

export interface StayRow {
  period: string;
  /** The VT region of the shelter where the stays started, or `*` for the country. */
  region: string;
  /** Length in days of the stays that ended in the period. */
  ended: Distribution;
  buckets: Record<StayBucket, number>;
  /** The ended stays by the household's home region. */
  homeRegions: Record<string, number>;
  /** Stays running at the period's end (or at `asOf`), with their length so far in days. */
  running: { at: string; count: number; lengthSoFar: Distribution };
  /** Uitstroom: the stays that ended in the period by destination. */
  destinations: Record<ShelterDestination, number>;
  /** Doorstroom: moves in the period (of stays of the region) by the programme moved into. */
  doorstroom: Record<ShelterProgramme, number>;
}

export interface HoursStats {
  count: number;
  median: number | null;
  p90: number | null;
  max: number | null;
}

export interface WaitingRow {
  period: string;
  /** The home region of the requests (the region that asked), or `*`. */
  homeRegion: string;
  /** Requests made in the period. */
  requests: number;
  /** Hours from request to the shelter's acceptance (the placement), of those accepted so far. */
  toAccepted: HoursStats;
  /** Hours from request to the start of the stay (instroom), of those started so far. */
  toStayStarted: HoursStats;
  /** Of the period's requests: escalated at least once, and cancelled, as far as the log reaches. */
  escalated: number;
  cancelled: number;
  /** Of the period's requests: neither a stay started nor cancelled at the period's end (or at `asOf`). */
  waitingAtPeriodEnd: number;
}

export interface LengthSummary {
  count: number;
  median: number;
  mean: number;
}

export interface SnellerThuisRow {
  region: string;
  baseline: LengthSummary | null;
  actual: LengthSummary | null;
  /** Baseline minus actual, in days (positive: shorter stays). Null without a baseline or without stays ended in the report. */
  daysShorter: { median: number | null; mean: number | null };
  /** Days shorter as a percentage of the aim; null as above, never a made-up number. */
  progressPercent: { median: number | null; mean: number | null };
  note?: 'no baseline' | 'no stays ended in the report' | 'no baseline and no stays ended in the report';
}

export interface ShelterReport {
  report: 'shelter-monitor';
  from: string;
  to: string;
  periodKind: ShelterPeriodKind;
  region: string;
  timeZone: 'Europe/Amsterdam';
  periods: ReportSpan[];
  stays: StayRow[];
  waiting: WaitingRow[];
  snellerThuis: {
    aimDays: number;
    actual: { from: string; to: string };
    baseline: { from: string; to: string };
    rows: SnellerThuisRow[];
  };
  /** Facts the monitor could not place: a stay's end or move without its start (the log starts later, or was cut). */
  unmatched: { stayEndsWithoutStart: number; movesWithoutStart: number };
}

interface Stay {
  shelterRegion: string;
  homeRegion: string;
  startedAt: number;
  startDate: string;
  endedAt?: number;
  endDate?: string;
  destination?: ShelterDestination;
  moves: { at: number; programme: ShelterProgramme }[];
}

interface Placement {
  placementId: string;
  homeRegion?: string;
  requestedAt?: number;
  acceptedAt?: number;
  escalated: boolean;
  cancelledAt?: number;
  stay?: Stay;
}

type Data = Record<string, unknown>;
const str = (data: Data, key: string): string | undefined => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
const instant = (data: Data, key: string, event: CloudEvent<string, unknown>): number => {
  const at = Date.parse(str(data, key) ?? event.time);
  return Number.isNaN(at) ? Date.parse(event.time) : at;
};
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Nearest-rank percentile `p` (0–100] of sorted values: the value at rank ⌈p/100 · n⌉. */
export function nearestRank(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1] as number;
}

export function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 === 1 ? (sorted[(n - 1) / 2] as number) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { count: 0, min: null, p25: null, median: null, p75: null, p90: null, max: null, mean: null };
  return {
    count: sorted.length,
    min: sorted[0] as number,
    p25: nearestRank(sorted, 25),
    median: median(sorted),
    p75: nearestRank(sorted, 75),
    p90: nearestRank(sorted, 90),
    max: sorted[sorted.length - 1] as number,
    mean: round1(sorted.reduce((sum, v) => sum + v, 0) / sorted.length),
  };
}

function hoursStats(ms: readonly number[]): HoursStats {
  const hours = [...ms].map((v) => v / 3_600_000).sort((a, b) => a - b);
  if (hours.length === 0) return { count: 0, median: null, p90: null, max: null };
  return { count: hours.length, median: round1(median(hours)), p90: round1(nearestRank(hours, 90)), max: round1(hours[hours.length - 1] as number) };
}

function bucketOf(days: number): StayBucket {
  return STAY_BUCKETS.find((bucket) => days >= bucket.fromDays && days < bucket.toDays)?.key ?? '52-weeks-or-more';
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/** The calendar months, quarters or years from `from` to `to` (both dates included), the first and last cut to them. */
export function reportSpans(kind: ShelterPeriodKind, from: string, to: string): ReportSpan[] {
  const first = parseLocalDate(from);
  if (!first || !parseLocalDate(to)) throw new Error(`report dates must be calendar dates YYYY-MM-DD (got "${from}" and "${to}")`);
  const end = addToLocalDate(to, { days: 1 });
  const step = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  let year = first.year;
  let month = kind === 'month' ? first.month : kind === 'quarter' ? Math.floor((first.month - 1) / 3) * 3 + 1 : 1;
  const spans: ReportSpan[] = [];
  const date = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;
  for (;;) {
    const unitStart = date(year, month);
    if (unitStart >= end) break;
    const nextYear = month + step > 12 ? year + 1 : year;
    const nextMonth = ((month + step - 1) % 12) + 1;
    const unitEnd = date(nextYear, nextMonth);
    const label = kind === 'month' ? unitStart.slice(0, 7) : kind === 'quarter' ? `${year}-Q${(month - 1) / 3 + 1}` : String(year);
    const fromDate = unitStart < from ? from : unitStart;
    const toDateExclusive = unitEnd > end ? end : unitEnd;
    spans.push({ label, fromDate, toDateExclusive, from: startOfLocalDate(fromDate).toISOString(), to: startOfLocalDate(toDateExclusive).toISOString() });
    year = nextYear;
    month = nextMonth;
  }
  return spans;
}

const within = (at: number | undefined, from: number, to: number): at is number => at !== undefined && at >= from && at < to;

/**
 * Folds the shelter placement record into what the monitor needs (ids, regions, codes and times only), one event at a
 * time; events of one placement arrive in order (they share its key), placements in any order. A redelivered event
 * (same id) counts once.
 */
export class ShelterFolder {
  private readonly placements = new Map<string, Placement>();
  private readonly seen = new Set<string>();
  private stayEndsWithoutStart = 0;
  private movesWithoutStart = 0;

  private placement(placementId: string): Placement {
    let placement = this.placements.get(placementId);
    if (!placement) {
      placement = { placementId, escalated: false };
      this.placements.set(placementId, placement);
    }
    return placement;
  }

  add(event: CloudEvent<string, unknown>): void {
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    const data = (event.data ?? {}) as Data;
    const placementId = str(data, 'placementId');
    if (!placementId) return;
    switch (event.type) {
      case SHELTER_PLACEMENT_REQUESTED: {
        const placement = this.placement(placementId);
        placement.requestedAt = instant(data, 'requestedAt', event);
        placement.homeRegion = str(data, 'homeRegion') ?? placement.homeRegion;
        return;
      }
      case SHELTER_PLACEMENT_ACCEPTED: {
        const placement = this.placement(placementId);
        placement.acceptedAt ??= instant(data, 'answeredAt', event);
        return;
      }
      case SHELTER_PLACEMENT_ESCALATED:
        this.placement(placementId).escalated = true;
        return;
      case SHELTER_PLACEMENT_CANCELLED:
        this.placement(placementId).cancelledAt ??= instant(data, 'cancelledAt', event);
        return;
      case SHELTER_STAY_STARTED: {
        const placement = this.placement(placementId);
        const startedAt = instant(data, 'startedAt', event);
        placement.homeRegion ??= str(data, 'homeRegion');
        placement.stay = { shelterRegion: str(data, 'shelterRegion') ?? 'onbekend', homeRegion: str(data, 'homeRegion') ?? placement.homeRegion ?? 'onbekend', startedAt, startDate: localDate(startedAt), moves: [] };
        return;
      }
      case SHELTER_STAY_MOVED: {
        const stay = this.placements.get(placementId)?.stay;
        const programme = str(data, 'programme') as ShelterProgramme | undefined;
        if (!stay) this.movesWithoutStart += 1;
        else if (programme && (SHELTER_PROGRAMMES as readonly string[]).includes(programme)) stay.moves.push({ at: instant(data, 'movedAt', event), programme });
        return;
      }
      case SHELTER_STAY_ENDED: {
        const stay = this.placements.get(placementId)?.stay;
        if (!stay) {
          this.stayEndsWithoutStart += 1;
          return;
        }
        stay.endedAt = instant(data, 'endedAt', event);
        stay.endDate = localDate(stay.endedAt);
        const destination = str(data, 'destination') as ShelterDestination | undefined;
        stay.destination = destination && (SHELTER_DESTINATIONS as readonly string[]).includes(destination) ? destination : 'onbekend';
        return;
      }
    }
  }

  private stays(): Stay[] {
    return [...this.placements.values()].flatMap((placement) => (placement.stay ? [placement.stay] : []));
  }

  /** The lengths (days) of the stays that ended in [from, to), per start region. */
  private endedLengths(from: number, to: number, region: string): number[] {
    return this.stays()
      .filter((stay) => within(stay.endedAt, from, to) && (region === NATIONAL || stay.shelterRegion === region))
      .map((stay) => daysBetween(stay.startDate, stay.endDate as string));
  }

  private stayRow(span: ReportSpan, region: string, asOf: number | undefined): StayRow {
    const from = Date.parse(span.from);
    const to = Date.parse(span.to);
    const mine = this.stays().filter((stay) => region === NATIONAL || stay.shelterRegion === region);
    const ended = mine.filter((stay) => within(stay.endedAt, from, to));
    const lengths = ended.map((stay) => daysBetween(stay.startDate, stay.endDate as string));
    const buckets = zeros(STAY_BUCKETS.map((bucket) => bucket.key));
    for (const days of lengths) buckets[bucketOf(days)] += 1;
    const homeRegions: Record<string, number> = {};
    for (const stay of ended) homeRegions[stay.homeRegion] = (homeRegions[stay.homeRegion] ?? 0) + 1;
    const destinations = zeros(SHELTER_DESTINATIONS);
    for (const stay of ended) destinations[stay.destination ?? 'onbekend'] += 1;
    const doorstroom = zeros(SHELTER_PROGRAMMES);
    for (const stay of mine) for (const move of stay.moves) if (within(move.at, from, to)) doorstroom[move.programme] += 1;
    const at = asOf !== undefined && asOf < to ? Math.max(asOf, from) : to;
    const running = mine.filter((stay) => stay.startedAt < at && (stay.endedAt === undefined || stay.endedAt >= at));
    const atDate = localDate(at);
    return {
      period: span.label,
      region,
      ended: distribution(lengths),
      buckets,
      homeRegions: Object.fromEntries(Object.entries(homeRegions).sort(([a], [b]) => a.localeCompare(b))),
      running: { at: new Date(at).toISOString(), count: running.length, lengthSoFar: distribution(running.map((stay) => daysBetween(stay.startDate, atDate))) },
      destinations,
      doorstroom,
    };
  }

  private waitingRow(span: ReportSpan, homeRegion: string, asOf: number | undefined): WaitingRow {
    const from = Date.parse(span.from);
    const to = Date.parse(span.to);
    const requests = [...this.placements.values()].filter((p) => within(p.requestedAt, from, to) && (homeRegion === NATIONAL || p.homeRegion === homeRegion));
    const at = asOf !== undefined && asOf < to ? Math.max(asOf, from) : to;
    const wait = (until: (p: Placement) => number | undefined) => requests.flatMap((p) => (until(p) !== undefined ? [Math.max(0, (until(p) as number) - (p.requestedAt as number))] : []));
    return {
      period: span.label,
      homeRegion,
      requests: requests.length,
      toAccepted: hoursStats(wait((p) => p.acceptedAt)),
      toStayStarted: hoursStats(wait((p) => p.stay?.startedAt)),
      escalated: requests.filter((p) => p.escalated).length,
      cancelled: requests.filter((p) => p.cancelledAt !== undefined).length,
      waitingAtPeriodEnd: requests.filter((p) => !((p.stay && p.stay.startedAt < at) || (p.cancelledAt !== undefined && p.cancelledAt < at))).length,
    };
  }

  private lengthSummary(from: number, to: number, region: string): LengthSummary | null {
    const d = distribution(this.endedLengths(from, to, region));
    return d.count === 0 ? null : { count: d.count, median: d.median as number, mean: d.mean as number };
  }

  private snellerThuisRow(region: string, actual: [number, number], baseline: [number, number]): SnellerThuisRow {
    const b = this.lengthSummary(baseline[0], baseline[1], region);
    const a = this.lengthSummary(actual[0], actual[1], region);
    const shorter = (key: 'median' | 'mean') => (a && b ? round1(b[key] - a[key]) : null);
    const progress = (days: number | null) => (days === null ? null : round1((days / SNELLER_THUIS_AIM_DAYS) * 100));
    const daysShorter = { median: shorter('median'), mean: shorter('mean') };
    const note = !b && !a ? 'no baseline and no stays ended in the report' : !b ? 'no baseline' : !a ? 'no stays ended in the report' : undefined;
    return { region, baseline: b, actual: a, daysShorter, progressPercent: { median: progress(daysShorter.median), mean: progress(daysShorter.mean) }, ...(note ? { note } : {}) };
  }

  report(options: ShelterReportOptions): ShelterReport {
    const periods = reportSpans(options.period, options.from, options.to);
    const baseline = options.baseline ?? { from: addToLocalDate(options.from, { years: -1 }), to: addToLocalDate(options.to, { years: -1 }) };
    const asOf = options.asOf?.getTime();
    const filter = options.region && options.region !== NATIONAL ? options.region : undefined;
    const sorted = (values: Iterable<string | undefined>) => [...new Set([...values].filter((v): v is string => v !== undefined))].sort();
    const stayRegions = filter ? [filter] : [NATIONAL, ...sorted(this.stays().map((stay) => stay.shelterRegion))];
    const homeRegions = filter ? [filter] : [NATIONAL, ...sorted([...this.placements.values()].filter((p) => p.requestedAt !== undefined).map((p) => p.homeRegion))];
    const actualRange: [number, number] = [startOfLocalDate(options.from).getTime(), startOfLocalDate(addToLocalDate(options.to, { days: 1 })).getTime()];
    const baselineRange: [number, number] = [startOfLocalDate(baseline.from).getTime(), startOfLocalDate(addToLocalDate(baseline.to, { days: 1 })).getTime()];
    const endedIn = (range: [number, number]) => this.stays().filter((stay) => within(stay.endedAt, range[0], range[1])).map((stay) => stay.shelterRegion);
    const snellerRegions = filter ? [NATIONAL, filter] : [NATIONAL, ...sorted([...endedIn(actualRange), ...endedIn(baselineRange)])];
    return {
      report: 'shelter-monitor',
      from: options.from,
      to: options.to,
      periodKind: options.period,
      region: filter ?? NATIONAL,
      timeZone: 'Europe/Amsterdam',
      periods,
      stays: periods.flatMap((span) => stayRegions.map((region) => this.stayRow(span, region, asOf))),
      waiting: periods.flatMap((span) => homeRegions.map((region) => this.waitingRow(span, region, asOf))),
      snellerThuis: {
        aimDays: SNELLER_THUIS_AIM_DAYS,
        actual: { from: options.from, to: options.to },
        baseline,
        rows: snellerRegions.map((region) => this.snellerThuisRow(region, actualRange, baselineRange)),
      },
      unmatched: { stayEndsWithoutStart: this.stayEndsWithoutStart, movesWithoutStart: this.movesWithoutStart },
    };
  }
}

/** The monitor over shelter events in log order (the pure function the CLI's reading feeds). */
export function shelterReport(events: Iterable<CloudEvent<string, unknown>>, options: ShelterReportOptions): ShelterReport {
  const folder = new ShelterFolder();
  for (const event of events) folder.add(event);
  return folder.report(options);
}
