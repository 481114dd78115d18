import { LocalDate, isLocalDate, localDate } from './local-date';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for an unknown IANA zone, which is what a misconfigured calendar should get.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function wallClock(timeZone: string, instant: Date): WallClock {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('invalid instant (Date is NaN)');
  const values: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const { year, month, day, hour, minute, second } = values;
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) {
    throw new Error(`Intl.DateTimeFormat gave incomplete parts for time zone ${timeZone}`);
  }
  return { year, month, day, hour, minute, second };
}

/** Offset of the zone from UTC at `instant`, in milliseconds (Amsterdam in summer: +7 200 000). */
function offsetAt(timeZone: string, instant: number): number {
  const wall = wallClock(timeZone, new Date(instant));
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The calendar date an instant falls on in `timeZone`. */
export function localDateInZone(timeZone: string, instant: Date): LocalDate {
  const wall = wallClock(timeZone, instant);
  return localDate(wall.year, wall.month, wall.day);
}

/**
 * The first instant of `date` in `timeZone` (local 00:00). Where a zone skips midnight (not so for
 * Europe/Amsterdam or America/Kralendijk, which change at 02:00/03:00 or not at all) this is the first
 * instant that does fall on `date`.
 */
export function startOfDayInZone(timeZone: string, date: LocalDate): Date {
  if (!isLocalDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): "${date}"`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const midnightAsUtc = Date.UTC(y, m - 1, d);
  const firstGuess = midnightAsUtc - offsetAt(timeZone, midnightAsUtc);
  const candidate = midnightAsUtc - offsetAt(timeZone, firstGuess);
  if (localDateInZone(timeZone, new Date(candidate)) === date && localDateInZone(timeZone, new Date(candidate - 1)) < date) {
    return new Date(candidate);
  }
  // Local midnight does not exist that day (a gap): find the first instant that is on `date`.
  // UTC offsets lie between -12h and +14h, so that instant lies in this window.
  let low = midnightAsUtc - 15 * 3_600_000;
  let high = midnightAsUtc + 13 * 3_600_000;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (localDateInZone(timeZone, new Date(mid)) >= date) high = mid;
    else low = mid;
  }
  return new Date(high);
}
