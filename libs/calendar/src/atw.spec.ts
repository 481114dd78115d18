import { addDaysTerm, addMonths, addTerm, addWeeks } from './atw';
import { BONAIRE_CALENDAR, NL_CALENDAR } from './calendars';

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

describe('statutory terms on the islands [verify]', () => {
  it('given a 3-day term on Bonaire from Tuesday 28 April 2026, when it ends on Dag van de Arbeid, then art. 1 carries it to Monday 4 May', () => {
    // Nominal 28 + 3 = Fri 1 May (Dag van de Arbeid on Bonaire) → Sat 2, Sun 3 → Mon 4.
    // Art. 2: Wed 29 and Mon 4 (Thu 30 is Rincon Day) = 2: met.
    const due = addDaysTerm(BONAIRE_CALENDAR, new Date('2026-04-28T10:00:00-04:00'), 3);
    expect(due.dueLocalDate).toBe('2026-05-04');
    expect(due.dueAt.toISOString()).toBe('2026-05-05T04:00:00.000Z');
    // nl: Fri 1 May is a working day, so the nominal end stands.
    expect(addDaysTerm(NL_CALENDAR, new Date('2026-04-28T10:00:00+02:00'), 3).dueLocalDate).toBe('2026-05-01');
  });
});
