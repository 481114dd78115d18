import { ClockBasisKey, defaultLegalBases, LegalBases } from '@vt/legal';
import { AtwAdjustment, TermDueDate, TermUnit, addTerm } from './atw';
import { Calendar, CalendarId, isWorkingDay, localDateOf, startOfLocalDay } from './calendar';
import { calendarById } from './calendars';
import { requireCount } from './due-date';
import { LocalDate, plusDays } from './local-date';
import { addWorkingDays } from './working-days';

export type ClockId = 'veiligheidsbeoordeling' | 'onderzoek' | 'informeren-betrokkenen' | 'vernietigingsverzoek' | 'tijdelijk-huisverbod';

/**
 * `working-days`: the n-th working day after day D (unit must be days).
 * `calendar-term`: a statutory term under the Algemene termijnenwet (art. 1 and 2).
 */
export type Counting = 'working-days' | 'calendar-term';

export interface ClockDefinition {
  readonly id: ClockId;
  readonly description: string;
  /** The event the clock starts from. */
  readonly startsAt: string;
  readonly amount: number;
  readonly unit: TermUnit;
  readonly counting: Counting;
  /**
   * Which legal basis (config/legal-bases.json, libs/legal): the citation is taken for the calendar's
   * jurisdiction, so an island deadline never cites the law of the European Netherlands.
   */
  readonly legalBasisKey: ClockBasisKey;
  /** Each recorded extension adds `amountPerExtension` of the clock's unit to the nominal term. */
  readonly extension?: { readonly amountPerExtension: number; readonly legalBasisKey: ClockBasisKey };
  /** Calendars where the law behind this clock (`law`) does not apply; a deadline there carries a warning. */
  readonly notApplicableIn?: readonly CalendarId[];
  /** The statute the clock comes from, named in the warning where it does not apply. */
  readonly law?: string;
  readonly notes?: readonly string[];
}

export const STATUTORY_CLOCKS: Readonly<Record<ClockId, ClockDefinition>> = {
  veiligheidsbeoordeling: {
    id: 'veiligheidsbeoordeling',
    description: 'veiligheidsbeoordeling and decision whether to investigate',
    startsAt: 'receipt of the melding',
    amount: 5,
    unit: 'days',
    counting: 'working-days',
    legalBasisKey: 'clock.veiligheidsbeoordeling',
  },
  onderzoek: {
    id: 'onderzoek',
    description: 'onderzoek concluded',
    startsAt: 'decision to investigate',
    amount: 10,
    unit: 'weeks',
    counting: 'calendar-term',
    legalBasisKey: 'clock.onderzoek',
  },
  'informeren-betrokkenen': {
    id: 'informeren-betrokkenen',
    description: 'inform the person whose data came from others',
    startsAt: 'recording of the data',
    amount: 4,
    unit: 'weeks',
    counting: 'calendar-term',
    legalBasisKey: 'clock.informeren-betrokkenen',
    extension: { amountPerExtension: 2, legalBasisKey: 'clock.informeren-betrokkenen.verlenging' },
    notes: ['extensions lengthen the nominal term (4 + 2·k weeks from the start); the Atw is applied once, to the result'],
  },
  vernietigingsverzoek: {
    id: 'vernietigingsverzoek',
    description: 'destruction request handled',
    startsAt: 'receipt of the request',
    amount: 3,
    unit: 'months',
    counting: 'calendar-term',
    legalBasisKey: 'clock.vernietigingsverzoek',
  },
  'tijdelijk-huisverbod': {
    id: 'tijdelijk-huisverbod',
    description: 'end of a tijdelijk huisverbod (before any extension by the burgemeester)',
    startsAt: 'imposition of the huisverbod',
    amount: 10,
    unit: 'days',
    counting: 'calendar-term',
    legalBasisKey: 'clock.tijdelijk-huisverbod',
    law: 'Wet tijdelijk huisverbod',
    notApplicableIn: ['bq-bonaire', 'bq-saba', 'bq-sint-eustatius'],
    notes: [
      'extension by the burgemeester to at most 28 days from imposition (art. 9) is not computed here',
      '[verify] whether Atw art. 1 and 2 lengthen the duration of a huisverbod, which is a measure rather than a term to act in',
    ],
  },
};

export interface DeadlineOptions {
  readonly calendar: Calendar;
  /** Recorded extensions (only for clocks with an `extension`). */
  readonly extensions?: number;
  /** Overrides the clock's counting, e.g. law-days (`calendar-term`) instead of working days. */
  readonly counting?: Counting;
  /** The legal bases to cite from; `defaultLegalBases()` (config/legal-bases.json) when absent. */
  readonly legalBases?: LegalBases;
}

export interface Deadline {
  readonly clock: ClockId;
  readonly calendar: CalendarId;
  readonly timeZone: string;
  /**
   * The basis in the calendar's jurisdiction, as an event carries it: the citation, with ` [verify]`
   * when unconfirmed (then `warnings` says what is unconfirmed).
   */
  readonly legalBasis: string;
  readonly counting: Counting;
  /** The term actually counted, extensions included. */
  readonly amount: number;
  readonly unit: TermUnit;
  readonly extensions: number;
  readonly startedAt: Date;
  readonly startLocalDate: LocalDate;
  /** Plain count before the Atw; equals `dueLocalDate` for working-day counting. */
  readonly nominalLocalDate: LocalDate;
  /** Last day that is in time, in the calendar's zone. */
  readonly dueLocalDate: LocalDate;
  /** Exclusive end: local 00:00 of the day after `dueLocalDate`, as an instant. */
  readonly dueAt: Date;
  readonly adjustments: readonly AtwAdjustment[];
  readonly warnings: string[];
}

