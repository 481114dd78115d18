import { Calendar, DayListKind, decreeCoverageWarnings, listCaveats, startOfLocalDay } from './calendar';
import { LocalDate, plusDays } from './local-date';

/**
 * When something is due. A deadline runs to the END of `dueLocalDate` in the calendar's zone, and
 * `dueAt` is the exclusive end: local 00:00 of the day after `dueLocalDate`. Something done strictly
 * before `dueAt` is in time; at `dueAt` the deadline has passed.
 */
export interface DueDate {
  /** Exclusive end of the deadline: the first instant of the day after `dueLocalDate`, local time. */
  readonly dueAt: Date;
  /** The last day on which the act is in time, in the calendar's zone. */
  readonly dueLocalDate: LocalDate;
  /** Day D: the day the start instant falls on, in the calendar's zone. It never counts itself. */
  readonly startLocalDate: LocalDate;
  /**
   * What is uncertain: the `verify` note of the list counted with (the term law's or the working-day
   * holidays') and missing decrees for the years crossed. Empty when nothing is uncertain.
   */
  readonly warnings: string[];
}

export function requireCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number of 0 or more, got ${value}`);
}

export function requireInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError('start must be a valid Date');
}

export function dueDate(calendar: Calendar, kind: DayListKind, startLocalDate: LocalDate, dueLocalDate: LocalDate): DueDate {
  const warnings = [...listCaveats(calendar, kind), ...decreeCoverageWarnings(calendar, plusDays(startLocalDate, 1), dueLocalDate, kind)];
  return { dueAt: startOfLocalDay(calendar, plusDays(dueLocalDate, 1)), dueLocalDate, startLocalDate, warnings };
}
