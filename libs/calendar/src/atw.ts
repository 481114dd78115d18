import { Calendar, isTermDay, localDateOf, nextTermDay } from './calendar';
import { DueDate, dueDate, requireCount, requireInstant } from './due-date';
import { LocalDate, daysBetween, plusDays, plusMonthsClamped } from './local-date';

export type TermUnit = 'days' | 'weeks' | 'months';

export interface Term {
  readonly amount: number;
  readonly unit: TermUnit;
}

/** A step the Algemene termijnenwet took from the nominal end. */
export interface AtwAdjustment {
  readonly article: 'Atw art. 1' | 'Atw art. 2';
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export interface TermDueDate extends DueDate {
  /** The end by plain counting, before the Atw: day D + the term. */
  readonly nominalLocalDate: LocalDate;
  /** Art. 1 and/or art. 2 extensions, in the order applied; empty when the nominal end stands. */
  readonly adjustments: readonly AtwAdjustment[];
}

function nominalEnd(startLocalDate: LocalDate, { amount, unit }: Term): LocalDate {
  switch (unit) {
    case 'days':
      return plusDays(startLocalDate, amount);
    case 'weeks':
      return plusDays(startLocalDate, 7 * amount);
    case 'months':
      return plusMonthsClamped(startLocalDate, amount);
  }
}

/** Days that are "none of these" in Atw terms (`isTermDay`) in `from` .. `to` inclusive, counting no further than `enough`. */
function countTermDays(calendar: Calendar, from: LocalDate, to: LocalDate, enough: number): number {
  let count = 0;
  for (let day = from; day <= to && count < enough; day = plusDays(day, 1)) {
    if (isTermDay(calendar, day)) count++;
  }
  return count;
}

/**
 * A statutory term under the Algemene termijnenwet. The term starts the day after day D (the day
 * `start` falls on in the calendar's zone) and nominally ends at the end of D + the term (months: the
 * same day of the month, clamped to the month's last day). Then, with the days of the calendar's term law
 * (`calendar.termLaw`, never its working-day holidays: an island's own public holiday extends no term):
 * - art. 1: an end on a Saturday, Sunday, general holiday or equated day runs on to the next day that is none of these;
 * - art. 2: a term of at least three days is extended, if needed, until D+1 .. end holds at least two such days.
 */
export function addTerm(calendar: Calendar, start: Date, term: Term): TermDueDate {
  requireInstant(start);
  requireCount(term.amount, `term amount (${term.unit})`);
  const startLocalDate = localDateOf(calendar, start);
  const nominalLocalDate = nominalEnd(startLocalDate, term);
  const adjustments: AtwAdjustment[] = [];

  let end = nominalLocalDate;
  if (!isTermDay(calendar, end)) {
    const to = nextTermDay(calendar, end);
    adjustments.push({ article: 'Atw art. 1', from: end, to });
    end = to;
  }

  if (daysBetween(startLocalDate, nominalLocalDate) >= 3) {
    const before = end;
    let count = countTermDays(calendar, plusDays(startLocalDate, 1), end, 2);
    while (count < 2) {
      end = nextTermDay(calendar, end);
      count++;
    }
    if (end !== before) adjustments.push({ article: 'Atw art. 2', from: before, to: end });
  }

  return { ...dueDate(calendar, 'terms', startLocalDate, end), nominalLocalDate, adjustments };
}

export function addDaysTerm(calendar: Calendar, start: Date, days: number): TermDueDate {
  return addTerm(calendar, start, { amount: days, unit: 'days' });
}

export function addWeeks(calendar: Calendar, start: Date, weeks: number): TermDueDate {
  return addTerm(calendar, start, { amount: weeks, unit: 'weeks' });
}

export function addMonths(calendar: Calendar, start: Date, months: number): TermDueDate {
  return addTerm(calendar, start, { amount: months, unit: 'months' });
}
