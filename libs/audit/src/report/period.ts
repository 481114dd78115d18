/** A reporting period: a half-year (`2025H1`, `2025H2`) or a year (`2025`), in Europe/Amsterdam time. */
export interface ReportPeriod {
  label: string;
  /** Inclusive start and exclusive end, as instants. */
  from: Date;
  to: Date;
}

export const REPORT_TIME_ZONE = 'Europe/Amsterdam';

/** The instant of local midnight starting `year-month-01` in `timeZone`. */
export function localMidnight(year: number, month: number, timeZone = REPORT_TIME_ZONE): Date {
  return localDayStart(year, month, 1, timeZone);
}

/** The instant of local midnight starting `year-month-day` in `timeZone`. */
export function localDayStart(year: number, month: number, day: number, timeZone = REPORT_TIME_ZONE): Date {
  const utcGuess = Date.UTC(year, month - 1, day);
  const offsetMs = (instant: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(new Date(instant))
      .reduce<Record<string, number>>((acc, part) => (part.type === 'literal' ? acc : { ...acc, [part.type]: Number(part.value) }), {});
    return Date.UTC(parts['year'] ?? 0, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0) - instant;
  };
  // Two passes settle the offset when the guess and the answer straddle a DST change (never at midnight in NL).
  let instant = utcGuess - offsetMs(utcGuess);
  instant = utcGuess - offsetMs(instant);
  return new Date(instant);
}

/** Parses `2025H1`, `2025H2` or `2025`; throws naming the expected forms. */
export function parsePeriod(text: string): ReportPeriod {
  const match = /^(\d{4})(?:H([12]))?$/.exec(text.trim());
  if (!match) throw new Error(`--period must be a half-year like 2025H1 or 2025H2, or a year like 2025 (got "${text}")`);
  const year = Number(match[1]);
  const half = match[2];
  if (half === '1') return { label: `${year}H1`, from: localMidnight(year, 1), to: localMidnight(year, 7) };
  if (half === '2') return { label: `${year}H2`, from: localMidnight(year, 7), to: localMidnight(year + 1, 1) };
  return { label: String(year), from: localMidnight(year, 1), to: localMidnight(year + 1, 1) };
}

export function inPeriod(period: ReportPeriod, iso: string | undefined): boolean {
  if (!iso) return false;
  const t = Date.parse(iso);
  return t >= period.from.getTime() && t < period.to.getTime();
}

const LOCAL_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: REPORT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Europe/Amsterdam calendar date (`2025-01-06`) of an instant. */
export function localDate(instant: Date | string | number): string {
  const parts = LOCAL_DATE.formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '??';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A calendar date `YYYY-MM-DD` that exists, or undefined. */
export function parseLocalDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const back = new Date(Date.UTC(year, month - 1, day));
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? { year, month, day } : undefined;
}

/** The instant of local (Europe/Amsterdam) midnight starting the calendar date `YYYY-MM-DD`. */
export function startOfLocalDate(date: string): Date {
  const parsed = parseLocalDate(date);
  if (!parsed) throw new Error(`not a calendar date: "${date}" (YYYY-MM-DD)`);
  return localDayStart(parsed.year, parsed.month, parsed.day);
}

/** Calendar dates apart: `daysBetween('2025-01-06', '2025-02-17')` is 42, whatever the clocks did in between. */
export function daysBetween(fromDate: string, toDate: string): number {
  const day = (date: string) => {
    const parsed = parseLocalDate(date);
    if (!parsed) throw new Error(`not a calendar date: "${date}" (YYYY-MM-DD)`);
    return Date.UTC(parsed.year, parsed.month - 1, parsed.day) / 86_400_000;
  };
  return day(toDate) - day(fromDate);
}

/** `date` plus `days` calendar days, and plus `years` years (29 February becomes 28 February in a year without it). */
export function addToLocalDate(date: string, { days = 0, years = 0 }: { days?: number; years?: number }): string {
  const parsed = parseLocalDate(date);
  if (!parsed) throw new Error(`not a calendar date: "${date}" (YYYY-MM-DD)`);
  const year = parsed.year + years;
  const lastOfMonth = new Date(Date.UTC(year, parsed.month, 0)).getUTCDate();
  return new Date(Date.UTC(year, parsed.month - 1, Math.min(parsed.day, lastOfMonth) + days)).toISOString().slice(0, 10);
}
