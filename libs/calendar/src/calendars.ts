import { Calendar, CalendarId, DayList, EquatingDecree, HolidayRule, TermLaw } from './calendar';

const ATW_3_1 = 'Atw art. 3 lid 1';

/** Atw art. 3 lid 1, plus Goede Vrijdag (art. 3 lid 2). As they stand since Koningsdag replaced Koninginnedag (2014). */
const ATW_GENERAL_HOLIDAYS: readonly HolidayRule[] = [
  { id: 'nieuwjaarsdag', name: 'Nieuwjaarsdag', rule: { kind: 'fixed', month: 1, day: 1 }, basis: ATW_3_1 },
  { id: 'goede-vrijdag', name: 'Goede Vrijdag', rule: { kind: 'easter', offsetDays: -2 }, basis: 'Atw art. 3 lid 2' },
  { id: 'tweede-paasdag', name: 'Tweede Paasdag', rule: { kind: 'easter', offsetDays: 1 }, basis: ATW_3_1 },
  { id: 'koningsdag', name: 'Koningsdag', rule: { kind: 'fixed', month: 4, day: 27, ifSunday: 'day-before' }, basis: ATW_3_1 },
  // The Atw names "de vijfde mei" without condition, so every year, not only every fifth.
  { id: 'bevrijdingsdag', name: '5 mei (Bevrijdingsdag)', rule: { kind: 'fixed', month: 5, day: 5 }, basis: ATW_3_1 },
  { id: 'hemelvaartsdag', name: 'Hemelvaartsdag', rule: { kind: 'easter', offsetDays: 39 }, basis: ATW_3_1 },
  { id: 'tweede-pinksterdag', name: 'Tweede Pinksterdag', rule: { kind: 'easter', offsetDays: 50 }, basis: ATW_3_1 },
  { id: 'eerste-kerstdag', name: 'Eerste Kerstdag', rule: { kind: 'fixed', month: 12, day: 25 }, basis: ATW_3_1 },
  { id: 'tweede-kerstdag', name: 'Tweede Kerstdag', rule: { kind: 'fixed', month: 12, day: 26 }, basis: ATW_3_1 },
];

/**
 * Days equated with the general holidays by royal decree (Atw art. 3), as listed in DOMAIN.md. A new
 * decree is a new entry here with the years it covers; see the README. The Staatsblad citations are
 * still to be filled in [verify].
 */
export const NL_EQUATING_DECREES: readonly EquatingDecree[] = [
  {
    source: 'Koninklijk besluit gelijkstelling van dagen, Atw art. 3, for 2023–2025 (Staatsblad citation [verify])',
    coversYears: { from: 2023, to: 2025 },
    days: [
      { date: '2023-04-28', name: 'vrijdag na Koningsdag' },
      { date: '2023-05-19', name: 'vrijdag na Hemelvaartsdag' },
      { date: '2024-05-10', name: 'vrijdag na Hemelvaartsdag' },
      { date: '2024-12-27', name: 'vrijdag na Tweede Kerstdag' },
      { date: '2025-05-30', name: 'vrijdag na Hemelvaartsdag' },
    ],
  },
  {
    source: 'Koninklijk besluit gelijkstelling van dagen, Atw art. 3, for 2026–2028 (Staatsblad citation [verify])',
    coversYears: { from: 2026, to: 2028 },
    days: [
      { date: '2026-01-02', name: 'vrijdag na Nieuwjaarsdag' },
      { date: '2026-05-15', name: 'vrijdag na Hemelvaartsdag' },
      { date: '2027-05-07', name: 'vrijdag na Hemelvaartsdag' },
      { date: '2028-04-28', name: 'vrijdag na Koningsdag' },
      { date: '2028-05-26', name: 'vrijdag na Hemelvaartsdag' },
    ],
  },
];

