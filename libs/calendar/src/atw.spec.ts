import { addDaysTerm, addMonths, addTerm, addWeeks } from './atw';
import { BONAIRE_CALENDAR, NL_CALENDAR, SABA_CALENDAR, SINT_EUSTATIUS_CALENDAR } from './calendars';

const nl = NL_CALENDAR;

describe('statutory terms under the Algemene termijnenwet (nl)', () => {
  it('given 4 weeks from Monday 14 December 2026, when counted, then the nominal Monday 11 January 2027 stands', () => {
    // 14 Dec + 28 days: + 17 = 31 Dec, + 11 = 11 Jan (Monday, a working day; period has many working days).
    const due = addTerm(nl, new Date('2026-12-14T10:00:00+01:00'), { amount: 4, unit: 'weeks' });
    expect(due.nominalLocalDate).toBe('2027-01-11');
    expect(due.dueLocalDate).toBe('2027-01-11');
    expect(due.adjustments).toEqual([]);
    expect(due.dueAt.toISOString()).toBe('2027-01-11T23:00:00.000Z'); // 00:00 CET of Tue 12 January
  });

  it('given 10 days from Friday 18 December 2026, when counted, then Monday 28 December is a working day and stands', () => {
    // 18 Dec + 10 = 28 Dec (Monday; not a holiday — Christmas was Fri 25 and Sat 26).
    const due = addDaysTerm(nl, new Date('2026-12-18T10:00:00+01:00'), 10);
    expect(due.dueLocalDate).toBe('2026-12-28');
    expect(due.adjustments).toEqual([]);
  });

  it('given a 3-day term from Wednesday 23 December 2026, when it ends on Saturday 26 December, then art. 1 carries it to Monday 28 and art. 2 is already met', () => {
    // Nominal 23 + 3 = Sat 26 (also Tweede Kerstdag) → art. 1: Sun 27 no, Mon 28 yes.
    // Art. 2: period Thu 24 .. Mon 28 holds Thu 24 and Mon 28 = 2 days: no extension.
    const due = addDaysTerm(nl, new Date('2026-12-23T10:00:00+01:00'), 3);
    expect(due.nominalLocalDate).toBe('2026-12-26');
    expect(due.dueLocalDate).toBe('2026-12-28');
    expect(due.adjustments).toEqual([{ article: 'Atw art. 1', from: '2026-12-26', to: '2026-12-28' }]);
  });

  it('given a 3-day term from Wednesday 13 May 2026 over Hemelvaart, when art. 1 gives Monday 18 May, then art. 2 extends it to Tuesday 19 May', () => {
    // Nominal 13 + 3 = Sat 16 → art. 1 → Mon 18.
    // Art. 2: period Thu 14 (Hemelvaartsdag), Fri 15 (equated), Sat 16, Sun 17, Mon 18 → only 1 day → extend to Tue 19 (2 days).
    const due = addDaysTerm(nl, new Date('2026-05-13T10:00:00+02:00'), 3);
    expect(due.nominalLocalDate).toBe('2026-05-16');
    expect(due.dueLocalDate).toBe('2026-05-19');
    expect(due.adjustments).toEqual([
      { article: 'Atw art. 1', from: '2026-05-16', to: '2026-05-18' },
      { article: 'Atw art. 2', from: '2026-05-18', to: '2026-05-19' },
    ]);
  });

  it('given a 2-day term from Wednesday 13 May 2026, when it ends on the equated Friday, then art. 1 applies but art. 2 does not (shorter than three days)', () => {
    // Nominal 13 + 2 = Fri 15 (equated) → art. 1 → Mon 18. Period 14..18 holds only Mon 18, but art. 2 needs a term of ≥ 3 days.
    const due = addDaysTerm(nl, new Date('2026-05-13T10:00:00+02:00'), 2);
    expect(due.dueLocalDate).toBe('2026-05-18');
    expect(due.adjustments).toEqual([{ article: 'Atw art. 1', from: '2026-05-15', to: '2026-05-18' }]);
  });

  it('given a 5-day term from Thursday 2 April 2026, when its nominal end Tuesday 7 April is a working day, then art. 2 alone extends it to Wednesday 8 April', () => {
    // Nominal 2 + 5 = Tue 7 (working day: art. 1 does nothing).
    // Art. 2: period Fri 3 (Goede Vrijdag), Sat 4, Sun 5, Mon 6 (Tweede Paasdag), Tue 7 → 1 day → Wed 8.
    const due = addDaysTerm(nl, new Date('2026-04-02T10:00:00+02:00'), 5);
    expect(due.dueLocalDate).toBe('2026-04-08');
    expect(due.adjustments).toEqual([{ article: 'Atw art. 2', from: '2026-04-07', to: '2026-04-08' }]);
  });

  it('given 10 weeks of onderzoek from Monday 2 March 2026, when counted, then Monday 11 May stands', () => {
    // 2 Mar + 70 days: + 29 = 31 Mar, + 30 = 30 Apr, + 11 = 11 May (Monday).
    expect(addWeeks(nl, new Date('2026-03-02T10:00:00+01:00'), 10).dueLocalDate).toBe('2026-05-11');
  });

  it('given 10 weeks of onderzoek from Thursday 5 March 2026, when it ends on Hemelvaartsdag, then art. 1 carries it past the equated Friday to Monday 18 May', () => {
    // 5 Mar + 70 days = Thu 14 May (Hemelvaartsdag) → Fri 15 equated, Sat 16, Sun 17 → Mon 18.
    const due = addWeeks(nl, new Date('2026-03-05T10:00:00+01:00'), 10);
    expect(due.nominalLocalDate).toBe('2026-05-14');
    expect(due.dueLocalDate).toBe('2026-05-18');
  });

  it('given 3 months from Thursday 15 January 2026, when counted, then the same day of the month, Wednesday 15 April, is due', () => {
    expect(addMonths(nl, new Date('2026-01-15T10:00:00+01:00'), 3).dueLocalDate).toBe('2026-04-15');
  });

  it('given 1 month from 31 January, when counted, then it is clamped to the end of February (and art. 1 applies when that is a Sunday)', () => {
    // 2028: 31 Jan + 1 month → 31 Feb → clamped to Tue 29 Feb (leap year), a working day.
    const leap = addMonths(nl, new Date('2028-01-31T10:00:00+01:00'), 1);
    expect(leap.nominalLocalDate).toBe('2028-02-29');
    expect(leap.dueLocalDate).toBe('2028-02-29');
    // 2027: 31 Jan + 1 month → clamped to Sun 28 Feb → art. 1 → Mon 1 March.
    const common = addMonths(nl, new Date('2027-01-31T10:00:00+01:00'), 1);
    expect(common.nominalLocalDate).toBe('2027-02-28');
    expect(common.dueLocalDate).toBe('2027-03-01');
  });

  it('given 3 months from Wednesday 15 November 2028, when the term ends in 2029, then it carries a warning that no decree exists yet for 2029', () => {
    // 15 Nov 2028 + 3 months = Thu 15 Feb 2029 (a working day as far as is known).
    const due = addMonths(nl, new Date('2028-11-15T10:00:00+01:00'), 3);
    expect(due.dueLocalDate).toBe('2029-02-15');
    expect(due.warnings).toEqual(['no decree equating days exists yet for 2029; equated days for that year are unknown']);
  });

  it('given a start late in the evening UTC, when the term is counted, then day D is the local date in Amsterdam', () => {
    // 2026-12-13T23:30Z = Mon 14 Dec 00:30 CET, so this is the 4-weeks case above: Mon 11 Jan 2027.
    expect(addWeeks(nl, new Date('2026-12-13T23:30:00Z'), 4).dueLocalDate).toBe('2027-01-11');
  });

  it('given an invalid amount, when a term is counted, then it refuses', () => {
    expect(() => addTerm(nl, new Date('2026-01-01T10:00:00Z'), { amount: -1, unit: 'days' })).toThrow(RangeError);
  });
});

