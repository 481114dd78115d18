import type { Jurisdiction } from '@vt/legal';
import { easterSunday } from './easter';
import { LocalDate, Weekday, isWeekend, localDate, plusDays, weekdayOf, yearOf } from './local-date';
import { localDateInZone, startOfDayInZone } from './time-zone';

export type CalendarId = 'nl' | 'bq-bonaire' | 'bq-saba' | 'bq-sint-eustatius';

/** How a recurring holiday falls in a given year. Months are 1–12. */
export type DateRule =
  /**
   * The same date every year. When it falls on a Sunday, `ifSunday: 'day-before'` moves it to the Saturday
   * (Koningsdag) and `ifSunday: 'day-after'` to the Monday (Dag van de Arbeid on the islands).
   */
  | { readonly kind: 'fixed'; readonly month: number; readonly day: number; readonly ifSunday?: 'day-before' | 'day-after' }
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
  /** The first year the day counts (a holiday introduced later); absent = every year. */
  readonly fromYear?: number;
  /** What about this day is not confirmed against the public record. */
  readonly verify?: string;
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

/** A dated list of days, with where it comes from. */
export interface DayList {
  /** What the list is, e.g. "Algemene termijnenwet art. 3" or "public holidays of Bonaire". */
  readonly name: string;
  /** Where the configuration was taken from. */
  readonly source: string;
  /** From when the configuration applies (ISO date). */
  readonly validFrom: LocalDate;
  /** Days by rule, recurring every year (from `fromYear` where given). */
  readonly rules: readonly HolidayRule[];
  /**
   * Days equated by dated decrees. `null` when this list takes no equated days; then no "no decree yet"
   * warnings are given either.
   */
  readonly equatingDecrees: readonly EquatingDecree[] | null;
  /** What is not confirmed about the list; said in the warnings of every deadline counted with it. */
  readonly verify?: string;
}

/** The law under which statutory terms are counted here, and the days that extend a term under it. */
export interface TermLaw extends DayList {
  /** E.g. "Algemene termijnenwet". */
  readonly law: string;
}

/** Which of a calendar's two lists: the days that extend a statutory term, or the days that are no working days. */
export type DayListKind = 'terms' | 'working-days';

export interface Calendar {
  readonly id: CalendarId;
  readonly name: string;
  /** IANA zone in which days begin and end. */
  readonly timeZone: string;
  /** The body of law (libs/legal) that a household on this calendar falls under. */
  readonly jurisdiction: Jurisdiction;
  /**
   * (a) The days that extend a statutory term under the term law that applies here (Atw art. 1 and 2):
   * `addTerm` and the `calendar-term` clocks use these.
   */
  readonly termLaw: TermLaw;
  /**
   * (b) The public holidays that are no working days: `isWorkingDay`, `addWorkingDays`, the
   * `working-days` clocks and `approachingAt` use these.
   */
  readonly workingDayHolidays: DayList;
}

export interface Holiday {
  readonly date: LocalDate;
  readonly id: string;
  readonly name: string;
  /** `rule`: a recurring holiday; `decree`: a day equated by a dated decree. */
  readonly source: 'rule' | 'decree';
  readonly basis: string;
}

export function dayList(calendar: Calendar, kind: DayListKind): DayList {
  return kind === 'terms' ? calendar.termLaw : calendar.workingDayHolidays;
}

