import { LATE_REGISTRATION_REASONS } from '@vt/contracts';
import {
  checkReceivedAt,
  decideRegistrationTimes,
  DEFAULT_RECEIPT_POLICY,
  describeDuration,
  EARLIEST_RECEIPT,
  LATE_REGISTRATION_REASONS_V1,
  loadReceiptPolicy,
  parseDuration,
  parseReceiptTime,
  ReceiptPolicy,
} from './receipt';

const HOUR = 3_600_000;
// Registration: Thursday 5 June 2025, 09:00 in Amsterdam (CEST, UTC+2).
const now = new Date('2025-06-05T07:00:00Z');
const policy: ReceiptPolicy = DEFAULT_RECEIPT_POLICY;

describe('DOMAIN.md: the veiligheidsbeoordeling runs "within 5 days of receipt", so a melding says when it was received (receivedAt)', () => {
  it('given a police melding received yesterday evening at 21:30 (+02:00), when checked at registration the next morning, then the receipt is that instant, not the registration time', () => {
    expect(checkReceivedAt('2025-06-04T21:30:00+02:00', now, policy)).toEqual({ ok: true, value: new Date('2025-06-04T19:30:00Z') });
  });

  it.each([
    ['2025-06-04T19:30:00Z', '2025-06-04T19:30:00.000Z'],
    ['2025-06-04T19:30Z', '2025-06-04T19:30:00.000Z'],
    ['2025-06-04T15:30:00.250-04:00', '2025-06-04T19:30:00.250Z'],
    ['2025-06-04T21:30:00.123456789+02:00', '2025-06-04T19:30:00.123Z'],
  ])('given receivedAt %s (an ISO 8601 date-time with an offset), when checked, then it names instant %s', (text, instant) => {
    expect(checkReceivedAt(text, now, policy)).toEqual({ ok: true, value: new Date(instant) });
  });

  it.each([undefined, null, ''])('given no receivedAt (%p), when checked, then it is refused as missing, naming receivedAt and an example', (value) => {
    expect(checkReceivedAt(value, now, policy)).toMatchObject({ ok: false, problem: { code: 'received-at-missing', path: 'receivedAt', message: expect.stringMatching(/receivedAt is required.*\+02:00/) } });
  });

  it.each([
    ['2025-06-04T21:30:00', 'no time zone offset: the instant is ambiguous'],
    ['2025-06-04', 'a date without a time'],
    ['2025-06-04 21:30:00+02:00', 'a space instead of T'],
    ['04-06-2025 21:30', 'Dutch notation'],
    ['2025-02-29T10:00:00Z', '29 February in a year that is not a leap year'],
    ['2025-06-31T10:00:00Z', '31 June'],
    ['2025-06-04T24:00:00Z', 'hour 24'],
    ['2025-06-04T21:30:00+15:00', 'an offset beyond ±14:00'],
    ['yesterday', 'words'],
    [1749065400000, 'a number of milliseconds'],
  ] as [unknown, string][])('given receivedAt %p (%s), when checked, then it is refused as malformed, naming receivedAt', (value) => {
    expect(checkReceivedAt(value, now, policy)).toMatchObject({ ok: false, problem: { code: 'received-at-format', path: 'receivedAt' } });
  });

  it('given 29 February of a leap year, when checked, then it is a real date', () => {
    expect(checkReceivedAt('2024-02-29T10:00:00+01:00', now, policy)).toMatchObject({ ok: true });
  });
});

