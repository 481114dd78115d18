import { addWorkingDays, calendarFor, CalendarPlace } from '@vt/calendar';

/** How long a partner has to answer a referral: working days in the household's calendar, or a fixed duration. */
export type AnswerWithin = { kind: 'working-days'; days: number } | { kind: 'duration'; ms: number; text: string };

export const DEFAULT_ANSWER_WITHIN = '3 working days';

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Reads `REFERRAL_ANSWER_WITHIN`: `<n> working days` (counted in the household's calendar, Dutch or the
 * island's) or an ISO 8601 duration such as `PT48H`, `P2D` or `PT2S`. A bad value is an error that says what is accepted.
 */
export function parseAnswerWithin(value: string = DEFAULT_ANSWER_WITHIN): AnswerWithin {
  const text = value.trim();
  const days = /^(\d+) working days?$/.exec(text);
  if (days) return { kind: 'working-days', days: Number(days[1]) };
  const match = DURATION.exec(text);
  if (match && text !== 'P' && text !== 'PT' && !text.endsWith('T')) {
    const [, d, h, m, s] = match;
    const ms = (Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0)) * 1000;
    if (ms > 0) return { kind: 'duration', ms, text };
  }
  throw new Error(`REFERRAL_ANSWER_WITHIN is "${value}"; expected "<n> working days" (e.g. "3 working days") or an ISO 8601 duration (e.g. "PT48H", "P2D")`);
}

/** When an answer to a referral issued at `issuedAt` is due. */
export function answerDueAt(within: AnswerWithin, issuedAt: Date, place: CalendarPlace = 'nl'): Date {
  if (within.kind === 'duration') return new Date(issuedAt.getTime() + within.ms);
  return addWorkingDays(calendarFor(place), issuedAt, within.days).dueAt;
}