function workingDayDeadline(definition: ClockDefinition, calendar: Calendar, start: Date, amount: number): TermDueDate {
  if (definition.unit !== 'days') {
    throw new RangeError(`clock "${definition.id}" is in ${definition.unit}; working-day counting needs a term in days`);
  }
  const due = addWorkingDays(calendar, start, amount);
  return { ...due, nominalLocalDate: due.dueLocalDate, adjustments: [] };
}

/**
 * The deadline of a statutory clock started at `start`. Pass a `ClockDefinition` instead of an id to
 * use configuration other than `STATUTORY_CLOCKS`.
 */
export function computeDeadline(clock: ClockId | ClockDefinition, start: Date, options: DeadlineOptions): Deadline {
  const definition = typeof clock === 'string' ? (STATUTORY_CLOCKS[clock] as ClockDefinition | undefined) : clock;
  if (definition === undefined) throw new RangeError(`unknown clock "${String(clock)}"; known: ${Object.keys(STATUTORY_CLOCKS).join(', ')}`);
  const { calendar } = options;
  const extensions = options.extensions ?? 0;
  requireCount(extensions, 'extensions');
  if (extensions > 0 && !definition.extension) throw new RangeError(`clock "${definition.id}" cannot be extended`);
  const counting = options.counting ?? definition.counting;
  const amount = definition.amount + extensions * (definition.extension?.amountPerExtension ?? 0);

  const legalBases = options.legalBases ?? defaultLegalBases();
  const basis = legalBases.basis(calendar.jurisdiction, definition.legalBasisKey);
  // An extended term rests on the extension's basis as well; name it when it is unconfirmed too.
  const extensionBasis = extensions > 0 && definition.extension ? legalBases.basis(calendar.jurisdiction, definition.extension.legalBasisKey) : undefined;
  const basisWarnings = [...basis.warnings, ...(extensionBasis?.warnings ?? [])];
  const notApplicable = definition.notApplicableIn?.includes(calendar.id)
    ? [`clock "${definition.id}": the ${definition.law ?? 'law behind this clock'} does not apply in ${calendar.name}; this deadline is indicative only`]
    : [];

  const computed = counting === 'working-days' ? workingDayDeadline(definition, calendar, start, amount) : addTerm(calendar, start, { amount, unit: definition.unit });

  return {
    clock: definition.id,
    calendar: calendar.id,
    timeZone: calendar.timeZone,
    legalBasis: basis.cited,
    counting,
    amount,
    unit: definition.unit,
    extensions,
    startedAt: start,
    startLocalDate: computed.startLocalDate,
    nominalLocalDate: computed.nominalLocalDate,
    dueLocalDate: computed.dueLocalDate,
    dueAt: computed.dueAt,
    adjustments: computed.adjustments,
    warnings: [...notApplicable, ...basisWarnings, ...computed.warnings],
  };
}

/**
 * How long before a deadline it counts as approaching.
 * `workingDaysLeft: n`: from the moment only n working days remain, the due day counting as one (for a
 * deadline on Monday and n = 1: from the end of the Friday before). `durationMs`: that long before `dueAt`.
 */
export type LeadTime = { readonly workingDaysLeft: number } | { readonly durationMs: number };

export interface DeadlineMoment {
  readonly dueAt: Date;
  readonly dueLocalDate: LocalDate;
  readonly calendar: CalendarId;
}

/** The instant from which `deadline` is approaching. `calendar` defaults to the registry's calendar of `deadline.calendar`. */
export function approachingAt(deadline: DeadlineMoment, leadTime: LeadTime, calendar: Calendar = calendarById(deadline.calendar)): Date {
  if ('durationMs' in leadTime) {
    if (!Number.isFinite(leadTime.durationMs) || leadTime.durationMs < 0) throw new RangeError(`durationMs must be 0 or more, got ${leadTime.durationMs}`);
    return new Date(deadline.dueAt.getTime() - leadTime.durationMs);
  }
  requireCount(leadTime.workingDaysLeft, 'workingDaysLeft');
  if (leadTime.workingDaysLeft === 0) return deadline.dueAt;
  // Walk back over the working days up to the due day; the (n+1)-th one back is the last day before only n remain.
  let day = deadline.dueLocalDate;
  let seen = 0;
  for (;;) {
    if (isWorkingDay(calendar, day)) {
      seen++;
      if (seen === leadTime.workingDaysLeft + 1) return startOfLocalDay(calendar, plusDays(day, 1));
    }
    day = plusDays(day, -1);
  }
}

/**
 * How many working days of `deadline` remain at `at`: the working days from the day `at` falls on (in the
 * calendar's zone, counted when it is a working day) up to and including the due day. The same count as
 * `approachingAt` with `workingDaysLeft` uses, so a deadline approaches (lead n) exactly when this is n or less.
 * 0 once `dueAt` has passed. For a deadline on Monday 13 April 2026: 2 on Friday 10 April, 1 over the weekend and
 * on the Monday itself.
 */
export function workingDaysLeft(deadline: { readonly dueAt: Date; readonly calendar: CalendarId }, at: Date, calendar: Calendar = calendarById(deadline.calendar)): number {
  if (at.getTime() >= deadline.dueAt.getTime()) return 0;
  const dueLocalDate = localDateOf(calendar, new Date(deadline.dueAt.getTime() - 1));
  let left = 0;
  for (let day = localDateOf(calendar, at); day <= dueLocalDate; day = plusDays(day, 1)) {
    if (isWorkingDay(calendar, day)) left++;
  }
  return left;
}
