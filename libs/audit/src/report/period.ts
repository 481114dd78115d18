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
  const utcGuess = Date.UTC(year, month - 1, 1);
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
