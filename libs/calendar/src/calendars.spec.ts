import { Calendar, holidaysIn, holidaysOn, isTermDay, isWorkingDay, termExtendingDaysIn } from './calendar';
import { BONAIRE_CALENDAR, CALENDARS, NL_CALENDAR, NL_EQUATING_DECREES, SABA_CALENDAR, SINT_EUSTATIUS_CALENDAR, calendarById, calendarFor } from './calendars';
import { isWeekend, yearOf } from './local-date';

const datesAndIds = (calendar: Calendar, year: number): [string, string][] => holidaysIn(calendar, year).map((h) => [h.date, h.id]);

describe('the nl calendar (Atw art. 3)', () => {
  it('given 2026, when its holidays are listed, then each rule and the equated days of the decree fall where counted by hand', () => {
    // Easter 2026 = Sun 5 April: Goede Vrijdag −2 = 3 April, Tweede Paasdag +1 = 6 April,
    // Hemelvaartsdag +39 = 14 May (5 Apr + 25 = 30 Apr, + 14 = 14 May), Tweede Pinksterdag +50 = 25 May.
    // 27 April 2026 is a Monday, so Koningsdag stays on the 27th.
    expect(datesAndIds(NL_CALENDAR, 2026)).toEqual([
      ['2026-01-01', 'nieuwjaarsdag'],
      ['2026-01-02', 'equated-2026-01-02'],
      ['2026-04-03', 'goede-vrijdag'],
      ['2026-04-06', 'tweede-paasdag'],
      ['2026-04-27', 'koningsdag'],
      ['2026-05-05', 'bevrijdingsdag'],
      ['2026-05-14', 'hemelvaartsdag'],
      ['2026-05-15', 'equated-2026-05-15'],
      ['2026-05-25', 'tweede-pinksterdag'],
      ['2026-12-25', 'eerste-kerstdag'],
      ['2026-12-26', 'tweede-kerstdag'],
    ]);
  });

  it('given 2027, when its holidays are listed, then each rule falls where counted by hand', () => {
    // Easter 2027 = Sun 28 March: Goede Vrijdag 26 March, Tweede Paasdag 29 March,
    // Hemelvaartsdag +39 = 6 May (28 Mar + 3 = 31 Mar, + 30 = 30 Apr, + 6 = 6 May), Tweede Pinksterdag +50 = 17 May.
    // 27 April 2027 is a Tuesday. Christmas falls on Saturday 25 and Sunday 26 December.
    expect(datesAndIds(NL_CALENDAR, 2027)).toEqual([
      ['2027-01-01', 'nieuwjaarsdag'],
      ['2027-03-26', 'goede-vrijdag'],
      ['2027-03-29', 'tweede-paasdag'],
      ['2027-04-27', 'koningsdag'],
      ['2027-05-05', 'bevrijdingsdag'],
      ['2027-05-06', 'hemelvaartsdag'],
      ['2027-05-07', 'equated-2027-05-07'],
      ['2027-05-17', 'tweede-pinksterdag'],
      ['2027-12-25', 'eerste-kerstdag'],
      ['2027-12-26', 'tweede-kerstdag'],
    ]);
  });

  it.each([
    [2025, '2025-04-26'], // 27 April 2025 is a Sunday → Saturday 26 April
    [2014, '2014-04-26'], // 27 April 2014 was a Sunday too
    [2026, '2026-04-27'], // Monday
    [2028, '2028-04-27'], // Thursday (and Friday 28 April 2028 is equated by decree)
  ])('given %i, when Koningsdag is placed, then it is %s', (year, expected) => {
    expect(holidaysIn(NL_CALENDAR, year).filter((h) => h.id === 'koningsdag').map((h) => h.date)).toEqual([expected]);
  });

  it('given 5 May in a year that is not a lustrum, when checked, then it is still a general holiday (the Atw names it every year)', () => {
    expect(holidaysOn(NL_CALENDAR, '2027-05-05').map((h) => h.id)).toEqual(['bevrijdingsdag']);
    expect(isWorkingDay(NL_CALENDAR, '2027-05-05')).toBe(false);
  });

  it('given Dag van de Arbeid, when checked on the nl calendar, then 1 May is an ordinary working day', () => {
    expect(isWorkingDay(NL_CALENDAR, '2026-05-01')).toBe(true);
  });

  it('given each holiday, when it is listed, then it names its legal basis', () => {
    const byId = new Map(holidaysIn(NL_CALENDAR, 2026).map((h) => [h.id, h]));
    expect(byId.get('goede-vrijdag')?.basis).toBe('Atw art. 3 lid 2');
    expect(byId.get('koningsdag')?.basis).toBe('Atw art. 3 lid 1');
    expect(byId.get('equated-2026-05-15')).toMatchObject({ source: 'decree', name: 'vrijdag na Hemelvaartsdag' });
  });

  it('given the decrees, when their configuration is checked, then each equated day is a weekday that is no general holiday and lies in the years its decree covers', () => {
    const covered: number[] = [];
    for (const decree of NL_EQUATING_DECREES) {
      for (let y = decree.coversYears.from; y <= decree.coversYears.to; y++) covered.push(y);
      for (const day of decree.days) {
        expect(isWeekend(day.date)).toBe(false);
        expect(holidaysOn(NL_CALENDAR, day.date).filter((h) => h.source === 'rule')).toEqual([]);
        expect(yearOf(day.date)).toBeGreaterThanOrEqual(decree.coversYears.from);
        expect(yearOf(day.date)).toBeLessThanOrEqual(decree.coversYears.to);
      }
    }
    expect(covered).toEqual([2023, 2024, 2025, 2026, 2027, 2028]);
    expect(NL_EQUATING_DECREES.flatMap((d) => d.days.map((day) => day.date))).toEqual([
      '2023-04-28',
      '2023-05-19',
      '2024-05-10',
      '2024-12-27',
      '2025-05-30',
      '2026-01-02',
      '2026-05-15',
      '2027-05-07',
      '2028-04-28',
      '2028-05-26',
    ]);
  });

  it('given a working day, a weekend day, a holiday and an equated day, when checked, then only the first is a working day', () => {
    expect(isWorkingDay(NL_CALENDAR, '2026-04-02')).toBe(true); // Thursday before Easter
    expect(isWorkingDay(NL_CALENDAR, '2026-04-04')).toBe(false); // Saturday
    expect(isWorkingDay(NL_CALENDAR, '2026-04-03')).toBe(false); // Goede Vrijdag
    expect(isWorkingDay(NL_CALENDAR, '2026-01-02')).toBe(false); // equated by decree
  });
});