describe('issue 11 point 2: receivedAt may not lie in the future (with a small configured clock skew)', () => {
  it('given a receipt one hour after intake’s clock, when checked, then it is refused as in the future, naming receivedAt', () => {
    const result = checkReceivedAt(new Date(now.getTime() + HOUR).toISOString(), now, policy);
    expect(result).toMatchObject({ ok: false, problem: { code: 'received-at-in-future', path: 'receivedAt', message: expect.stringContaining('RECEIPT_CLOCK_SKEW') } });
  });

  it('given a receipt 90 seconds after intake’s clock (a workstation running ahead), when checked with the default skew PT2M, then it is accepted', () => {
    expect(checkReceivedAt(new Date(now.getTime() + 90_000).toISOString(), now, policy)).toMatchObject({ ok: true });
  });

  it('given a receipt 3 minutes after intake’s clock, when checked with the default skew PT2M, then it is refused', () => {
    expect(checkReceivedAt(new Date(now.getTime() + 180_000).toISOString(), now, policy)).toMatchObject({ ok: false, problem: { code: 'received-at-in-future' } });
  });

  it('given a skew of PT0S, when a receipt one second ahead is checked, then it is refused', () => {
    const strict = { ...policy, clockSkew: 'PT0S', clockSkewMs: 0 };
    expect(checkReceivedAt(new Date(now.getTime() + 1000).toISOString(), now, strict)).toMatchObject({ ok: false, problem: { code: 'received-at-in-future' } });
    expect(checkReceivedAt(now.toISOString(), now, strict)).toMatchObject({ ok: true });
  });
});

describe('Wmo 2015 (in force 1 January 2015) began Veilig Thuis: no receipt before that', () => {
  it('given a receipt on 31 December 2014, when checked, then it is refused, naming receivedAt', () => {
    expect(checkReceivedAt('2014-12-31T12:00:00+01:00', now, policy)).toMatchObject({ ok: false, problem: { code: 'received-at-before-lower-bound', path: 'receivedAt' } });
  });

  it('given a receipt at the first moment of 1 January 2015 in the Netherlands, when checked, then it is accepted', () => {
    expect(EARLIEST_RECEIPT.toISOString()).toBe('2014-12-31T23:00:00.000Z');
    expect(checkReceivedAt('2015-01-01T00:00:00+01:00', now, policy)).toMatchObject({ ok: true });
  });
});

describe('issue 11 point 2: a melding registered longer than RECEIPT_REASON_AFTER after receipt needs a recorded reason', () => {
  it('given a police melding received at 21:30 and registered at 09:00 the next morning (11.5 hours, within PT24H), when decided, then both times are kept and no reason is needed', () => {
    const receivedAt = new Date('2025-06-04T19:30:00Z');
    expect(decideRegistrationTimes({ receivedAt, registeredAt: now, policy })).toEqual({ ok: true, value: { receivedAt, registeredAt: now, lateByMs: 11.5 * HOUR } });
  });

  it('given a melding received on Monday evening and registered on Thursday morning without a reason, when decided, then it is refused naming lateRegistration.reason with the allowed codes', () => {
    const result = decideRegistrationTimes({ receivedAt: new Date('2025-06-02T19:30:00Z'), registeredAt: now, policy });
    expect(result).toEqual({
      ok: false,
      problem: {
        code: 'late-registration-reason-missing',
        path: 'lateRegistration.reason',
        allowed: LATE_REGISTRATION_REASONS,
        message: expect.stringContaining('registered 2 days 11 hours after it was received, more than PT24H (RECEIPT_REASON_AFTER)'),
      },
    });
    if (!result.ok) for (const code of LATE_REGISTRATION_REASONS) expect(result.problem.message).toContain(code);
  });

  it('given the same late melding with reason batchverwerking, when decided, then it is accepted with that reason', () => {
    const result = decideRegistrationTimes({ receivedAt: new Date('2025-06-02T19:30:00Z'), registeredAt: now, lateRegistration: { reason: 'batchverwerking' }, policy });
    expect(result).toMatchObject({ ok: true, value: { lateRegistration: { reason: 'batchverwerking' }, lateByMs: 59.5 * HOUR } });
  });

  it('given a melding exactly RECEIPT_REASON_AFTER old, when decided, then it is not late yet (the bound is "more than")', () => {
    expect(decideRegistrationTimes({ receivedAt: new Date(now.getTime() - 24 * HOUR), registeredAt: now, policy })).toMatchObject({ ok: true });
    expect(decideRegistrationTimes({ receivedAt: new Date(now.getTime() - 24 * HOUR - 1000), registeredAt: now, policy })).toMatchObject({
      ok: false,
      problem: { code: 'late-registration-reason-missing' },
    });
  });

  it('given a configured bound of PT12H, when a melding 13 hours old is decided without a reason, then it is refused', () => {
    const twelve = { ...policy, reasonAfter: 'PT12H', reasonAfterMs: 12 * HOUR };
    expect(decideRegistrationTimes({ receivedAt: new Date(now.getTime() - 13 * HOUR), registeredAt: now, policy: twelve })).toMatchObject({
      ok: false,
      problem: { code: 'late-registration-reason-missing', message: expect.stringContaining('more than PT12H') },
    });
  });

  it('decision: given a lateRegistration for a melding that is not late, when decided, then it is refused naming lateRegistration (a reason that explains nothing does not enter the record; it often means receivedAt was mistyped)', () => {
    expect(decideRegistrationTimes({ receivedAt: new Date(now.getTime() - HOUR), registeredAt: now, lateRegistration: { reason: 'storing' }, policy })).toMatchObject({
      ok: false,
      problem: { code: 'late-registration-not-late', path: 'lateRegistration', message: expect.stringContaining('1 hour after it was received, within PT24H') },
    });
  });

  it('given a reason that is not on the list, when decided, then it is refused naming lateRegistration.reason with the allowed codes', () => {
    expect(decideRegistrationTimes({ receivedAt: new Date('2025-06-01T10:00:00Z'), registeredAt: now, lateRegistration: { reason: 'druk' }, policy })).toMatchObject({
      ok: false,
      problem: { code: 'late-registration-reason-unknown', path: 'lateRegistration.reason', allowed: LATE_REGISTRATION_REASONS },
    });
  });

  it('given a receipt within the clock skew after the registration, when decided, then it is on time with no lateness', () => {
    expect(decideRegistrationTimes({ receivedAt: new Date(now.getTime() + 60_000), registeredAt: now, policy })).toMatchObject({ ok: true, value: { lateByMs: 0 } });
  });
});