describe('statutory terms on the islands: the term law\'s days, not the island holidays (plan: Islands) [verify]', () => {
  it('given a 3-day term on Bonaire from Tuesday 28 April 2026, when it ends on Dag van de Arbeid, then the end stands (rule: Dag van de Arbeid and Rincon Day are island holidays, not Atw days)', () => {
    // Nominal 28 + 3 = Fri 1 May: not a Saturday, Sunday or Atw day → art. 1 does nothing.
    // Art. 2: Wed 29, Thu 30 (Rincon Day counts: no Atw day) and Fri 1 → 3 days: met.
    const due = addDaysTerm(BONAIRE_CALENDAR, new Date('2026-04-28T10:00:00-04:00'), 3);
    expect(due.dueLocalDate).toBe('2026-05-01');
    expect(due.adjustments).toEqual([]);
    expect(due.dueAt.toISOString()).toBe('2026-05-02T04:00:00.000Z'); // 00:00 of Sat 2 May in UTC−4
    // nl: the same count, Fri 1 May is a working day there too.
    expect(addDaysTerm(NL_CALENDAR, new Date('2026-04-28T10:00:00+02:00'), 3).dueLocalDate).toBe('2026-05-01');
  });

  it('given a 3-day term on Bonaire from Saturday 2 May 2026, when it ends on 5 May, then art. 1 carries it to Wednesday 6 May (rule: 5 May is an Atw general holiday, art. 3 lid 1, though a working day on the island)', () => {
    // Nominal 2 + 3 = Tue 5 May (5 mei) → art. 1 → Wed 6. Art. 2: Sun 3, Mon 4, Tue 5, Wed 6 → Mon 4 and Wed 6 = 2: met.
    const due = addDaysTerm(BONAIRE_CALENDAR, new Date('2026-05-02T10:00:00-04:00'), 3);
    expect(due.nominalLocalDate).toBe('2026-05-05');
    expect(due.dueLocalDate).toBe('2026-05-06');
    expect(due.adjustments).toEqual([{ article: 'Atw art. 1', from: '2026-05-05', to: '2026-05-06' }]);
  });

  it('given a 3-day term on Sint Eustatius from Tuesday 31 March 2026, when it ends on Goede Vrijdag, then art. 1 carries it past Easter to Tuesday 7 April (rule: Goede Vrijdag, Atw art. 3 lid 2)', () => {
    // Nominal 31 Mar + 3 = Fri 3 Apr (Goede Vrijdag) → Sat 4, Sun 5, Mon 6 (Tweede Paasdag) → Tue 7.
    // Art. 2: Wed 1 and Thu 2 April = 2: met.
    const due = addDaysTerm(SINT_EUSTATIUS_CALENDAR, new Date('2026-03-31T10:00:00-04:00'), 3);
    expect(due.dueLocalDate).toBe('2026-04-07');
    expect(due.adjustments).toEqual([{ article: 'Atw art. 1', from: '2026-04-03', to: '2026-04-07' }]);
  });

  it('given a 3-day term on Bonaire from Monday 27 April 2026, when it ends on Rincon Day, then the end stands (rule: island-only holidays extend no term)', () => {
    // Nominal 27 + 3 = Thu 30 Apr (Rincon Day): no Atw day → stands. Art. 2: Tue 28, Wed 29, Thu 30: met.
    const due = addDaysTerm(BONAIRE_CALENDAR, new Date('2026-04-27T10:00:00-04:00'), 3);
    expect(due.dueLocalDate).toBe('2026-04-30');
    expect(due.adjustments).toEqual([]);
  });

  it('given a 4-day term on Bonaire from Thursday 2 September 2027, when it ends on Bonaire Day, then the end stands (rule: island-only holidays extend no term)', () => {
    // Nominal 2 + 4 = Mon 6 Sep (Dia di Boneiru): no Atw day → stands. Art. 2: Fri 3 and Mon 6 = 2: met.
    const due = addDaysTerm(BONAIRE_CALENDAR, new Date('2027-09-02T10:00:00-04:00'), 4);
    expect(due.dueLocalDate).toBe('2027-09-06');
    expect(due.adjustments).toEqual([]);
  });

  it('given a 4-day term on Sint Eustatius from Thursday 12 November 2026, when it ends on Statia Day, then the end stands (rule: island-only holidays extend no term)', () => {
    // Nominal 12 + 4 = Mon 16 Nov (Statia Day) → stands. Art. 2: Fri 13 and Mon 16 = 2: met.
    expect(addDaysTerm(SINT_EUSTATIUS_CALENDAR, new Date('2026-11-12T10:00:00-04:00'), 4).dueLocalDate).toBe('2026-11-16');
  });

  it('given a 3-day term on Saba from Tuesday 1 December 2026, when it ends on Saba Day, then the end stands (rule: island-only holidays extend no term)', () => {
    // Nominal 1 + 3 = Fri 4 Dec (Saba Day) → stands. Art. 2: Wed 2, Thu 3, Fri 4: met.
    expect(addDaysTerm(SABA_CALENDAR, new Date('2026-12-01T10:00:00-04:00'), 3).dueLocalDate).toBe('2026-12-04');
  });

  it('given a 3-day term on Bonaire from Tuesday 12 May 2026, when it ends on the equated Friday, then art. 1 carries it to Monday 18 May (rule: under the Atw its decrees apply too)', () => {
    // Nominal 12 + 3 = Fri 15 May (equated by decree) → Sat 16, Sun 17 → Mon 18.
    // Art. 2: Wed 13, Thu 14 (Hemelvaartsdag), Fri 15, Sat, Sun, Mon 18 → Wed 13 and Mon 18 = 2: met.
    const due = addDaysTerm(BONAIRE_CALENDAR, new Date('2026-05-12T10:00:00-04:00'), 3);
    expect(due.dueLocalDate).toBe('2026-05-18');
    expect(due.adjustments).toEqual([{ article: 'Atw art. 1', from: '2026-05-15', to: '2026-05-18' }]);
  });

  it('given an island term, when its warnings are read, then they say that the Atw\'s application is unconfirmed, not the island holiday caveat, and warn of a year without decree', () => {
    const due = addMonths(BONAIRE_CALENDAR, new Date('2028-11-15T10:00:00-04:00'), 3); // Thu 15 Feb 2029
    expect(due.dueLocalDate).toBe('2029-02-15');
    expect(due.warnings).toEqual([
      expect.stringMatching(/^Bonaire: Algemene termijnenwet art\. 3 and the days equated by decree \[verify\]: whether the Algemene termijnenwet and its equating decrees apply in Caribisch Nederland is not confirmed/),
      'no decree equating days exists yet for 2029; equated days for that year are unknown',
    ]);
    expect(due.warnings.join(' ')).not.toContain('public holidays of Bonaire');
  });
});