describe('the island calendars (Caribisch Nederland) [verify]', () => {
  it('given Bonaire 2026, when its own days are listed, then Rincon Day is Thursday 30 April and Bonaire Day 6 September', () => {
    expect(holidaysOn(BONAIRE_CALENDAR, '2026-04-30').map((h) => h.id)).toEqual(['rincon-day']);
    expect(holidaysOn(BONAIRE_CALENDAR, '2026-09-06').map((h) => h.id)).toEqual(['bonaire-day']);
    expect(isWorkingDay(BONAIRE_CALENDAR, '2026-04-30')).toBe(false);
    expect(isWorkingDay(NL_CALENDAR, '2026-04-30')).toBe(true);
  });

  it.each([
    [2026, '2026-12-04'], // 1 December 2026 is a Tuesday → first Friday is the 4th
    [2027, '2027-12-03'], // 1 December 2027 is a Wednesday → first Friday is the 3rd
  ])('given Saba in %i, when Saba Day is placed, then it is the first Friday of December, %s', (year, expected) => {
    expect(holidaysIn(SABA_CALENDAR, year).filter((h) => h.id === 'saba-day').map((h) => h.date)).toEqual([expected]);
  });

  it('given Sint Eustatius 2026, when its own days are listed, then Emancipation Day is 1 July and Statia Day 16 November', () => {
    expect(holidaysOn(SINT_EUSTATIUS_CALENDAR, '2026-07-01').map((h) => h.id)).toEqual(['emancipation-day']);
    expect(holidaysOn(SINT_EUSTATIUS_CALENDAR, '2026-11-16').map((h) => h.id)).toEqual(['statia-day']);
  });

  it('given the dated island holidays, when a year before their introduction is listed, then they are not there (Rincon Day from 2020; Emancipation Day on Sint Eustatius from 2022)', () => {
    expect(holidaysOn(BONAIRE_CALENDAR, '2019-04-30')).toEqual([]); // Tuesday: a working day before 2020
    expect(holidaysOn(BONAIRE_CALENDAR, '2020-04-30').map((h) => h.id)).toEqual(['rincon-day']);
    expect(isWorkingDay(SINT_EUSTATIUS_CALENDAR, '2021-07-01')).toBe(true); // Thursday, the gedoogd year
    expect(holidaysOn(SINT_EUSTATIUS_CALENDAR, '2022-07-01').map((h) => h.id)).toEqual(['emancipation-day']); // Friday
  });

  it('given Dag van de Arbeid on a Sunday, when it is placed, then the islands keep it on the Monday after (Arbeidswet 2000 BES art. 23 lid 2, as the RCN announced for 2022)', () => {
    // 1 May 2022 was a Sunday → Monday 2 May. 1 May 2027 is a Saturday: it stays there (only a Sunday moves).
    for (const island of [BONAIRE_CALENDAR, SABA_CALENDAR, SINT_EUSTATIUS_CALENDAR]) {
      expect(holidaysIn(island, 2022).filter((h) => h.id === 'dag-van-de-arbeid').map((h) => h.date)).toEqual(['2022-05-02']);
      expect(holidaysIn(island, 2027).filter((h) => h.id === 'dag-van-de-arbeid').map((h) => h.date)).toEqual(['2027-05-01']);
    }
  });

  it('given the islands, when the shared days are checked, then Dag van de Arbeid is a holiday and 5 May, Tweede Pinksterdag and the nl equated days are working days', () => {
    for (const island of [BONAIRE_CALENDAR, SABA_CALENDAR, SINT_EUSTATIUS_CALENDAR]) {
      expect(island.timeZone).toBe('America/Kralendijk');
      expect(island.jurisdiction).toBe('bes');
      expect(isWorkingDay(island, '2026-05-01')).toBe(false); // Dag van de Arbeid (Friday)
      expect(isWorkingDay(island, '2026-04-03')).toBe(false); // Goede Vrijdag
      expect(isWorkingDay(island, '2026-05-05')).toBe(true); // 5 May is no island holiday
      expect(isWorkingDay(island, '2026-05-25')).toBe(true); // Tweede Pinksterdag is no island holiday
      expect(isWorkingDay(island, '2026-05-15')).toBe(true); // the decree's equated day is not an island holiday
      expect(island.workingDayHolidays.equatingDecrees).toBeNull();
      expect(island.workingDayHolidays.verify).toMatch(/Carnival Monday/);
      expect(island.workingDayHolidays.source).not.toBe('');
    }
    // The islands' own days belong to their island only.
    expect(isWorkingDay(SABA_CALENDAR, '2026-04-30')).toBe(true);
    expect(isWorkingDay(BONAIRE_CALENDAR, '2026-11-16')).toBe(true);
  });
});