describe('a melding converted from an adviesvraag is received when the adviesvraag was, or later (DOMAIN.md: the adviesvrager stays responsible until it becomes a melding)', () => {
  const adviesvraag = { at: new Date('2025-06-05T06:00:00Z'), what: 'adviesvraag' as const };

  it('given a melding received the moment the adviesvraag came in (the caller decided during the call), when decided, then it is accepted', () => {
    expect(decideRegistrationTimes({ receivedAt: adviesvraag.at, registeredAt: now, policy, notBefore: adviesvraag })).toMatchObject({ ok: true });
  });

  it('given a melding received later than the adviesvraag (the caller called back), when decided, then it is accepted', () => {
    expect(decideRegistrationTimes({ receivedAt: new Date('2025-06-05T06:45:00Z'), registeredAt: now, policy, notBefore: adviesvraag })).toMatchObject({ ok: true });
  });

  it('given a melding said to be received before its adviesvraag, when decided, then it is refused naming receivedAt', () => {
    expect(decideRegistrationTimes({ receivedAt: new Date('2025-06-05T05:59:00Z'), registeredAt: now, policy, notBefore: adviesvraag })).toMatchObject({
      ok: false,
      problem: { code: 'received-before-adviesvraag', path: 'receivedAt' },
    });
  });

  it('given an adviesvraag of last week turned into a melding with that old receipt, when decided without a reason, then the late-registration rule applies as to any melding', () => {
    const lastWeek = { at: new Date('2025-05-28T08:00:00Z'), what: 'adviesvraag' as const };
    expect(decideRegistrationTimes({ receivedAt: lastWeek.at, registeredAt: now, policy, notBefore: lastWeek })).toMatchObject({ ok: false, problem: { code: 'late-registration-reason-missing' } });
  });
});

