import { readFileSync } from 'node:fs';
import { DEFAULT_LEGAL_BASES_FILE, parseLegalBases } from '@vt/legal';
import { BONAIRE_CALENDAR, NL_CALENDAR, SABA_CALENDAR } from './calendars';
import { ClockDefinition, STATUTORY_CLOCKS, approachingAt, computeDeadline, workingDaysLeft } from './clocks';

const calendar = NL_CALENDAR;

describe('statutory clocks', () => {
  it('given the configured clocks, when their metadata is read, then each names its legal basis key, term and counting, and cites the nl basis in the European Netherlands', () => {
    expect(
      Object.values(STATUTORY_CLOCKS).map((c) => [c.id, c.amount, c.unit, c.counting, c.legalBasisKey, c.extension?.amountPerExtension]),
    ).toEqual([
      ['veiligheidsbeoordeling', 5, 'days', 'working-days', 'clock.veiligheidsbeoordeling', undefined],
      ['onderzoek', 10, 'weeks', 'calendar-term', 'clock.onderzoek', undefined],
      ['informeren-betrokkenen', 4, 'weeks', 'calendar-term', 'clock.informeren-betrokkenen', 2],
      ['vernietigingsverzoek', 3, 'months', 'calendar-term', 'clock.vernietigingsverzoek', undefined],
      ['tijdelijk-huisverbod', 10, 'days', 'calendar-term', 'clock.tijdelijk-huisverbod', undefined],
    ]);
    const start = new Date('2026-02-02T10:00:00+01:00');
    expect(Object.values(STATUTORY_CLOCKS).map((c) => [c.id, computeDeadline(c.id, start, { calendar }).legalBasis])).toEqual([
      ['veiligheidsbeoordeling', 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7'],
      ['onderzoek', 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7 lid 2'],
      ['informeren-betrokkenen', 'Wmo 2015 art. 5.3.1'],
      ['vernietigingsverzoek', 'Wmo 2015 art. 5.3.5'],
      ['tijdelijk-huisverbod', 'Wet tijdelijk huisverbod art. 2'],
    ]);
  });

  it('given a melding received on Thursday 2 April 2026, when the veiligheidsbeoordeling clock starts, then it is due at the end of Monday 13 April', () => {
    // Working days after Thu 2 Apr: 1 Tue 7, 2 Wed 8, 3 Thu 9, 4 Fri 10, 5 Mon 13 (Fri 3 and Mon 6 are holidays).
    const start = new Date('2026-04-02T10:00:00+02:00');
    expect(computeDeadline('veiligheidsbeoordeling', start, { calendar })).toEqual({
      clock: 'veiligheidsbeoordeling',
      calendar: 'nl',
      timeZone: 'Europe/Amsterdam',
      legalBasis: 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7',
      counting: 'working-days',
      amount: 5,
      unit: 'days',
      extensions: 0,
      startedAt: start,
      startLocalDate: '2026-04-02',
      nominalLocalDate: '2026-04-13',
      dueLocalDate: '2026-04-13',
      dueAt: new Date('2026-04-13T22:00:00Z'),
      adjustments: [],
      warnings: [],
    });
  });

  it('given configuration that counts the assessment in law-days, when the same melding is timed, then the Atw term of 5 days ends on Wednesday 8 April', () => {
    // Nominal 2 + 5 = Tue 7; art. 2: only Tue 7 in 3..7 → Wed 8.
    const deadline = computeDeadline('veiligheidsbeoordeling', new Date('2026-04-02T10:00:00+02:00'), { calendar, counting: 'calendar-term' });
    expect(deadline.counting).toBe('calendar-term');
    expect(deadline.nominalLocalDate).toBe('2026-04-07');
    expect(deadline.dueLocalDate).toBe('2026-04-08');
  });

  it('given a decision to investigate on Monday 2 March 2026, when the onderzoek clock starts, then 10 weeks end on Monday 11 May', () => {
    // 2 Mar + 70 days = Mon 11 May.
    expect(computeDeadline('onderzoek', new Date('2026-03-02T10:00:00+01:00'), { calendar }).dueLocalDate).toBe('2026-05-11');
  });

  it('given data recorded on Monday 2 February 2026, when informing the person is timed with 0 and 2 extensions, then 4 and 8 weeks are counted', () => {
    // 4 weeks: 2 Feb + 28 = Mon 2 Mar. 8 weeks (4 + 2·2): 2 Feb + 56 = Mon 30 Mar.
    const start = new Date('2026-02-02T10:00:00+01:00');
    expect(computeDeadline('informeren-betrokkenen', start, { calendar }).dueLocalDate).toBe('2026-03-02');
    const extended = computeDeadline('informeren-betrokkenen', start, { calendar, extensions: 2 });
    expect(extended).toMatchObject({ amount: 8, unit: 'weeks', extensions: 2, dueLocalDate: '2026-03-30' });
  });

  it('given a destruction request on Thursday 15 January 2026, when it is timed, then 3 months end on Wednesday 15 April', () => {
    expect(computeDeadline('vernietigingsverzoek', new Date('2026-01-15T10:00:00+01:00'), { calendar })).toMatchObject({
      dueLocalDate: '2026-04-15',
      legalBasis: 'Wmo 2015 art. 5.3.5',
    });
  });

  it('given a huisverbod imposed on Wednesday 22 April 2026, when its 10 days end on Saturday 2 May, then art. 1 carries it to Monday 4 May', () => {
    // 22 Apr + 10 = Sat 2 May → Sun 3 → Mon 4 (5 mei is the Tuesday after).
    const deadline = computeDeadline('tijdelijk-huisverbod', new Date('2026-04-22T18:00:00+02:00'), { calendar });
    expect(deadline.nominalLocalDate).toBe('2026-05-02');
    expect(deadline.dueLocalDate).toBe('2026-05-04');
    expect(deadline.warnings).toEqual([]);
  });

  it('given a huisverbod on Bonaire, when it is timed, then the deadline cites the island pilot as unconfirmed and warns that the law does not apply on the island', () => {
    const deadline = computeDeadline('tijdelijk-huisverbod', new Date('2026-04-22T18:00:00-04:00'), { calendar: BONAIRE_CALENDAR });
    expect(deadline.legalBasis).toBe('pilot tijdelijk huisverbod Caribisch Nederland (no statutory basis confirmed) [verify]');
    expect(deadline.warnings[0]).toBe('clock "tijdelijk-huisverbod": the Wet tijdelijk huisverbod does not apply in Bonaire; this deadline is indicative only');
    expect(deadline.warnings[1]).toMatch(/^legal basis clock\.tijdelijk-huisverbod for Caribisch Nederland is unconfirmed \[verify\]/);
  });

  it('given a melding late in 2028, when the assessment runs into 2029, then the deadline warns that no decree exists yet for 2029', () => {
    // D = Thu 28 Dec 2028: 1 Fri 29, (Mon 1 Jan) 2 Tue 2, 3 Wed 3, 4 Thu 4, 5 Fri 5 Jan 2029.
    const deadline = computeDeadline('veiligheidsbeoordeling', new Date('2028-12-28T16:00:00+01:00'), { calendar });
    expect(deadline.dueLocalDate).toBe('2029-01-05');
    expect(deadline.warnings).toEqual(['no decree equating days exists yet for 2029; equated days for that year are unknown']);
  });

  it('given impossible options, when a deadline is asked, then it refuses with a reason', () => {
    const start = new Date('2026-04-02T10:00:00+02:00');
    expect(() => computeDeadline('onderzoek', start, { calendar, extensions: 1 })).toThrow(/cannot be extended/);
    expect(() => computeDeadline('onderzoek', start, { calendar, counting: 'working-days' })).toThrow(/needs a term in days/);
    expect(() => computeDeadline('nope' as never, start, { calendar })).toThrow(/unknown clock/);
  });

  it('given a clock definition from other configuration, when a deadline is asked, then that definition is used', () => {
    const threeWorkingDays: ClockDefinition = { ...STATUTORY_CLOCKS.veiligheidsbeoordeling, amount: 3 };
    // 1 Tue 7, 2 Wed 8, 3 Thu 9.
    expect(computeDeadline(threeWorkingDays, new Date('2026-04-02T10:00:00+02:00'), { calendar }).dueLocalDate).toBe('2026-04-09');
  });
});

describe('statutory clocks on the islands: their own legal bases (plan: Islands; config/legal-bases.json)', () => {
  it('given a melding received on Bonaire on Tuesday 28 April 2026, just before Rincon Day, when the veiligheidsbeoordeling clock starts, then it cites the BES basis as unconfirmed and counts island working days', () => {
    // D = Tue 28 Apr. 1 Wed 29, Thu 30 Rincon Day, Fri 1 May Dag van de Arbeid, Sat 2, Sun 3, 2 Mon 4, 3 Tue 5 (5 May: an island working day), 4 Wed 6, 5 Thu 7.
    const deadline = computeDeadline('veiligheidsbeoordeling', new Date('2026-04-28T10:00:00-04:00'), { calendar: BONAIRE_CALENDAR });
    expect(deadline).toMatchObject({
      calendar: 'bq-bonaire',
      legalBasis: 'Besluit maatschappelijke ondersteuning en bestrijding huiselijk geweld en kindermishandeling BES (Stb. 2024, 342) [verify]',
      dueLocalDate: '2026-05-07',
      dueAt: new Date('2026-05-08T04:00:00Z'),
    });
    expect(deadline.warnings).toEqual([
      expect.stringMatching(/^legal basis clock\.veiligheidsbeoordeling for Caribisch Nederland is unconfirmed \[verify\]: Besluit maatschappelijke ondersteuning/),
      expect.stringMatching(/^Bonaire: public holidays of Bonaire \[verify\]/),
    ]);
    expect(JSON.stringify(deadline)).not.toContain('Wmo');
  });

  it('given data recorded on Saba, when informing is timed with an extension, then both the term\'s and the extension\'s bases are named as unconfirmed, with the term law\'s caveat', () => {
    // 4 + 2 weeks from Mon 2 Feb 2026 = Mon 16 Mar (no Atw day).
    const deadline = computeDeadline('informeren-betrokkenen', new Date('2026-02-02T10:00:00-04:00'), { calendar: SABA_CALENDAR, extensions: 1 });
    expect(deadline.dueLocalDate).toBe('2026-03-16');
    expect(deadline.legalBasis).toBe('Wet bescherming persoonsgegevens BES [verify]');
    expect(deadline.warnings).toEqual([
      expect.stringMatching(/^legal basis clock\.informeren-betrokkenen for Caribisch Nederland is unconfirmed \[verify\]/),
      expect.stringMatching(/^legal basis clock\.informeren-betrokkenen\.verlenging for Caribisch Nederland is unconfirmed \[verify\]/),
      expect.stringMatching(/^Saba: Algemene termijnenwet art\. 3 and the days equated by decree \[verify\]/),
    ]);
  });

  it('given legal bases passed in, when a deadline is computed, then their citation is used for the calendar\'s jurisdiction', () => {
    const doc = JSON.parse(readFileSync(DEFAULT_LEGAL_BASES_FILE, 'utf8')) as { jurisdictions: { bes: { bases: Record<string, Record<string, unknown>> } } };
    const entry = doc.jurisdictions.bes.bases['clock.onderzoek'] as Record<string, unknown>;
    entry['citation'] = 'Besluit X BES art. 9';
    delete entry['verify'];
    const deadline = computeDeadline('onderzoek', new Date('2026-03-02T10:00:00-04:00'), { calendar: BONAIRE_CALENDAR, legalBases: parseLegalBases(doc) });
    expect(deadline.legalBasis).toBe('Besluit X BES art. 9');
    expect(deadline.warnings.some((w) => w.startsWith('legal basis'))).toBe(false);
  });
});

describe('approachingAt', () => {
  const deadline = computeDeadline('veiligheidsbeoordeling', new Date('2026-04-02T10:00:00+02:00'), { calendar }); // due Mon 13 April

  it('given a deadline on Monday 13 April 2026, when 1 working day left is the lead time, then it approaches at the end of Friday 10 April', () => {
    // Working days back from the due day: Mon 13 (1), Fri 10 (2). Only 1 left from the end of Fri 10 = 00:00 CEST Sat 11.
    expect(approachingAt(deadline, { workingDaysLeft: 1 }).toISOString()).toBe('2026-04-10T22:00:00.000Z');
    // 2 left: from the end of Thu 9.
    expect(approachingAt(deadline, { workingDaysLeft: 2 }).toISOString()).toBe('2026-04-09T22:00:00.000Z');
    expect(approachingAt(deadline, { workingDaysLeft: 0 })).toEqual(deadline.dueAt);
  });

  it('given a deadline, when a duration is the lead time, then it approaches that long before the exclusive end', () => {
    expect(approachingAt(deadline, { durationMs: 24 * 3_600_000 }).toISOString()).toBe('2026-04-12T22:00:00.000Z');
  });

  it('given a Bonaire deadline on Monday 4 May 2026, when 1 working day left is the lead time, then the island holidays are skipped going back', () => {
    // Back from Mon 4 May: Mon 4 (1), Sun 3, Sat 2, Fri 1 Dag van de Arbeid, Thu 30 Rincon Day, Wed 29 (2): end of Wed 29 in UTC−4.
    const onBonaire = computeDeadline('veiligheidsbeoordeling', new Date('2026-04-30T02:00:00Z'), { calendar: BONAIRE_CALENDAR, counting: 'working-days' });
    expect(onBonaire.dueLocalDate).toBe('2026-05-08'); // D = Wed 29 Apr: 1 Mon 4, 2 Tue 5, 3 Wed 6, 4 Thu 7, 5 Fri 8
    const dueMonday = { dueAt: new Date('2026-05-05T04:00:00Z'), dueLocalDate: '2026-05-04', calendar: 'bq-bonaire' as const };
    expect(approachingAt(dueMonday, { workingDaysLeft: 1 }).toISOString()).toBe('2026-04-30T04:00:00.000Z');
  });
});

describe('workingDaysLeft', () => {
  // A melding received Thursday 2 April 2026 is due at the end of Monday 13 April (5 working days; DOMAIN.md
  // "Counting days": Goede Vrijdag and Tweede Paasdag are no working days). dueAt = 2026-04-13T22:00Z.
  const deadline = computeDeadline('veiligheidsbeoordeling', new Date('2026-04-02T10:00:00+02:00'), { calendar });

  it('given the day of receipt, when the working days left are counted, then day D counts as it is a working day and the due day counts (Thu 2, Tue 7 … Fri 10, Mon 13 = 6)', () => {
    // Thu 2 (working), Fri 3 Goede Vrijdag, Mon 6 Tweede Paasdag: no; Tue 7, Wed 8, Thu 9, Fri 10, Mon 13.
    expect(workingDaysLeft(deadline, new Date('2026-04-02T15:00:00+02:00'))).toBe(6);
  });

  it('given Friday before a Monday deadline, then 2 remain; over the weekend and on the Monday 1 remains (the count approachingAt uses)', () => {
    expect(workingDaysLeft(deadline, new Date('2026-04-10T09:00:00+02:00'))).toBe(2);
    expect(workingDaysLeft(deadline, new Date('2026-04-11T09:00:00+02:00'))).toBe(1);
    expect(workingDaysLeft(deadline, new Date('2026-04-13T23:59:00+02:00'))).toBe(1);
    // approachingAt with lead 1 is the moment from which 1 or fewer remain.
    const lead1 = approachingAt(deadline, { workingDaysLeft: 1 });
    expect(workingDaysLeft(deadline, new Date(lead1.getTime() - 1))).toBe(2);
    expect(workingDaysLeft(deadline, lead1)).toBe(1);
  });

  it('given the exclusive end dueAt or later, then none remain (breached)', () => {
    expect(workingDaysLeft(deadline, deadline.dueAt)).toBe(0);
    expect(workingDaysLeft(deadline, new Date('2026-04-20T09:00:00+02:00'))).toBe(0);
  });

  it('given the instant just before midnight UTC that is already the next day in Amsterdam, then it counts from the Amsterdam day', () => {
    // 2026-04-09T22:30Z is Friday 10 April 00:30 in Amsterdam: Fri 10 and Mon 13 remain.
    expect(workingDaysLeft(deadline, new Date('2026-04-09T22:30:00Z'))).toBe(2);
  });

  it('given a Bonaire deadline, then the island calendar and zone count (Rincon Day 30 April is no working day there)', () => {
    // Received Wed 29 Apr 2026 on Bonaire (D): Thu 30 Rincon Day, Fri 1 May Dag van de Arbeid, weekend; 1 Mon 4,
    // 2 Tue 5, 3 Wed 6, 4 Thu 7, 5 Fri 8. Left on the day of receipt: Wed 29, Mon 4, Tue 5, Wed 6, Thu 7, Fri 8 = 6;
    // on Rincon Day itself: 5.
    const island = computeDeadline('veiligheidsbeoordeling', new Date('2026-04-29T10:00:00-04:00'), { calendar: BONAIRE_CALENDAR });
    expect(island.dueLocalDate).toBe('2026-05-08');
    expect(workingDaysLeft(island, new Date('2026-04-29T12:00:00-04:00'))).toBe(6);
    expect(workingDaysLeft(island, new Date('2026-04-30T12:00:00-04:00'))).toBe(5);
  });
});
