import { Client } from 'pg';
import { LATE_REGISTRATION_REASONS, TOPICS } from '@vt/contracts';
import { aMelding, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

type Problem = { path: string; code: string; message: string; allowed?: string[] };
type Envelope = { type: string; householdid: string; data: Record<string, unknown> };

const HOUR = 3_600_000;
const MELDING_RECEIVED = 'nl.veiligthuis.intake.MeldingReceived.v1';
const DEADLINE_STARTED = 'nl.veiligthuis.triage.DeadlineStarted.v1';
/**
 * The bound for a late registration in this test. A melding received "yesterday evening" (21:30) is 24 to 27
 * hours old when this file runs late in the evening, so the bound is set above that, and the melding received
 * three days ago is well beyond it, whatever the time of day.
 */
const REASON_AFTER = 'PT36H';

/** `instant` written in Amsterdam's wall time with its offset, e.g. `2025-06-04T21:30:00+02:00`, as a call handler's system would send it. */
function inAmsterdam(instant: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  const offset = parts['timeZoneName'] === 'GMT' ? '+00:00' : (parts['timeZoneName'] ?? '').replace('GMT', '');
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}${offset}`;
}

/** Amsterdam's UTC offset at `instant`, e.g. `+02:00`. */
function amsterdamOffset(instant: Date): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' }).formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}

/** The calendar day (UTC fields as a date) `instant` falls on in Amsterdam. */
function amsterdamDay(instant: Date): Date {
  const [day, month, year] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant).split('/').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

const isoDay = (day: Date): string => day.toISOString().slice(0, 10);
const plusDays = (day: Date, days: number): Date => new Date(day.getTime() + days * 24 * HOUR);

/** The moment `day` begins in Amsterdam. */
function startOfAmsterdamDay(day: Date): Date {
  const offset = amsterdamOffset(new Date(day.getTime() - 2 * HOUR));
  const minutes = (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return new Date(day.getTime() - minutes * 60_000);
}

/** Easter Sunday (the Gregorian computus, Meeus/Jones/Butcher). */
function easter(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((8 * b + 13) / 25)) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

/** The days equated with the Atw holidays by decree, as DOMAIN.md lists them (none decreed after 2028 yet). */
const DECREED = ['2023-04-28', '2023-05-19', '2024-05-10', '2024-12-27', '2025-05-30', '2026-01-02', '2026-05-15', '2027-05-07', '2028-04-28', '2028-05-26'];

/**
 * DOMAIN.md "Werkdagen": not a Saturday or Sunday, not a general holiday of the Algemene termijnenwet art. 3
 * (Nieuwjaarsdag, Tweede Paasdag, Tweede Pinksterdag, both Christmas days, Hemelvaartsdag, Koningsdag, 5 May),
 * not Goede Vrijdag (equated, art. 3 lid 2), not a day equated by decree. Written out here, apart from
 * @vt/calendar, so that the test counts by the rule rather than by the code under test.
 */
function isWorkingDay(day: Date): boolean {
  const year = day.getUTCFullYear();
  const weekday = day.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const koningsdag = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? `${year}-04-26` : `${year}-04-27`;
  const fixed = [`${year}-01-01`, koningsdag, `${year}-05-05`, `${year}-12-25`, `${year}-12-26`];
  const fromEaster = [-2, 1, 39, 50].map((offset) => isoDay(plusDays(easter(year), offset)));
  return ![...fixed, ...fromEaster, ...DECREED].includes(isoDay(day));
}

/** The end of the `n`-th working day after `day` in Amsterdam: when a 5-working-day term from that day is due. */
function endOfNthWorkingDayAfter(day: Date, n: number): Date {
  let at = day;
  for (let counted = 0; counted < n; ) {
    at = plusDays(at, 1);
    if (isWorkingDay(at)) counted += 1;
  }
  return startOfAmsterdamDay(plusDays(at, 1));
}

/**
 * Issue 11 point 2: the assessment clock starts when Veilig Thuis received the melding, not when it was typed in.
 * intake and crisis-triage as processes, on the real broker and database.
 */
describe('receipt and registration: a melding says when Veilig Thuis received it, and its clocks run from there', () => {
  let env: TestEnvironment;
  let intakeEnv: Record<string, string>;
  let intake: RunningService;
  let triage: RunningService;
  let reader: TopicReader;
  let db: Client;
  let schema: string;

  beforeAll(async () => {
    env = testEnvironment();
    intakeEnv = { ...(await env.serviceEnv('intake')), RECEIPT_REASON_AFTER: REASON_AFTER };
    schema = intakeEnv['DATABASE_SCHEMA'] as string;
    [intake, triage] = await Promise.all([startService('intake', intakeEnv), env.serviceEnv('crisis_triage').then((e) => startService('crisis-triage', e))]);
    reader = await new TopicReader(env.kafkaBrokers.split(','), [env.topicPrefix + TOPICS.meldingen, env.topicPrefix + TOPICS.triageDeadlines]).start();
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await reader?.stop();
    await Promise.all([intake?.stop(), triage?.stop()]);
    await env?.cleanup();
  });

  const post = (body: Record<string, unknown>, path = '/api/v1/meldingen') =>
    fetch(`${intake.url}${path}`, { method: 'POST', headers: env.authHeaders(['call-handler'], ['*'], 'call-handler-receipt'), body: JSON.stringify(body) });
  const read = (meldingId: string) => fetch(`${intake.url}/api/v1/meldingen/${meldingId}`, { headers: { ...env.authHeaders(['triage']), 'x-access-purpose': 'veiligheidsbeoordeling' } });

  const eventsOf = (topic: string, householdId: string): Envelope[] =>
    reader
      .on(env.topicPrefix + topic)
      .filter((record) => record.key === householdId)
      .map((record) => record.json<Envelope>());
  const meldingReceived = (householdId: string) =>
    waitFor(() => eventsOf(TOPICS.meldingen, householdId).find((event) => event.type === MELDING_RECEIVED), { description: 'MeldingReceived on the meldingen topic' });
  const assessmentClock = (householdId: string) =>
    waitFor(() => eventsOf(TOPICS.triageDeadlines, householdId).find((event) => event.type === DEADLINE_STARTED && event.data['clock'] === 'veiligheidsbeoordeling'), {
      description: 'DeadlineStarted for the veiligheidsbeoordeling',
    });
  /** What intake holds: its meldingen, and what its outbox (the only way an event reaches the broker) holds for the meldingen topic. */
  const counts = async () => {
    const { rows } = await db.query<{ meldingen: string; outbox: string }>(
      `select (select count(*) from ${schema}.melding) as meldingen, (select count(*) from ${schema}.outbox where topic like '%' || $1) as outbox`,
      [TOPICS.meldingen],
    );
    return rows[0];
  };

  it('DOMAIN.md "veiligheidsbeoordeling within 5 (working) days of receipt": a police melding received yesterday evening and registered now carries both times, and its clock starts at the receipt', async () => {
    const yesterday = plusDays(amsterdamDay(new Date()), -1);
    const receipt = new Date(startOfAmsterdamDay(yesterday).getTime() + 21.5 * HOUR);
    const receivedAt = inAmsterdam(receipt);
    expect(receivedAt).toMatch(/T21:30:00\+0[12]:00$/);

    const before = Date.now();
    const response = await post(aMelding().inGemeente('GM0014').receivedAt(receivedAt).requestBody());
    const after = Date.now();
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { meldingId: string; householdId: string; receivedAt: string; registeredAt: string };
    expect(answer.receivedAt).toBe(receipt.toISOString());
    expect(Date.parse(answer.registeredAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(answer.registeredAt)).toBeLessThanOrEqual(after + 1000);

    // MeldingReceived: receivedAt is the receipt, registeredAt the registration; no reason (it is not late).
    const event = await meldingReceived(answer.householdId);
    expect(event.data).toMatchObject({ meldingId: answer.meldingId, receivedAt: receipt.toISOString(), registeredAt: answer.registeredAt });
    expect(event.data['lateRegistration']).toBeUndefined();

    // The 5-working-day clock starts at the receipt. It is due at the end of the 5th working day after the
    // receipt's day (yesterday), counted day by day above (isWorkingDay): e.g. received Thursday evening, the
    // days are Friday 1, Monday 2, Tuesday 3, Wednesday 4, Thursday 5, due at the end of that Thursday.
    const clock = await assessmentClock(answer.householdId);
    expect(clock.data).toMatchObject({ subjectId: answer.meldingId, startedAt: receipt.toISOString(), legalBasis: 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7', counting: 'working-days' });
    const dueFromReceipt = endOfNthWorkingDayAfter(yesterday, 5);
    expect(clock.data['dueAt']).toBe(dueFromReceipt.toISOString());
    // Counted from the registration (the bug) it would end a working day later whenever today is a working day.
    if (isWorkingDay(plusDays(yesterday, 1))) expect(endOfNthWorkingDayAfter(plusDays(yesterday, 1), 5).getTime()).toBeGreaterThan(dueFromReceipt.getTime());

    // The melding read tells both times; the household's meldingen are listed by receipt.
    const view = (await (await read(answer.meldingId)).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ receivedAt: receipt.toISOString(), registeredAt: answer.registeredAt, lateRegistration: null });
    const { rows } = await db.query(`select received_at, registered_at, late_registration_reason from ${schema}.melding where melding_id = $1`, [answer.meldingId]);
    expect(rows).toEqual([{ received_at: receipt, registered_at: new Date(answer.registeredAt), late_registration_reason: null }]);
  });

  it('issue 11 point 2 "it may not lie in the future": a future receivedAt is a 400 naming receivedAt, and nothing is stored or published', async () => {
    const before = await counts();
    const future = new Date(Date.now() + HOUR).toISOString();
    const response = await post(aMelding().receivedAt(future).requestBody());
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; fields: Problem[] };
    expect(body.error).toBe('validation-failed');
    expect(body.fields).toEqual([expect.objectContaining({ path: 'receivedAt', code: 'received-at-in-future' })]);

    // Missing or without an offset: also a 400 naming receivedAt.
    const { receivedAt: _omitted, ...withoutReceipt } = aMelding().requestBody();
    const missing = await post(withoutReceipt);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { fields: Problem[] }).fields).toEqual([expect.objectContaining({ path: 'receivedAt', message: expect.stringContaining('receivedAt is required') })]);
    const noOffset = await post(aMelding().receivedAt('2025-06-04T21:30:00').requestBody());
    expect(noOffset.status).toBe(400);
    expect(((await noOffset.json()) as { fields: Problem[] }).fields).toEqual([expect.objectContaining({ path: 'receivedAt', code: 'received-at-format' })]);

    // Nothing stored, nothing in the outbox (the only way to the broker); and a melding posted after them is the
    // first record on the topic since, so none with the future receipt went out.
    expect(await counts()).toEqual(before);
    const marker = (await (await post(aMelding().requestBody())).json()) as { householdId: string };
    await meldingReceived(marker.householdId);
    const published = reader.on(env.topicPrefix + TOPICS.meldingen).map((record) => record.json<Envelope>().data['receivedAt']);
    expect(published).not.toContain(future);
  });

  it(`issue 11 point 2 "older than a configured bound needs a recorded reason" (RECEIPT_REASON_AFTER=${REASON_AFTER}): without one it is refused naming lateRegistration.reason with the allowed codes`, async () => {
    const before = await counts();
    const threeDaysAgo = inAmsterdam(new Date(Date.now() - 72 * HOUR));
    const response = await post(aMelding().receivedAt(threeDaysAgo).requestBody());
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; fields: Problem[] };
    expect(body.error).toBe('semantic-conflict');
    expect(body.fields).toEqual([
      { path: 'lateRegistration.reason', code: 'late-registration-reason-missing', message: expect.stringContaining(`more than ${REASON_AFTER} (RECEIPT_REASON_AFTER)`), allowed: [...LATE_REGISTRATION_REASONS] },
    ]);
    expect(await counts()).toEqual(before);

    // A reason for a melding that is not late is refused as well (decision: it would explain nothing in the record).
    const notLate = await post(aMelding().registeredLate('storing').requestBody());
    expect(notLate.status).toBe(422);
    expect(((await notLate.json()) as { fields: Problem[] }).fields).toEqual([expect.objectContaining({ path: 'lateRegistration', code: 'late-registration-not-late' })]);
    // A reason that is not a code is a 400 naming the field and the codes.
    const unknown = await post({ ...aMelding().receivedAt(threeDaysAgo).requestBody(), lateRegistration: { reason: 'druk op de afdeling' } });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { fields: Problem[] }).fields).toEqual([
      expect.objectContaining({ path: 'lateRegistration.reason', message: `lateRegistration.reason must be one of ${LATE_REGISTRATION_REASONS.join(', ')}` }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('issue 11 point 2 "police meldingen registered in a batch must show their real lateness": with reason batchverwerking it is accepted, the reason travels, and the clock counted by hand from the receipt is long past', async () => {
    // Received Wednesday 28 May 2025 at 21:30 (CEST), registered only now, in a batch.
    const receivedAt = '2025-05-28T21:30:00+02:00';
    const response = await post(aMelding().receivedAt(receivedAt).registeredLate('batchverwerking').requestBody());
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { meldingId: string; householdId: string; receivedAt: string; registeredAt: string };
    expect(answer.receivedAt).toBe('2025-05-28T19:30:00.000Z');

    const event = await meldingReceived(answer.householdId);
    expect(event.data).toMatchObject({ receivedAt: '2025-05-28T19:30:00.000Z', registeredAt: answer.registeredAt, lateRegistration: { reason: 'batchverwerking' } });

    // By hand, 5 working days after Wednesday 28 May 2025 (DOMAIN.md: Atw holidays and decreed days do not count):
    //   Thu 29 May  Hemelvaartsdag (Atw art. 3)              —
    //   Fri 30 May  equated by decree (DOMAIN.md: 30 May 2025) —
    //   Sat 31 May, Sun 1 June                                —
    //   Mon 2 June 1, Tue 3 June 2, Wed 4 June 3, Thu 5 June 4, Fri 6 June 5.
    // Due at the end of Friday 6 June 2025 in Amsterdam (CEST): 2025-06-06T22:00:00Z.
    const clock = await assessmentClock(answer.householdId);
    expect(clock.data).toMatchObject({ startedAt: '2025-05-28T19:30:00.000Z', dueAt: '2025-06-06T22:00:00.000Z', calendar: 'nl' });
    // The day-by-day count of the first test agrees with this hand count.
    expect(endOfNthWorkingDayAfter(new Date(Date.UTC(2025, 4, 28)), 5).toISOString()).toBe('2025-06-06T22:00:00.000Z');

    const view = (await (await read(answer.meldingId)).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ receivedAt: '2025-05-28T19:30:00.000Z', registeredAt: answer.registeredAt, lateRegistration: { reason: 'batchverwerking' } });

    // Retention (ADR 0021) counts from the registration, when the record was made: the later of the two times.
    const { rows } = await db.query(`select starts_at from ${schema}.household_retention where household_id = $1`, [answer.householdId]);
    expect(rows).toEqual([{ starts_at: new Date(answer.registeredAt) }]);
  });

  it('a melding converted from an adviesvraag is received when the adviesvraag was, or later; never before it', async () => {
    const adviesvraagReceivedAt = new Date(Date.now() - 2 * HOUR);
    const adviesvraag = await fetch(`${intake.url}/api/v1/adviesvragen`, {
      method: 'POST',
      headers: env.authHeaders(['call-handler']),
      body: JSON.stringify({
        receivedAt: inAmsterdam(adviesvraagReceivedAt),
        channel: 'telefoon',
        adviesvrager: { kind: 'niet-professional', role: 'melder' },
        household: { gemeenteCode: 'GM0363' },
        concerns: { aard: ['kindermishandeling'], question: 'Wat kan ik doen?' },
      }),
    });
    expect(adviesvraag.status).toBe(201);
    const { adviesvraagId, receivedAt, registeredAt } = (await adviesvraag.json()) as { adviesvraagId: string; receivedAt: string; registeredAt: string };
    expect(receivedAt).toBe(new Date(Math.floor(adviesvraagReceivedAt.getTime() / 1000) * 1000).toISOString());
    expect(Date.parse(registeredAt)).toBeGreaterThan(Date.parse(receivedAt));

    const tooEarly = await post(aMelding().receivedAt(new Date(Date.parse(receivedAt) - HOUR)).requestBody(), `/api/v1/adviesvragen/${adviesvraagId}/melding`);
    expect(tooEarly.status).toBe(422);
    expect(((await tooEarly.json()) as { fields: Problem[] }).fields).toEqual([expect.objectContaining({ path: 'receivedAt', code: 'received-before-adviesvraag' })]);

    // The caller decided during the advice call: the melding was received when the adviesvraag was.
    const converted = await post(aMelding().receivedAt(receivedAt).requestBody(), `/api/v1/adviesvragen/${adviesvraagId}/melding`);
    expect(converted.status).toBe(201);
    const melding = (await converted.json()) as { householdId: string; receivedAt: string };
    expect(melding.receivedAt).toBe(receivedAt);
    const clock = await assessmentClock(melding.householdId);
    expect(clock.data['startedAt']).toBe(receivedAt);
  });

  it('refuses to start with a malformed RECEIPT_REASON_AFTER, naming the variable and an example', async () => {
    // Starting a service from source takes a while on a busy machine; it exits as soon as the configuration is read.
    await expect(startService('intake', { ...intakeEnv, RECEIPT_REASON_AFTER: 'two days', RECEIPT_CLOCK_SKEW: 'PT1H' }, { readyTimeoutMs: 90_000 })).rejects.toThrow(
      /intake exited \(1\) before it was ready[\s\S]*RECEIPT_REASON_AFTER must be an ISO 8601 duration[^\n]*e\.g\. PT24H[^\n]*\(got "two days"[\s\S]*RECEIPT_CLOCK_SKEW must be PT0S to PT15M/,
    );
  }, 120_000);
});