describe('configuration: RECEIPT_REASON_AFTER and RECEIPT_CLOCK_SKEW, validated at start', () => {
  it('given no variables, when loaded, then the defaults PT24H and PT2M apply', () => {
    expect(loadReceiptPolicy({})).toEqual({ ok: true, value: DEFAULT_RECEIPT_POLICY });
    expect(DEFAULT_RECEIPT_POLICY).toMatchObject({ reasonAfterMs: 24 * HOUR, clockSkewMs: 120_000 });
  });

  it('given RECEIPT_REASON_AFTER=P2D and RECEIPT_CLOCK_SKEW=PT30S, when loaded, then they are read as 48 hours and 30 seconds', () => {
    expect(loadReceiptPolicy({ RECEIPT_REASON_AFTER: 'P2D', RECEIPT_CLOCK_SKEW: 'PT30S' })).toEqual({
      ok: true,
      value: { reasonAfter: 'P2D', reasonAfterMs: 48 * HOUR, clockSkew: 'PT30S', clockSkewMs: 30_000 },
    });
  });

  it('given malformed values, when loaded, then every problem is named at once with the variable, the value and an example', () => {
    const result = loadReceiptPolicy({ RECEIPT_REASON_AFTER: '24 hours', RECEIPT_CLOCK_SKEW: 'P1M' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(2);
      expect(result.problems[0]).toMatch(/^RECEIPT_REASON_AFTER must be an ISO 8601 duration.*e\.g\. PT24H.*\(got "24 hours"/);
      expect(result.problems[1]).toMatch(/^RECEIPT_CLOCK_SKEW must be an ISO 8601 duration.*\(got "P1M"; years and months/);
    }
  });

  it.each([
    [{ RECEIPT_REASON_AFTER: 'PT0S' }, /RECEIPT_REASON_AFTER must be longer than zero/],
    [{ RECEIPT_REASON_AFTER: 'P400D' }, /RECEIPT_REASON_AFTER must be longer than zero and at most P366D/],
    [{ RECEIPT_CLOCK_SKEW: 'PT1H' }, /RECEIPT_CLOCK_SKEW must be PT0S to PT15M/],
    [{ RECEIPT_REASON_AFTER: 'PT10M', RECEIPT_CLOCK_SKEW: 'PT10M' }, /RECEIPT_CLOCK_SKEW \(PT10M\) must be shorter than RECEIPT_REASON_AFTER \(PT10M\)/],
  ])('given %p, when loaded, then it is refused: %p', (env, message) => {
    const result = loadReceiptPolicy(env);
    expect(result).toMatchObject({ ok: false, problems: [expect.stringMatching(message)] });
  });

  it.each([
    ['PT24H', 24 * HOUR],
    ['P1D', 24 * HOUR],
    ['P1DT12H', 36 * HOUR],
    ['P1W', 7 * 24 * HOUR],
    ['PT90M', 1.5 * HOUR],
    ['PT0S', 0],
  ])('given duration %s, when parsed, then it is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['P', 'PT', 'P1DT', 'P1Y', 'P1M', '24H', 'pt24h', ''])('given %p, when parsed, then it is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('the reasons for a late registration as a code list', () => {
  it('given the list, when compared with the event contract, then the codes are the same, each with a Dutch label', () => {
    expect(LATE_REGISTRATION_REASONS_V1.entries.map((entry) => entry.code)).toEqual([...LATE_REGISTRATION_REASONS]);
    expect(LATE_REGISTRATION_REASONS_V1.version).toBe('late-registration-reasons/1');
    for (const entry of LATE_REGISTRATION_REASONS_V1.entries) expect(entry.label).not.toBe('');
  });
});

describe('helpers', () => {
  it('given an offset time, when parsed, then the instant is in UTC', () => {
    expect(parseReceiptTime('2025-12-31T23:30:00-04:00')?.toISOString()).toBe('2026-01-01T03:30:00.000Z');
  });

  it.each([
    [30_000, 'less than a minute'],
    [60_000, '1 minute'],
    [HOUR + 5 * 60_000, '1 hour 5 minutes'],
    [59.5 * HOUR, '2 days 11 hours'],
    [24 * HOUR + 60_000, '1 day 1 minute'],
  ])('given %d ms, when described, then it reads "%s"', (ms, text) => {
    expect(describeDuration(ms)).toBe(text);
  });
});
