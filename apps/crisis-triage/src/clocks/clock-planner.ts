import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { approachingAt, calendarById, CalendarId, calendarFor, CalendarPlace, computeDeadline, Deadline } from '@vt/calendar';
import { defaultLegalBases, LegalBases } from '@vt/legal';
import { StartTimer } from '@vt/messaging';

export type ClockId = 'veiligheidsbeoordeling' | 'onderzoek' | 'informeren-betrokkenen';

const PLACES: readonly CalendarPlace[] = ['nl', 'bonaire', 'saba', 'sint-eustatius'];

/** The calendar a melding's region names (`bonaire`) or a timer records (`bq-bonaire`); the European Netherlands when none. */
export function calendarPlace(value: string | undefined): CalendarPlace {
  const name = value?.replace(/^bq-/, '');
  return PLACES.find((place) => place === name) ?? 'nl';
}

/** How many working days before a deadline `DeadlineApproaching` fires (the due day counting as one). */
function leadWorkingDays(): number {
  const days = Number(process.env['DEADLINE_LEAD_WORKING_DAYS'] ?? '1');
  if (!Number.isInteger(days) || days < 0) throw new Error(`DEADLINE_LEAD_WORKING_DAYS must be a whole number of working days ≥ 0 (got "${process.env['DEADLINE_LEAD_WORKING_DAYS']}")`);
  return days;
}

/**
 * Turns a statutory clock and its start into a durable timer: due date by the calendar library
 * (working days or Atw terms, in the household's calendar), the legal basis of the household's
 * jurisdiction (config/legal-bases.json: an island household never gets a Wmo 2015 citation), its warnings
 * (an unconfirmed basis among them), and when to warn that it approaches.
 */
@Injectable()
export class ClockPlanner {
  private readonly lead = leadWorkingDays();
  private readonly counting = process.env['ASSESSMENT_COUNTING'] === 'calendar-term' ? ('calendar-term' as const) : undefined;
  /** Read and checked at start: a bad legal-bases file stops crisis-triage from starting. */
  private readonly legalBases: LegalBases = defaultLegalBases();

  plan(clock: ClockId, start: Date, subject: { householdId: string; subjectId: string }, place: CalendarPlace = 'nl', extensions = 0): StartTimer {
    const calendar = calendarFor(place);
    const deadline = computeDeadline(clock, start, { calendar, extensions, legalBases: this.legalBases, ...(clock === 'veiligheidsbeoordeling' && this.counting ? { counting: this.counting } : {}) });
    return {
      timerId: randomUUID(),
      clock,
      legalBasis: deadline.legalBasis,
      counting: deadline.counting,
      calendar: deadline.calendar,
      householdId: subject.householdId,
      subjectId: subject.subjectId,
      startedAt: start,
      dueAt: deadline.dueAt,
      approachingAt: this.approachingAt(start, deadline),
      warnings: [...deadline.warnings],
    };
  }

  /** Recomputes a clock's deadline after a recorded extension. */
  replan(clock: ClockId, startedAt: Date, extensions: number, calendar: string): { dueAt: Date; approachingAt: Date } {
    const deadline = computeDeadline(clock, startedAt, { calendar: calendarById(calendar as CalendarId), extensions, legalBases: this.legalBases });
    return { dueAt: deadline.dueAt, approachingAt: this.approachingAt(startedAt, deadline) };
  }

  private approachingAt(start: Date, deadline: Deadline): Date {
    return new Date(Math.max(start.getTime(), approachingAt(deadline, { workingDaysLeft: this.lead }).getTime()));
  }
}
