import { LATE_REGISTRATION_REASONS, LateRegistrationReason } from '@vt/contracts';
import { accept, Checked } from './problem';
import type { CodeList } from './code-lists';

/**
 * Receipt and registration of a melding.
 *
 * DOMAIN.md: the veiligheidsbeoordeling is due "within 5 days of receipt" (Uitvoeringsbesluit Wmo 2015 art.
 * 4.1.7). Receipt (`receivedAt`) is when the call, letter, police report or portal submission reached Veilig
 * Thuis; registration (`registeredAt`) is when a call handler typed it in. They differ: police meldingen come
 * in overnight and are registered in a batch the next morning. The statutory clocks run from receipt, so the
 * caller says when the melding was received, and intake records when it was registered (its own clock).
 *
 * The rules:
 * - `receivedAt` is required, an ISO 8601 date-time with a time zone offset (`Z` or `±hh:mm`);
 * - it may not lie in the future: at most `clockSkew` (`RECEIPT_CLOCK_SKEW`, default PT2M) after intake's clock,
 *   because the call handler's workstation and the server do not keep exactly the same time;
 * - it may not lie before 1 January 2015, when the Wmo 2015 came into force and the Veilig Thuis organisations
 *   began: no melding can have reached Veilig Thuis earlier;
 * - registered more than `reasonAfter` (`RECEIPT_REASON_AFTER`, default PT24H [verify]) after receipt, the
 *   melding needs `lateRegistration.reason`, a code from `LATE_REGISTRATION_REASONS`;
 * - a melding registered within that bound may not carry a `lateRegistration`: a reason that explains no
 *   lateness does not belong in the permanent record, and it often means that `receivedAt` was mistyped;
 * - a melding converted from an adviesvraag cannot have been received before that adviesvraag was.
 */

// --- Configuration ----------------------------------------------------------------------------------------

export interface ReceiptPolicy {
  /** Registered more than this long after receipt, a melding needs a recorded reason (ISO 8601 duration). */
  reasonAfter: string;
  reasonAfterMs: number;
  /** How far after intake's clock a `receivedAt` may lie and still count as "now" (ISO 8601 duration). */
  clockSkew: string;
  clockSkewMs: number;
}

/**
 * A day of lateness before a reason is needed [verify with the Handelingsprotocol and the regions' registration
 * instructions: no public source sets the bound]; two minutes of clock skew between a workstation and the server.
 */
export const DEFAULT_RECEIPT_POLICY: ReceiptPolicy = { reasonAfter: 'PT24H', reasonAfterMs: 24 * 3_600_000, clockSkew: 'PT2M', clockSkewMs: 2 * 60_000 };

/** The configured bound may not exceed this: a bound of more than a year would ask a reason of nothing. */
export const MAX_REASON_AFTER_MS = 366 * 24 * 3_600_000;
/** A larger skew would let a receipt in the future pass as now. */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

/** 1 January 2015, 00:00 in the Netherlands: the Wmo 2015 came into force and the Veilig Thuis organisations began. */
export const EARLIEST_RECEIPT = new Date('2015-01-01T00:00:00+01:00');

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * Milliseconds of an ISO 8601 duration in weeks, days, hours, minutes and seconds (`PT24H`, `P2D`, `P1DT12H`,
 * `PT90M`); a day counts 24 hours. Years and months are refused: their length varies. Undefined when malformed.
 */
export function parseDuration(value: string): number | undefined {
  const match = DURATION.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) return undefined;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  return ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

/**
 * Reads `RECEIPT_REASON_AFTER` and `RECEIPT_CLOCK_SKEW` (ISO 8601 durations; defaults PT24H and PT2M). Returns
 * the policy, or every problem at once, each naming the variable, what it got and an example of a valid value,
 * so that intake refuses to start with a message a person can act on.
 */