/**
 * The days of the Algemene termijnenwet: general holidays (art. 3 lid 1), Goede Vrijdag (lid 2) and the days
 * equated by decree. A statutory term that ends on one runs on (art. 1, art. 2).
 */
export const ATW_TERM_LAW: TermLaw = {
  law: 'Algemene termijnenwet',
  name: 'Algemene termijnenwet art. 3 and the days equated by decree',
  source: 'Algemene termijnenwet art. 1–3 as DOMAIN.md states them ("Counting days"); decrees: NL_EQUATING_DECREES',
  validFrom: '2014-01-01',
  rules: ATW_GENERAL_HOLIDAYS,
  equatingDecrees: NL_EQUATING_DECREES,
};

/**
 * The European Netherlands count "werkdagen" over the same days: not a Saturday, Sunday, general holiday
 * or equated day (DOMAIN.md, "Counting days").
 */
const NL_WORKING_DAY_HOLIDAYS: DayList = {
  name: 'general holidays and equated days of the Algemene termijnenwet',
  source: 'DOMAIN.md ("Werkdagen" counts only days that are not Saturday, Sunday, a general holiday or an equated day)',
  validFrom: '2014-01-01',
  rules: ATW_GENERAL_HOLIDAYS,
  equatingDecrees: NL_EQUATING_DECREES,
};

export const NL_CALENDAR: Calendar = {
  id: 'nl',
  name: 'Europees Nederland',
  timeZone: 'Europe/Amsterdam',
  jurisdiction: 'nl',
  termLaw: ATW_TERM_LAW,
  workingDayHolidays: NL_WORKING_DAY_HOLIDAYS,
};

/**
 * (a) Statutory terms on the islands. Whether the Algemene termijnenwet (and so its decrees) applies in
 * Caribisch Nederland is not confirmed. Until it is, island terms are counted under the Atw as in the
 * European Netherlands, in the island's time zone: 5 May, Goede Vrijdag and the equated days extend a term,
 * and island-only holidays (Rincon Day, Dia di Boneiru, Statia Day, Saba Day, Emancipation Day, Dag van de
 * Arbeid) do not.
 */
const ISLAND_TERM_LAW: TermLaw = {
  ...ATW_TERM_LAW,
  source: `${ATW_TERM_LAW.source}; its application in Caribisch Nederland is assumed, not confirmed`,
  validFrom: '2010-10-10',
  verify:
    'whether the Algemene termijnenwet and its equating decrees apply in Caribisch Nederland is not confirmed; ' +
    'terms are counted as if they do (5 May, Goede Vrijdag and the equated days extend a term; island holidays do not)',
};

/**
 * (b) Island public holidays, for working-day counts. A day is listed when a public source names it an
 * official day off on that island; where sources disagree the day is left out (a deadline then falls, if
 * anything, too early rather than too late) and named in `verify`. The Arbeidswet 2000 BES is the
 * starting point for the islands' official holidays (Ministry of SZW, via bonaire.nu 2018-04-25): Dag van de
 * Arbeid falls on the next working day when 1 May is a Sunday (RCN, statiagovernment.com 2022-04-11; Saba
 * government 2016, citing art. 23 lid 2). 5 May and Tweede Pinksterdag are no island holidays.
 */
const ISLAND_BASIS = 'Arbeidswet 2000 BES (official public holidays of the island)';