describe('two lists per calendar: days that extend a statutory term, and days that are no working days (plan: Islands; DOMAIN.md: Counting days)', () => {
  it('given Bonaire 2026, when both lists are listed, then the term list is the Atw list with its equated days and the working-day list is the island\'s public holidays', () => {
    // Term list (a): Atw art. 3 lid 1 + Goede Vrijdag (lid 2) + the 2026 decree, exactly as nl, in the island's own dates.
    expect(termExtendingDaysIn(BONAIRE_CALENDAR, 2026).map((h) => [h.date, h.id])).toEqual(termExtendingDaysIn(NL_CALENDAR, 2026).map((h) => [h.date, h.id]));
    expect(termExtendingDaysIn(BONAIRE_CALENDAR, 2026).map((h) => h.date)).toEqual([
      '2026-01-01', // Nieuwjaarsdag
      '2026-01-02', // equated by decree
      '2026-04-03', // Goede Vrijdag
      '2026-04-06', // Tweede Paasdag
      '2026-04-27', // Koningsdag (Monday)
      '2026-05-05', // 5 mei
      '2026-05-14', // Hemelvaartsdag
      '2026-05-15', // equated by decree
      '2026-05-25', // Tweede Pinksterdag
      '2026-12-25',
      '2026-12-26',
    ]);
    // Working-day list (b): the island's public holidays. Easter 2026 = 5 April → Goede Vrijdag 3 April, Tweede Paasdag 6 April,
    // Hemelvaartsdag 14 May. 1 May 2026 is a Friday (no Sunday shift); 6 September 2026 is a Sunday.
    expect(datesAndIds(BONAIRE_CALENDAR, 2026)).toEqual([
      ['2026-01-01', 'nieuwjaarsdag'],
      ['2026-04-03', 'goede-vrijdag'],
      ['2026-04-06', 'tweede-paasdag'],
      ['2026-04-27', 'koningsdag'],
      ['2026-04-30', 'rincon-day'],
      ['2026-05-01', 'dag-van-de-arbeid'],
      ['2026-05-14', 'hemelvaartsdag'],
      ['2026-09-06', 'bonaire-day'],
      ['2026-12-25', 'eerste-kerstdag'],
      ['2026-12-26', 'tweede-kerstdag'],
    ]);
  });

  it('given Sint Eustatius and Saba 2026, when their working-day lists are listed, then each has its own days and none of the other islands\'', () => {
    expect(datesAndIds(SINT_EUSTATIUS_CALENDAR, 2026).map(([date]) => date)).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-04-27', '2026-05-01', '2026-05-14',
      '2026-07-01', // Emancipation Day (Wednesday)
      '2026-11-16', // Statia Day (Monday)
      '2026-12-25', '2026-12-26',
    ]);
    expect(datesAndIds(SABA_CALENDAR, 2026).map(([date]) => date)).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-04-27', '2026-05-01', '2026-05-14',
      '2026-12-04', // Saba Day, first Friday of December
      '2026-12-25', '2026-12-26',
    ]);
  });

  it('given an island holiday, when checked against the term law, then it extends no term but is no working day; 5 May is the other way round', () => {
    for (const [island, date] of [
      [BONAIRE_CALENDAR, '2026-04-30'], // Rincon Day (Thursday)
      [BONAIRE_CALENDAR, '2027-09-06'], // Bonaire Day (Monday)
      [SINT_EUSTATIUS_CALENDAR, '2026-11-16'], // Statia Day (Monday)
      [SINT_EUSTATIUS_CALENDAR, '2026-07-01'], // Emancipation Day (Wednesday)
      [SABA_CALENDAR, '2026-12-04'], // Saba Day (Friday)
      [BONAIRE_CALENDAR, '2026-05-01'], // Dag van de Arbeid (Friday) is no Atw holiday either
    ] as const) {
      expect(isTermDay(island, date)).toBe(true);
      expect(isWorkingDay(island, date)).toBe(false);
    }
    // 5 May 2026 (Tuesday) and the equated Friday 15 May 2026: Atw days, island working days.
    for (const date of ['2026-05-05', '2026-05-15']) {
      expect(isTermDay(BONAIRE_CALENDAR, date)).toBe(false);
      expect(isWorkingDay(BONAIRE_CALENDAR, date)).toBe(true);
    }
    // Goede Vrijdag is on both lists.
    expect(isTermDay(BONAIRE_CALENDAR, '2026-04-03')).toBe(false);
    expect(isWorkingDay(BONAIRE_CALENDAR, '2026-04-03')).toBe(false);
  });

  it('given the European Netherlands, when both lists are compared, then they are the same Atw list with the equated days (as before)', () => {
    for (const year of [2025, 2026, 2027, 2028]) expect(termExtendingDaysIn(NL_CALENDAR, year)).toEqual(holidaysIn(NL_CALENDAR, year));
    expect(NL_CALENDAR.termLaw.verify).toBeUndefined();
    expect(NL_CALENDAR.workingDayHolidays.verify).toBeUndefined();
  });

  it('given an island term law, when read, then it names the Algemene termijnenwet and says that its application on the islands is not confirmed', () => {
    for (const island of [BONAIRE_CALENDAR, SABA_CALENDAR, SINT_EUSTATIUS_CALENDAR]) {
      expect(island.termLaw.law).toBe('Algemene termijnenwet');
      expect(island.termLaw.verify).toMatch(/whether the Algemene termijnenwet and its equating decrees apply in Caribisch Nederland is not confirmed/);
    }
  });
});

describe('the calendar registry', () => {
  it('given a place, when its calendar is asked, then the European Netherlands and each island get their own', () => {
    expect(calendarFor('nl').id).toBe('nl');
    expect(calendarFor('bonaire').id).toBe('bq-bonaire');
    expect(calendarFor('saba').id).toBe('bq-saba');
    expect(calendarFor('sint-eustatius').id).toBe('bq-sint-eustatius');
    expect(calendarFor('nl').timeZone).toBe('Europe/Amsterdam');
    expect(calendarById('bq-saba')).toBe(CALENDARS['bq-saba']);
  });

  it('given an unknown place, when its calendar is asked, then it refuses naming the known ones', () => {
    expect(() => calendarFor('aruba' as never)).toThrow(/known: nl, bonaire, saba, sint-eustatius/);
  });
});