export function loadReceiptPolicy(env: Record<string, string | undefined>): { ok: true; value: ReceiptPolicy } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const read = (name: string, fallback: string, max: number, min: number, what: string): { text: string; ms: number } => {
    const text = env[name]?.trim() || fallback;
    const ms = parseDuration(text);
    if (ms === undefined) problems.push(`${name} must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. ${fallback}, P2D or PT36H (got "${text}"; years and months vary in length and are not accepted)`);
    else if (ms < min || ms > max) problems.push(`${name} ${what} (got "${text}")`);
    return { text, ms: ms ?? 0 };
  };
  const reasonAfter = read('RECEIPT_REASON_AFTER', DEFAULT_RECEIPT_POLICY.reasonAfter, MAX_REASON_AFTER_MS, 1000, 'must be longer than zero and at most P366D: how long after receipt a melding may be registered without a recorded reason');
  const clockSkew = read('RECEIPT_CLOCK_SKEW', DEFAULT_RECEIPT_POLICY.clockSkew, MAX_CLOCK_SKEW_MS, 0, 'must be PT0S to PT15M: how far a receipt may lie after intake’s clock (a workstation’s clock running ahead)');
  if (problems.length === 0 && clockSkew.ms >= reasonAfter.ms) problems.push(`RECEIPT_CLOCK_SKEW (${clockSkew.text}) must be shorter than RECEIPT_REASON_AFTER (${reasonAfter.text})`);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { reasonAfter: reasonAfter.text, reasonAfterMs: reasonAfter.ms, clockSkew: clockSkew.text, clockSkewMs: clockSkew.ms } };
}

// --- The reasons for a late registration ------------------------------------------------------------------

/** The codes of `LATE_REGISTRATION_REASONS` (`@vt/contracts`) with Dutch labels; a test keeps them equal. */
export const LATE_REGISTRATION_REASONS_V1: CodeList<LateRegistrationReason> = {
  id: 'late-registration-reasons',
  version: 'late-registration-reasons/1',
  validFrom: '2015-01-01',
  entries: [
    { code: 'batchverwerking', label: 'Batchverwerking', description: 'Meldingen (bijvoorbeeld van de politie) die samen zijn binnengekomen en later in één keer zijn geregistreerd.' },
    { code: 'schriftelijk-ontvangen', label: 'Schriftelijk ontvangen', description: 'Een brief of formulier dat na ontvangst is ingevoerd.' },
    { code: 'storing', label: 'Storing', description: 'Registreren kon niet door een storing in de systemen.' },
    { code: 'doorgestuurd-door-andere-regio', label: 'Doorgestuurd door andere regio', description: 'Eerst ontvangen door een andere Veilig Thuis-organisatie.' },
    { code: 'anders', label: 'Anders' },
  ],
};

// --- The rules --------------------------------------------------------------------------------------------

export type ReceiptProblemCode =
  | 'received-at-missing'
  | 'received-at-format'
  | 'received-at-in-future'
  | 'received-at-before-lower-bound'
  | 'late-registration-reason-missing'
  | 'late-registration-reason-unknown'
  | 'late-registration-not-late'
  | 'received-before-adviesvraag';

/** A problem with the receipt, with the request field it concerns and, for a missing reason, the codes allowed. */
export interface ReceiptProblem {
  code: ReceiptProblemCode;
  message: string;
  path: 'receivedAt' | 'lateRegistration' | 'lateRegistration.reason';
  allowed?: readonly string[];
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;
const EXAMPLE = '2025-06-02T21:30:00+02:00';

const problem = (code: ReceiptProblemCode, path: ReceiptProblem['path'], message: string, allowed?: readonly string[]): { ok: false; problem: ReceiptProblem } => ({
  ok: false,
  problem: { code, path, message, ...(allowed ? { allowed } : {}) },
});

/** The instant an ISO 8601 date-time with an offset names; undefined when malformed or not a real date. */
export function parseReceiptTime(value: string): Date | undefined {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetMinutes = match[8] === 'Z' ? 0 : (match[9] === '-' ? -1 : 1) * (Number(match[10]) * 60 + Number(match[11]));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  if (match[8] !== 'Z' && (Number(match[10]) > 14 || Number(match[11]) > 59)) return undefined;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, millis);
  return new Date(utc.getTime() - offsetMinutes * 60_000);
}

/**
 * `receivedAt` as the caller gave it: present, an ISO 8601 date-time with an offset, not in the future (beyond
 * the clock skew) and not before Veilig Thuis existed. These are faults in the field itself (a 400).
 */