const ISLANDS_COMMON: readonly HolidayRule[] = [
  { id: 'nieuwjaarsdag', name: 'Nieuwjaarsdag', rule: { kind: 'fixed', month: 1, day: 1 }, basis: ISLAND_BASIS },
  { id: 'goede-vrijdag', name: 'Goede Vrijdag', rule: { kind: 'easter', offsetDays: -2 }, basis: ISLAND_BASIS },
  { id: 'tweede-paasdag', name: 'Tweede Paasdag', rule: { kind: 'easter', offsetDays: 1 }, basis: ISLAND_BASIS },
  {
    id: 'koningsdag',
    name: 'Koningsdag',
    rule: { kind: 'fixed', month: 4, day: 27, ifSunday: 'day-before' },
    basis: ISLAND_BASIS,
    verify: 'that it moves to 26 April when the 27th is a Sunday, as in the European Netherlands',
  },
  { id: 'dag-van-de-arbeid', name: 'Dag van de Arbeid', rule: { kind: 'fixed', month: 5, day: 1, ifSunday: 'day-after' }, basis: `${ISLAND_BASIS}, art. 23 lid 2 for a Sunday` },
  { id: 'hemelvaartsdag', name: 'Hemelvaartsdag', rule: { kind: 'easter', offsetDays: 39 }, basis: ISLAND_BASIS },
  { id: 'eerste-kerstdag', name: 'Eerste Kerstdag', rule: { kind: 'fixed', month: 12, day: 25 }, basis: ISLAND_BASIS },
  { id: 'tweede-kerstdag', name: 'Tweede Kerstdag', rule: { kind: 'fixed', month: 12, day: 26 }, basis: ISLAND_BASIS },
];

/** All three islands keep Atlantic Standard Time (UTC−4, no DST); America/Kralendijk is the IANA zone for Bonaire, Saba and Sint Eustatius. */
const CARIBBEAN_NETHERLANDS_ZONE = 'America/Kralendijk';

export const BONAIRE_CALENDAR: Calendar = {
  id: 'bq-bonaire',
  name: 'Bonaire',
  timeZone: CARIBBEAN_NETHERLANDS_ZONE,
  jurisdiction: 'bes',
  termLaw: ISLAND_TERM_LAW,
  workingDayHolidays: {
    name: 'public holidays of Bonaire',
    source:
      'bonaire.nu 2023-07-21 "Officiële feestdagen en vrije dagen op Bonaire"; Openbaar Lichaam Bonaire, vakantierooster (via en.wikipedia.org "Public holidays in Bonaire"); ' +
      'Dia di Rincon an official holiday since 2020 (bonaire.nu 2024-03-07; tourismbonaire.com 2020)',
    validFrom: '2020-01-01',
    rules: [
      ...ISLANDS_COMMON,
      { id: 'rincon-day', name: 'Rincon Day (Dia di Rincon)', rule: { kind: 'fixed', month: 4, day: 30 }, basis: ISLAND_BASIS, fromYear: 2020 },
      {
        id: 'bonaire-day',
        name: 'Bonaire Day (Dia di Boneiru)',
        rule: { kind: 'fixed', month: 9, day: 6 },
        basis: `${ISLAND_BASIS}; for civil servants: Regeling Dia di Himno y Bandera, Statia Day en Saba Day ambtenaren BES (2012)`,
      },
    ],
    equatingDecrees: null,
    verify:
      'the list follows a news site and the island government\'s school calendar, not the text of the Arbeidswet 2000 BES; sources disagree on Carnival Monday ' +
      '(no longer a day off from 2020 according to bonaire.nu; still listed by the date-holidays package), so it is left out, as are Tweede Pinksterdag and Emancipation Day (1 July), ' +
      'which bonaire.nu names as no days off on Bonaire',
  },
};

export const SABA_CALENDAR: Calendar = {
  id: 'bq-saba',
  name: 'Saba',
  timeZone: CARIBBEAN_NETHERLANDS_ZONE,
  jurisdiction: 'bes',
  termLaw: ISLAND_TERM_LAW,
  workingDayHolidays: {
    name: 'public holidays of Saba',
    source:
      'en.wikipedia.org "Public holidays in Saba"; Saba Day on the first Friday of December, an official holiday for everyone (news.sabavillas.com 2023-11-14; saba-news.com 2020); ' +
      'Dag van de Arbeid on a Sunday moved to Monday (Public Entity Saba, saba-news 2016)',
    validFrom: '2010-10-10',
    rules: [
      ...ISLANDS_COMMON,
      {
        id: 'saba-day',
        name: 'Saba Day',
        rule: { kind: 'nth-weekday', month: 12, weekday: 5, nth: 1 },
        basis: `${ISLAND_BASIS}; for civil servants: Regeling Dia di Himno y Bandera, Statia Day en Saba Day ambtenaren BES (2012)`,
      },
    ],
    equatingDecrees: null,
    verify:
      'the list is not checked against the text of the Arbeidswet 2000 BES; Carnival Monday is left out because sources disagree on its date ' +
      '(last Monday of July according to en.wikipedia.org, first Monday of August according to the date-holidays package); Emancipation Day (1 July) is left out, ' +
      'being a holiday for civil servants only (saba-news.com)',
  },
};

