import { localDateOf, startOfLocalDay } from './calendar';
import { BONAIRE_CALENDAR, NL_CALENDAR, SABA_CALENDAR, SINT_EUSTATIUS_CALENDAR } from './calendars';
import { addWorkingDays } from './working-days';

const nl = NL_CALENDAR;

describe('addWorkingDays (nl)', () => {
  it('given a melding received on Thursday before Easter 2026, when 5 working days are added, then it is due at the end of Monday 13 April', () => {
    // D = Thu 2 Apr. Fri 3 Goede Vrijdag, Sat 4, Sun 5, Mon 6 Tweede Paasdag: none count.
    // 1 Tue 7, 2 Wed 8, 3 Thu 9, 4 Fri 10, 5 Mon 13.
    const due = addWorkingDays(nl, new Date('2026-04-02T10:00:00+02:00'), 5);
    expect(due.startLocalDate).toBe('2026-04-02');
    expect(due.dueLocalDate).toBe('2026-04-13');
    // Exclusive end: local 00:00 of Tue 14 April (CEST, UTC+2).
    expect(due.dueAt.toISOString()).toBe('2026-04-13T22:00:00.000Z');
    expect(due.warnings).toEqual([]);
  });

  it('given receipt on a Saturday, when 1 working day is added, then day D does not count and Monday is due', () => {
    // D = Sat 11 Apr 2026 (not a working day, and D never counts anyway). 1 Mon 13.
    expect(addWorkingDays(nl, new Date('2026-04-11T09:00:00+02:00'), 1).dueLocalDate).toBe('2026-04-13');
  });

  it('given receipt on a working day, when 0 working days are added, then it is due at the end of that day', () => {
    expect(addWorkingDays(nl, new Date('2026-04-02T10:00:00+02:00'), 0).dueLocalDate).toBe('2026-04-02');
  });

  it('given receipt on Friday before Koningsdag 2026 (Monday 27 April), when 1 working day is added, then Tuesday 28 April is due', () => {
    // D = Fri 24 Apr. Sat 25, Sun 26, Mon 27 Koningsdag. 1 Tue 28.
    expect(addWorkingDays(nl, new Date('2026-04-24T12:00:00+02:00'), 1).dueLocalDate).toBe('2026-04-28');
  });

  it('given receipt on Thursday 30 April 2026, when 5 working days are added, then 5 mei (a Tuesday) is skipped', () => {
    // D = Thu 30 Apr. 1 Fri 1 May (no holiday in nl), Sat 2, Sun 3, 2 Mon 4, Tue 5 5 mei, 3 Wed 6, 4 Thu 7, 5 Fri 8.
    expect(addWorkingDays(nl, new Date('2026-04-30T12:00:00+02:00'), 5).dueLocalDate).toBe('2026-05-08');
  });

  it('given receipt on Friday 25 April 2025, when 1 working day is added, then Monday 28 April is due (Koningsdag fell on Saturday 26)', () => {
    // D = Fri 25 Apr 2025. Sat 26 Koningsdag (27th is a Sunday), Sun 27. 1 Mon 28.
    expect(addWorkingDays(nl, new Date('2025-04-25T12:00:00+02:00'), 1).dueLocalDate).toBe('2025-04-28');
  });

  it('given receipt on Wednesday 23 December 2026, when 5 working days are added, then Christmas is skipped and Thursday 31 December is due', () => {
    // D = Wed 23 Dec. 1 Thu 24, Fri 25 Eerste Kerstdag, Sat 26 Tweede Kerstdag, Sun 27, 2 Mon 28, 3 Tue 29, 4 Wed 30, 5 Thu 31.
    expect(addWorkingDays(nl, new Date('2026-12-23T12:00:00+01:00'), 5).dueLocalDate).toBe('2026-12-31');
  });

  it('given receipt on Monday 28 December 2026, when 5 working days are added, then Nieuwjaarsdag 2027 is skipped', () => {
    // D = Mon 28 Dec. 1 Tue 29, 2 Wed 30, 3 Thu 31, Fri 1 Jan Nieuwjaarsdag, Sat 2, Sun 3, 4 Mon 4, 5 Tue 5.
    expect(addWorkingDays(nl, new Date('2026-12-28T12:00:00+01:00'), 5).dueLocalDate).toBe('2027-01-05');
  });

  it('given receipt on Tuesday 30 December 2025, when 3 working days are added, then Nieuwjaarsdag and the equated Friday 2 January 2026 are skipped', () => {
    // D = Tue 30 Dec. 1 Wed 31, Thu 1 Jan Nieuwjaarsdag, Fri 2 Jan equated, Sat 3, Sun 4, 2 Mon 5, 3 Tue 6.
    expect(addWorkingDays(nl, new Date('2025-12-30T12:00:00+01:00'), 3).dueLocalDate).toBe('2026-01-06');
  });

  it('given receipt on Wednesday 13 May 2026, when 2 working days are added, then Hemelvaartsdag and the equated Friday are skipped', () => {
    // D = Wed 13 May. Thu 14 Hemelvaartsdag, Fri 15 equated, Sat 16, Sun 17, 1 Mon 18, 2 Tue 19.
    expect(addWorkingDays(nl, new Date('2026-05-13T12:00:00+02:00'), 2).dueLocalDate).toBe('2026-05-19');
  });

  it('given receipt on Wednesday 13 May 2026, when 6 working days are added, then Tweede Pinksterdag is skipped too', () => {
    // 1 Mon 18, 2 Tue 19, 3 Wed 20, 4 Thu 21, 5 Fri 22, Sat 23, Sun 24, Mon 25 Tweede Pinksterdag, 6 Tue 26.
    expect(addWorkingDays(nl, new Date('2026-05-13T12:00:00+02:00'), 6).dueLocalDate).toBe('2026-05-26');
  });

  it('given a melding late on 28 December 2028, when 5 working days are added, then it is due in 2029 with a warning that no decree exists yet', () => {
    // D = Thu 28 Dec 2028. 1 Fri 29, Sat 30, Sun 31, Mon 1 Jan Nieuwjaarsdag, 2 Tue 2, 3 Wed 3, 4 Thu 4, 5 Fri 5.
    const due = addWorkingDays(nl, new Date('2028-12-28T16:00:00+01:00'), 5);
    expect(due.dueLocalDate).toBe('2029-01-05');
    expect(due.warnings).toEqual(['no decree equating days exists yet for 2029; equated days for that year are unknown']);
  });

  it('given a negative or fractional count, when working days are added, then it refuses', () => {
    expect(() => addWorkingDays(nl, new Date('2026-04-02T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(nl, new Date('2026-04-02T10:00:00Z'), 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(nl, new Date('not a date'), 1)).toThrow(RangeError);
  });
});

describe('day boundaries in the calendar time zone', () => {
  it('given the instant 2026-04-02T23:30:00Z, when placed in Amsterdam (UTC+2 in April), then it is already Friday 3 April', () => {
    const instant = new Date('2026-04-02T23:30:00Z');
    expect(localDateOf(nl, instant)).toBe('2026-04-03');
    // D = Fri 3 Apr (Goede Vrijdag). 1 Tue 7, 2 Wed 8, 3 Thu 9, 4 Fri 10, 5 Mon 13: the same day as from Thursday.
    expect(addWorkingDays(nl, instant, 5).dueLocalDate).toBe('2026-04-13');
  });

  it('given receipts just before and at local midnight between Thursday 9 and Friday 10 April 2026, when 5 working days are added, then they fall a working day apart', () => {
    // 21:59:59.999Z = Thu 23:59:59.999 CEST: D = Thu 9. 1 Fri 10, 2 Mon 13, 3 Tue 14, 4 Wed 15, 5 Thu 16.
    expect(addWorkingDays(nl, new Date('2026-04-09T21:59:59.999Z'), 5).dueLocalDate).toBe('2026-04-16');
    // 22:00:00Z = Fri 00:00 CEST: D = Fri 10. 1 Mon 13, 2 Tue 14, 3 Wed 15, 4 Thu 16, 5 Fri 17.
    expect(addWorkingDays(nl, new Date('2026-04-09T22:00:00Z'), 5).dueLocalDate).toBe('2026-04-17');
  });

  it('given deadlines around the change to and from summer time, when their exclusive end is computed, then local midnight is used on either side', () => {
    // D = Mon 16 Mar. 1 Tue 17 .. 4 Fri 20: ends at 00:00 CET of Sat 21 March = 23:00Z on the 20th.
    expect(addWorkingDays(nl, new Date('2026-03-16T12:00:00+01:00'), 4).dueAt.toISOString()).toBe('2026-03-20T23:00:00.000Z');
    // D = Mon 23 Mar. 1 Tue 24, 2 Wed 25, 3 Thu 26, 4 Fri 27, 5 Mon 30 (summer time from Sun 29): 00:00 CEST of Tue 31 = 22:00Z on the 30th.
    expect(addWorkingDays(nl, new Date('2026-03-23T12:00:00+01:00'), 5).dueAt.toISOString()).toBe('2026-03-30T22:00:00.000Z');
    // D = Mon 19 Oct. 1 Tue 20 .. 4 Fri 23, 5 Mon 26 (winter time from Sun 25): 00:00 CET of Tue 27 = 23:00Z on the 26th.
    expect(addWorkingDays(nl, new Date('2026-10-19T12:00:00+02:00'), 5).dueAt.toISOString()).toBe('2026-10-26T23:00:00.000Z');
  });

  it('given the days of the clock changes, when their local midnight is asked, then the offset before the change applies', () => {
    expect(startOfLocalDay(nl, '2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay(nl, '2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfLocalDay(nl, '2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfLocalDay(nl, '2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(startOfLocalDay(BONAIRE_CALENDAR, '2026-07-01').toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });
});

describe('addWorkingDays on the islands (UTC−4) [verify]', () => {
  it('given the instant 2026-04-30T02:00:00Z, when placed on Bonaire, then it is still Wednesday 29 April there and Thursday 30 April in Amsterdam', () => {
    const instant = new Date('2026-04-30T02:00:00Z');
    expect(localDateOf(BONAIRE_CALENDAR, instant)).toBe('2026-04-29'); // 22:00 local
    expect(localDateOf(NL_CALENDAR, instant)).toBe('2026-04-30'); // 04:00 local
  });

  it('given a melding on Bonaire on Wednesday 29 April 2026 (local), when 1 working day is added, then Rincon Day and Dag van de Arbeid are skipped', () => {
    // D = Wed 29 Apr (Bonaire). Thu 30 Rincon Day, Fri 1 May Dag van de Arbeid, Sat 2, Sun 3, 1 Mon 4.
    const due = addWorkingDays(BONAIRE_CALENDAR, new Date('2026-04-30T02:00:00Z'), 1);
    expect(due.dueLocalDate).toBe('2026-05-04');
    // Exclusive end: 00:00 of Tue 5 May in UTC−4.
    expect(due.dueAt.toISOString()).toBe('2026-05-05T04:00:00.000Z');
    // Only the working-day list's caveat: the term law (and its decrees) plays no part in a working-day count.
    expect(due.warnings).toHaveLength(1);
    expect(due.warnings[0]).toContain('Bonaire: public holidays of Bonaire [verify]');
    // The same instant in nl: D = Thu 30 Apr. 1 Fri 1 May.
    expect(addWorkingDays(NL_CALENDAR, new Date('2026-04-30T02:00:00Z'), 1).dueLocalDate).toBe('2026-05-01');
  });

  it('given a melding on Bonaire on Tuesday 28 April 2026, just before Rincon Day, when 5 working days are added, then Rincon Day and Dag van de Arbeid do not count but 5 May does (rule: island working days are the island\'s public holidays, plan: Islands)', () => {
    // D = Tue 28 Apr. 1 Wed 29, Thu 30 Rincon Day, Fri 1 May Dag van de Arbeid, Sat 2, Sun 3, 2 Mon 4, 3 Tue 5 (5 May: no island holiday), 4 Wed 6, 5 Thu 7.
    const due = addWorkingDays(BONAIRE_CALENDAR, new Date('2026-04-28T10:00:00-04:00'), 5);
    expect(due.dueLocalDate).toBe('2026-05-07');
    expect(due.dueAt.toISOString()).toBe('2026-05-08T04:00:00.000Z'); // 00:00 of Fri 8 May in UTC−4
    // nl, same days: 1 Wed 29, 2 Thu 30, 3 Fri 1 May, 4 Mon 4, Tue 5 mei, 5 Wed 6.
    expect(addWorkingDays(NL_CALENDAR, new Date('2026-04-28T10:00:00+02:00'), 5).dueLocalDate).toBe('2026-05-06');
  });

  it('given a melding on Saba on Friday 22 May 2026, when 1 working day is added, then Tweede Pinksterdag (Monday 25) counts as a working day there (rule: it is no island public holiday)', () => {
    // D = Fri 22 May. Sat 23, Sun 24, 1 Mon 25. nl: Mon 25 Tweede Pinksterdag, 1 Tue 26.
    expect(addWorkingDays(SABA_CALENDAR, new Date('2026-05-22T12:00:00-04:00'), 1).dueLocalDate).toBe('2026-05-25');
    expect(addWorkingDays(NL_CALENDAR, new Date('2026-05-22T12:00:00+02:00'), 1).dueLocalDate).toBe('2026-05-26');
  });

  it('given a melding on Sint Eustatius on Friday 13 November 2026, when 1 working day is added, then Statia Day (Monday 16) is skipped', () => {
    // D = Fri 13 Nov. Sat 14, Sun 15, Mon 16 Statia Day, 1 Tue 17.
    expect(addWorkingDays(SINT_EUSTATIUS_CALENDAR, new Date('2026-11-13T12:00:00-04:00'), 1).dueLocalDate).toBe('2026-11-17');
    // nl: 1 Mon 16.
    expect(addWorkingDays(NL_CALENDAR, new Date('2026-11-13T12:00:00+01:00'), 1).dueLocalDate).toBe('2026-11-16');
  });

  it('given a melding on Sint Eustatius on Tuesday 30 June 2026, when 1 working day is added, then Emancipation Day (Wednesday 1 July) is skipped', () => {
    // D = Tue 30 Jun. Wed 1 Jul Emancipation Day, 1 Thu 2.
    expect(addWorkingDays(SINT_EUSTATIUS_CALENDAR, new Date('2026-06-30T12:00:00-04:00'), 1).dueLocalDate).toBe('2026-07-02');
  });

  it('given a melding on Saba on Thursday 3 December 2026, when 1 working day is added, then Saba Day (Friday 4) is skipped', () => {
    // D = Thu 3 Dec. Fri 4 Saba Day, Sat 5, Sun 6, 1 Mon 7.
    expect(addWorkingDays(SABA_CALENDAR, new Date('2026-12-03T12:00:00-04:00'), 1).dueLocalDate).toBe('2026-12-07');
  });

  it('given a melding on Bonaire on Friday 3 September 2027, when 1 working day is added, then Bonaire Day (Monday 6) is skipped', () => {
    // D = Fri 3 Sep. Sat 4, Sun 5, Mon 6 Dia di Boneiru, 1 Tue 7.
    expect(addWorkingDays(BONAIRE_CALENDAR, new Date('2027-09-03T12:00:00-04:00'), 1).dueLocalDate).toBe('2027-09-07');
  });

  it('given a melding on Bonaire late on 28 December 2028, when it runs into 2029, then no decree warning is given (the island working-day list takes no equated days) but its caveat is', () => {
    const due = addWorkingDays(BONAIRE_CALENDAR, new Date('2028-12-28T16:00:00-04:00'), 5);
    expect(due.warnings.some((w) => w.includes('decree equating days exists yet'))).toBe(false);
    expect(due.warnings.some((w) => w.includes('[verify]'))).toBe(true);
  });
});
