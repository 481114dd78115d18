import { Calendar, localDateOf, nextWorkingDay } from './calendar';
import { DueDate, dueDate, requireCount, requireInstant } from './due-date';

/**
 * The end of the `n`-th working day (the calendar's working-day list) after the day on which `start` falls (day D, in the calendar's
 * zone). D itself never counts, whether or not it is a working day. `n = 0` gives the end of D.
 */
export function addWorkingDays(calendar: Calendar, start: Date, n: number): DueDate {
  requireInstant(start);
  requireCount(n, 'number of working days');
  const startLocalDate = localDateOf(calendar, start);
  let day = startLocalDate;
  for (let counted = 0; counted < n; counted++) day = nextWorkingDay(calendar, day);
  return dueDate(calendar, 'working-days', startLocalDate, day);
}
