import { easterSunday } from './easter';

describe('Easter Sunday (anonymous Gregorian algorithm)', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    // The extremes of the Gregorian cycle: earliest possible (22 March) and latest possible (25 April).
    [2285, '2285-03-22'],
    [2038, '2038-04-25'],
  ])('given the year %i, when Easter is computed, then it falls on %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('given a year before the Gregorian calendar, when Easter is computed, then it refuses', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
  });
});