function dateOfRule(rule: DateRule, year: number): LocalDate {
  switch (rule.kind) {
    case 'fixed': {
      const date = localDate(year, rule.month, rule.day);
      if (weekdayOf(date) !== 0 || rule.ifSunday === undefined) return date;
      return plusDays(date, rule.ifSunday === 'day-before' ? -1 : 1);
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

const listCache = new WeakMap<DayList, Map<number, ReadonlyMap<LocalDate, readonly Holiday[]>>>();

function daysByDate(list: DayList, year: number): ReadonlyMap<LocalDate, readonly Holiday[]> {
  let perYear = listCache.get(list);
  if (!perYear) {
    perYear = new Map();
    listCache.set(list, perYear);
  }
  const cached = perYear.get(year);
  if (cached) return cached;

  const byDate = new Map<LocalDate, Holiday[]>();
  const add = (holiday: Holiday): void => {
    const onDate = byDate.get(holiday.date);
    if (onDate) onDate.push(holiday);
    else byDate.set(holiday.date, [holiday]);
  };
  for (const { id, name, rule, basis, fromYear } of list.rules) {
    if (fromYear === undefined || year >= fromYear) add({ date: dateOfRule(rule, year), id, name, source: 'rule', basis });
  }
  for (const decree of list.equatingDecrees ?? []) {
    for (const day of decree.days) {
      if (yearOf(day.date) === year) add({ date: day.date, id: `equated-${day.date}`, name: day.name, source: 'decree', basis: decree.source });
    }
  }
  const sorted = new Map([...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  perYear.set(year, sorted);
  return sorted;
}

/** The days of one of the calendar's lists in `year`, in date order. */
export function daysIn(calendar: Calendar, kind: DayListKind, year: number): readonly Holiday[] {
  return [...daysByDate(dayList(calendar, kind), year).values()].flat();
}

/** The days of one of the calendar's lists on `date` (usually none or one; two when rules coincide). */
export function daysOn(calendar: Calendar, kind: DayListKind, date: LocalDate): readonly Holiday[] {
  return daysByDate(dayList(calendar, kind), yearOf(date)).get(date) ?? [];
}

/** The public holidays (and equated days) of `year` that are no working days, in date order. */
export function holidaysIn(calendar: Calendar, year: number): readonly Holiday[] {
  return daysIn(calendar, 'working-days', year);
}

/** The public holidays (and equated days) on `date` that make it no working day. */
export function holidaysOn(calendar: Calendar, date: LocalDate): readonly Holiday[] {
  return daysOn(calendar, 'working-days', date);
}

/** The days of `year` that extend a statutory term under the calendar's term law. */
export function termExtendingDaysIn(calendar: Calendar, year: number): readonly Holiday[] {
  return daysIn(calendar, 'terms', year);
}

/** The days on `date` that extend a statutory term under the calendar's term law. */
export function termExtendingDaysOn(calendar: Calendar, date: LocalDate): readonly Holiday[] {
  return daysOn(calendar, 'terms', date);
}

/** Not a Saturday, Sunday or public holiday of the working-day list: a day that counts in "werkdagen". */
export function isWorkingDay(calendar: Calendar, date: LocalDate): boolean {
  return !isWeekend(date) && holidaysOn(calendar, date).length === 0;
}

/**
 * Not a Saturday, Sunday or a day of the term law's list: a day the Atw calls "none of these" in art. 1
 * and art. 2. A term that ends on any other day runs on.
 */
export function isTermDay(calendar: Calendar, date: LocalDate): boolean {
  return !isWeekend(date) && termExtendingDaysOn(calendar, date).length === 0;
}

/** The next working day strictly after `date`. */
export function nextWorkingDay(calendar: Calendar, date: LocalDate): LocalDate {
  let day = plusDays(date, 1);
  while (!isWorkingDay(calendar, day)) day = plusDays(day, 1);
  return day;
}

/** The next day strictly after `date` on which a statutory term may end (see `isTermDay`). */
export function nextTermDay(calendar: Calendar, date: LocalDate): LocalDate {
  let day = plusDays(date, 1);
  while (!isTermDay(calendar, day)) day = plusDays(day, 1);
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
 * Warnings for the years from `from` to `to` (inclusive) that no equating decree of the chosen list covers:
 * past the last decree no decree exists yet; before the first none is configured here. A list that takes no
 * equated days gives none.
 */
export function decreeCoverageWarnings(calendar: Calendar, from: LocalDate, to: LocalDate, kind: DayListKind = 'working-days'): string[] {
  const decrees = dayList(calendar, kind).equatingDecrees;
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

/** What is uncertain about counting with one of the calendar's lists: its `verify` note, said with the calendar's name. */
export function listCaveats(calendar: Calendar, kind: DayListKind): string[] {
  const list = dayList(calendar, kind);
  return list.verify ? [`${calendar.name}: ${list.name} [verify]: ${list.verify}`] : [];
}
