import { easterSunday } from './easter';
import { LocalDate, Weekday, isWeekend, localDate, plusDays, weekdayOf, yearOf } from './local-date';
import { localDateInZone, startOfDayInZone } from './time-zone';

export type CalendarId = 'nl' | 'bq-bonaire' | 'bq-saba' | 'bq-sint-eustatius';

/** How a recurring holiday falls in a given year. Months are 1–12. */
export type DateRule =
  /** The same date every year; `ifSunday: 'day-before'` moves it to Saturday when it falls on a Sunday (Koningsdag). */
  | { readonly kind: 'fixed'; readonly month: number; readonly day: number; readonly ifSunday?: 'day-before' }
  /** Easter Sunday plus `offsetDays` (Goede Vrijdag −2, Tweede Paasdag +1, Hemelvaartsdag +39, Tweede Pinksterdag +50). */
  | { readonly kind: 'easter'; readonly offsetDays: number }
  /** The `nth` (1-based) `weekday` of `month`, e.g. the first Friday of December. */
  | { readonly kind: 'nth-weekday'; readonly month: number; readonly weekday: Weekday; readonly nth: number };

export interface HolidayRule {
  readonly id: string;
  readonly name: string;
  readonly rule: DateRule;
  /** Where the day comes from, e.g. "Atw art. 3 lid 1". */
  readonly basis: string;
  /** Configuration not confirmed against the public record. */
  readonly verify?: true;
}

export interface EquatedDay {
  readonly date: LocalDate;
  readonly name: string;
}

/** One royal decree equating days with the general holidays (Atw art. 3), for a run of years. */
export interface EquatingDecree {
  readonly source: string;
  /** Inclusive. Every equated day of the decree lies in these years. */
  readonly coversYears: { readonly from: number; readonly to: number };
  readonly days: readonly EquatedDay[];
}

export interface Calendar {
  readonly id: CalendarId;
  readonly name: string;
  /** IANA zone in which days begin and end. */
  readonly timeZone: string;
  /** General holidays by rule (recurring every year). */
  readonly holidays: readonly HolidayRule[];
  /**
   * Dated configuration: days equated by decree. `null` when this calendar takes no equated days, in
   * which case no "no decree yet" warnings are given either.
   */
  readonly equatingDecrees: readonly EquatingDecree[] | null;
  /** Said in the warnings of every deadline computed on this calendar. */
  readonly caveats: readonly string[];
}

export interface Holiday {
  readonly date: LocalDate;
  readonly id: string;
  readonly name: string;
  /** `rule`: a recurring holiday; `decree`: a day equated by a dated decree. */
  readonly source: 'rule' | 'decree';
  readonly basis: string;
}

function dateOfRule(rule: DateRule, year: number): LocalDate {
  switch (rule.kind) {
    case 'fixed': {
      const date = localDate(year, rule.month, rule.day);
      return rule.ifSunday === 'day-before' && weekdayOf(date) === 0 ? plusDays(date, -1) : date;
    }
    case 'easter':
      return plusDays(easterSunday(year), rule.offsetDays);
    case 'nth-weekday': {
      if (!Number.isInteger(rule.nth) || rule.nth < 1 || rule.nth > 5) throw new RangeError(`nth-weekday rule needs nth 1–5, got ${rule.nth}`);
      const first = localDate(year, rule.month, 1);
      const date = plusDays(first, ((rule.weekday - weekdayOf(first) + 7) % 7) + 7 * (rule.nth - 1));
      if (yearOf(date) !== year || Number(date.slice(5, 7)) !== rule.month) {
        throw new RangeError(`there is no weekday ${rule.weekday} number ${rule.nth} in ${year}-${rule.month}`);
      }
      return date;
    }
  }
}

const holidayCache = new WeakMap<Calendar, Map<number, ReadonlyMap<LocalDate, readonly Holiday[]>>>();

function holidaysByDate(calendar: Calendar, year: number): ReadonlyMap<LocalDate, readonly Holiday[]> {
  let perYear = holidayCache.get(calendar);
  if (!perYear) {
    perYear = new Map();
    holidayCache.set(calendar, perYear);
  }
  const cached = perYear.get(year);
  if (cached) return cached;

  const byDate = new Map<LocalDate, Holiday[]>();
  const add = (holiday: Holiday): void => {
    const onDate = byDate.get(holiday.date);
    if (onDate) onDate.push(holiday);
    else byDate.set(holiday.date, [holiday]);
  };
  for (const { id, name, rule, basis } of calendar.holidays) {
    add({ date: dateOfRule(rule, year), id, name, source: 'rule', basis });
  }
  for (const decree of calendar.equatingDecrees ?? []) {
    for (const day of decree.days) {
      if (yearOf(day.date) === year) add({ date: day.date, id: `equated-${day.date}`, name: day.name, source: 'decree', basis: decree.source });
    }
  }
  const sorted = new Map([...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  perYear.set(year, sorted);
  return sorted;
}

/** Every holiday and equated day of `year` in this calendar, in date order. */
export function holidaysIn(calendar: Calendar, year: number): readonly Holiday[] {
  return [...holidaysByDate(calendar, year).values()].flat();
}

/** The holidays and equated days on `date` (usually none or one; two when rules coincide). */
export function holidaysOn(calendar: Calendar, date: LocalDate): readonly Holiday[] {
  return holidaysByDate(calendar, yearOf(date)).get(date) ?? [];
}

/**
 * Not a Saturday, Sunday, holiday or equated day. The same set of days the Atw calls "none of
 * these" in art. 1 and art. 2.
 */
export function isWorkingDay(calendar: Calendar, date: LocalDate): boolean {
  return !isWeekend(date) && holidaysOn(calendar, date).length === 0;
}

/** The next working day strictly after `date`. */
export function nextWorkingDay(calendar: Calendar, date: LocalDate): LocalDate {
  let day = plusDays(date, 1);
  while (!isWorkingDay(calendar, day)) day = plusDays(day, 1);
  return day;
}

/** The calendar date an instant falls on in the calendar's time zone. */
export function localDateOf(calendar: Calendar, instant: Date): LocalDate {
  return localDateInZone(calendar.timeZone, instant);
}

/** Local 00:00 of `date` in the calendar's time zone, as an instant. */
export function startOfLocalDay(calendar: Calendar, date: LocalDate): Date {
  return startOfDayInZone(calendar.timeZone, date);
}

/**
 * Warnings for the years from `from` to `to` (inclusive) that no equating decree covers: past the
 * last decree no decree exists yet; before the first none is configured here.
 */
export function decreeCoverageWarnings(calendar: Calendar, from: LocalDate, to: LocalDate): string[] {
  const decrees = calendar.equatingDecrees;
  if (decrees === null) return [];
  const lastCovered = Math.max(-Infinity, ...decrees.map((d) => d.coversYears.to));
  const warnings: string[] = [];
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    if (decrees.some((d) => d.coversYears.from <= year && year <= d.coversYears.to)) continue;
    warnings.push(
      year > lastCovered
        ? `no decree equating days exists yet for ${year}; equated days for that year are unknown`
        : `no decree equating days is configured for ${year}; equated days for that year are not applied`,
    );
  }
  return warnings;
}