export function checkReceivedAt(value: unknown, now: Date, policy: ReceiptPolicy = DEFAULT_RECEIPT_POLICY): Checked<Date, ReceiptProblemCode, ReceiptProblem> {
  if (value === undefined || value === null || value === '') {
    return problem('received-at-missing', 'receivedAt', `receivedAt is required: when the melding reached Veilig Thuis, with its time zone offset, e.g. ${EXAMPLE}`);
  }
  const receivedAt = typeof value === 'string' ? parseReceiptTime(value) : undefined;
  if (!receivedAt) {
    return problem('received-at-format', 'receivedAt', `receivedAt must be an ISO 8601 date-time with a time zone offset (Z or +hh:mm), e.g. ${EXAMPLE}`);
  }
  if (receivedAt.getTime() > now.getTime() + policy.clockSkewMs) {
    return problem('received-at-in-future', 'receivedAt', `receivedAt lies in the future (more than ${policy.clockSkew}, RECEIPT_CLOCK_SKEW, after intake’s clock): give when the melding reached Veilig Thuis`);
  }
  if (receivedAt.getTime() < EARLIEST_RECEIPT.getTime()) {
    return problem('received-at-before-lower-bound', 'receivedAt', 'receivedAt lies before 1 January 2015, when the Wmo 2015 came into force and Veilig Thuis began: no melding can have reached Veilig Thuis then');
  }
  return accept(receivedAt);
}

export interface RegistrationTimes {
  receivedAt: Date;
  registeredAt: Date;
  /** How long after receipt the melding was registered (0 when the receipt lies within the clock skew ahead). */
  lateByMs: number;
  /** Only for a melding registered more than the bound after receipt. */
  lateRegistration?: { reason: LateRegistrationReason };
}

/**
 * Whether the registration's delay needs a recorded reason, and whether the one given belongs. Checked against
 * the registration time, so a retry of an accepted request is answered from its first answer before this runs.
 * `notBefore`: for a melding converted from an adviesvraag, that adviesvraag's receipt (the melding cannot have
 * come in before the advice call it grew out of). These conflict with the registration time or with what intake
 * knows (a 422).
 */
export function decideRegistrationTimes(input: {
  receivedAt: Date;
  registeredAt: Date;
  lateRegistration?: { reason: string } | undefined;
  policy?: ReceiptPolicy;
  notBefore?: { at: Date; what: 'adviesvraag' };
}): Checked<RegistrationTimes, ReceiptProblemCode, ReceiptProblem> {
  const policy = input.policy ?? DEFAULT_RECEIPT_POLICY;
  const { receivedAt, registeredAt, lateRegistration, notBefore } = input;
  if (notBefore && receivedAt.getTime() < notBefore.at.getTime()) {
    return problem(
      'received-before-adviesvraag',
      'receivedAt',
      `receivedAt lies before the adviesvraag this melding comes from was received (${notBefore.at.toISOString()}): the melding was received when the adviesvraag was, or later`,
    );
  }
  if (lateRegistration && !(LATE_REGISTRATION_REASONS as readonly string[]).includes(lateRegistration.reason)) {
    return problem('late-registration-reason-unknown', 'lateRegistration.reason', `lateRegistration.reason must be one of ${LATE_REGISTRATION_REASONS.join(', ')}`, LATE_REGISTRATION_REASONS);
  }
  const lateByMs = Math.max(0, registeredAt.getTime() - receivedAt.getTime());
  const late = lateByMs > policy.reasonAfterMs;
  if (late && !lateRegistration) {
    return problem(
      'late-registration-reason-missing',
      'lateRegistration.reason',
      `this melding is registered ${describeDuration(lateByMs)} after it was received, more than ${policy.reasonAfter} (RECEIPT_REASON_AFTER): say why in lateRegistration.reason, one of ${LATE_REGISTRATION_REASONS.join(', ')}`,
      LATE_REGISTRATION_REASONS,
    );
  }
  if (!late && lateRegistration) {
    return problem(
      'late-registration-not-late',
      'lateRegistration',
      `this melding is registered ${describeDuration(lateByMs)} after it was received, within ${policy.reasonAfter} (RECEIPT_REASON_AFTER): it is not late, so leave lateRegistration out (or check receivedAt)`,
    );
  }
  return accept({
    receivedAt,
    registeredAt,
    lateByMs,
    ...(lateRegistration ? { lateRegistration: { reason: lateRegistration.reason as LateRegistrationReason } } : {}),
  });
}

/** "1 day 3 hours", "40 minutes": how late, for a person. */
export function describeDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const parts: [number, string][] = [
    [Math.floor(minutes / 1440), 'day'],
    [Math.floor((minutes % 1440) / 60), 'hour'],
    [minutes % 60, 'minute'],
  ];
  const shown = parts.filter(([amount]) => amount > 0).slice(0, 2);
  if (shown.length === 0) return 'less than a minute';
  return shown.map(([amount, unit]) => `${amount} ${unit}${amount === 1 ? '' : 's'}`).join(' ');
}