export const SINT_EUSTATIUS_CALENDAR: Calendar = {
  id: 'bq-sint-eustatius',
  name: 'Sint Eustatius',
  timeZone: CARIBBEAN_NETHERLANDS_ZONE,
  jurisdiction: 'bes',
  termLaw: ISLAND_TERM_LAW,
  workingDayHolidays: {
    name: 'public holidays of Sint Eustatius',
    source:
      'en.wikipedia.org "Public holidays in Sint Eustatius"; Emancipation Day (1 July) replaced Carnival Monday by decision of the Island Council of January 2021 ' +
      '(qppstudio.net 2021-01-14; in 2021 observed under a gedoogbeleid, bes-reporter.com); Statia Day for civil servants: Regeling Dia di Himno y Bandera, Statia Day en Saba Day ambtenaren BES (2012)',
    validFrom: '2022-01-01',
    rules: [
      ...ISLANDS_COMMON,
      {
        id: 'emancipation-day',
        name: 'Emancipation Day',
        rule: { kind: 'fixed', month: 7, day: 1 },
        basis: `${ISLAND_BASIS}; Island Council decision of January 2021`,
        fromYear: 2022,
        verify: 'the first year as an official holiday (2022 assumed) and what happens when it falls on a Sunday',
      },
      { id: 'statia-day', name: 'Statia Day', rule: { kind: 'fixed', month: 11, day: 16 }, basis: ISLAND_BASIS, verify: 'that it is a day off for everyone, not for civil servants only' },
    ],
    equatingDecrees: null,
    verify:
      'the list is not checked against the text of the Arbeidswet 2000 BES; Statia Day is confirmed as a day off for civil servants only; ' +
      'Carnival Monday (replaced by Emancipation Day from 2022) is not applied for the years before',
  },
};

export const CALENDARS: Readonly<Record<CalendarId, Calendar>> = {
  nl: NL_CALENDAR,
  'bq-bonaire': BONAIRE_CALENDAR,
  'bq-saba': SABA_CALENDAR,
  'bq-sint-eustatius': SINT_EUSTATIUS_CALENDAR,
};

/** Where a household is: the European Netherlands or one of the three islands of Caribisch Nederland. */
export type CalendarPlace = 'nl' | 'bonaire' | 'saba' | 'sint-eustatius';

const CALENDAR_OF_PLACE: Readonly<Record<CalendarPlace, CalendarId>> = {
  nl: 'nl',
  bonaire: 'bq-bonaire',
  saba: 'bq-saba',
  'sint-eustatius': 'bq-sint-eustatius',
};

export function calendarFor(place: CalendarPlace): Calendar {
  const id = CALENDAR_OF_PLACE[place] as CalendarId | undefined;
  if (id === undefined) throw new RangeError(`no calendar for "${String(place)}"; known: ${Object.keys(CALENDAR_OF_PLACE).join(', ')}`);
  return CALENDARS[id];
}

export function calendarById(id: CalendarId): Calendar {
  const calendar = CALENDARS[id] as Calendar | undefined;
  if (calendar === undefined) throw new RangeError(`unknown calendar id "${String(id)}"; known: ${Object.keys(CALENDARS).join(', ')}`);
  return calendar;
}
