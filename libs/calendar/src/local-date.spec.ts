import { daysBetween, isLocalDate, plusDays, plusMonthsClamped, weekdayOf } from './local-date';

describe('local dates', () => {
  it('given real and impossible dates, when checked, then only real YYYY-MM-DD dates pass', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2026-4-1')).toBe(false);
    expect(() => plusDays('2026-13-01', 1)).toThrow(RangeError);
  });

  it('given a date, when days are added across month and year ends, then the calendar date follows', () => {
    expect(plusDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(plusDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(plusDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-14', '2027-01-11')).toBe(28);
  });

  it('given the 31st, when months are added, then the day is clamped to the end of a shorter month', () => {
    expect(plusMonthsClamped('2027-01-31', 1)).toBe('2027-02-28');
    expect(plusMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(plusMonthsClamped('2026-11-30', 3)).toBe('2027-02-28');
    expect(plusMonthsClamped('2026-01-15', 3)).toBe('2026-04-15');
    expect(plusMonthsClamped('2026-10-31', 14)).toBe('2027-12-31');
  });

  it('given known dates, when the weekday is asked, then Sunday is 0 and Saturday 6', () => {
    expect(weekdayOf('2026-04-05')).toBe(0); // Easter Sunday 2026
    expect(weekdayOf('2026-12-26')).toBe(6);
    expect(weekdayOf('2026-04-27')).toBe(1); // Koningsdag 2026, a Monday
  });
});
