import { Calendar, CalendarId, EquatingDecree, HolidayRule } from './calendar';

const ATW_3_1 = 'Atw art. 3 lid 1';

/** Atw art. 3 lid 1, plus Goede Vrijdag (art. 3 lid 2). As they stand since Koningsdag replaced Koninginnedag (2014). */
const NL_HOLIDAYS: readonly HolidayRule[] = [
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

export const NL_CALENDAR: Calendar = {
  id: 'nl',
  name: 'Europees Nederland',
  timeZone: 'Europe/Amsterdam',
  holidays: NL_HOLIDAYS,
  equatingDecrees: NL_EQUATING_DECREES,
  caveats: [],
};

// [verify] The island lists below are configuration taken from DOMAIN.md and general sources; the public
// record is unclear. Carnival Monday and any other island days are NOT included. Whether the Atw and its
// equating decrees apply on the islands is not confirmed either, so no equated days are applied there.
const ISLAND_BASIS = 'island public holiday [verify]';

const ISLANDS_COMMON: readonly HolidayRule[] = [
  { id: 'nieuwjaarsdag', name: 'Nieuwjaarsdag', rule: { kind: 'fixed', month: 1, day: 1 }, basis: ISLAND_BASIS, verify: true },
  { id: 'goede-vrijdag', name: 'Goede Vrijdag', rule: { kind: 'easter', offsetDays: -2 }, basis: ISLAND_BASIS, verify: true },
  { id: 'tweede-paasdag', name: 'Tweede Paasdag', rule: { kind: 'easter', offsetDays: 1 }, basis: ISLAND_BASIS, verify: true },
  {
    id: 'koningsdag',
    name: 'Koningsdag',
    rule: { kind: 'fixed', month: 4, day: 27, ifSunday: 'day-before' },
    basis: ISLAND_BASIS,
    verify: true,
  },
  { id: 'dag-van-de-arbeid', name: 'Dag van de Arbeid', rule: { kind: 'fixed', month: 5, day: 1 }, basis: ISLAND_BASIS, verify: true },
  { id: 'hemelvaartsdag', name: 'Hemelvaartsdag', rule: { kind: 'easter', offsetDays: 39 }, basis: ISLAND_BASIS, verify: true },
  { id: 'tweede-pinksterdag', name: 'Tweede Pinksterdag', rule: { kind: 'easter', offsetDays: 50 }, basis: ISLAND_BASIS, verify: true },
  { id: 'eerste-kerstdag', name: 'Eerste Kerstdag', rule: { kind: 'fixed', month: 12, day: 25 }, basis: ISLAND_BASIS, verify: true },
  { id: 'tweede-kerstdag', name: 'Tweede Kerstdag', rule: { kind: 'fixed', month: 12, day: 26 }, basis: ISLAND_BASIS, verify: true },
];

function islandCaveat(island: string): string {
  return (
    `the ${island} holiday list is configuration not confirmed against the public record [verify]: ` +
    'Carnival Monday and other possible island days are not included, and no days equated by decree are applied'
  );
}

/** All three islands keep Atlantic Standard Time (UTC−4, no DST); America/Kralendijk is the IANA zone for Bonaire, Saba and Sint Eustatius. */
const CARIBBEAN_NETHERLANDS_ZONE = 'America/Kralendijk';

export const BONAIRE_CALENDAR: Calendar = {
  id: 'bq-bonaire',
  name: 'Bonaire',
  timeZone: CARIBBEAN_NETHERLANDS_ZONE,
  holidays: [
    ...ISLANDS_COMMON,
    { id: 'rincon-day', name: 'Rincon Day (Dia di Rincon)', rule: { kind: 'fixed', month: 4, day: 30 }, basis: ISLAND_BASIS, verify: true },
    { id: 'bonaire-day', name: 'Bonaire Day (Dia di Boneiru)', rule: { kind: 'fixed', month: 9, day: 6 }, basis: ISLAND_BASIS, verify: true },
  ],
  equatingDecrees: null,
  caveats: [islandCaveat('Bonaire')],
};

export const SABA_CALENDAR: Calendar = {
  id: 'bq-saba',
  name: 'Saba',
  timeZone: CARIBBEAN_NETHERLANDS_ZONE,
  holidays: [
    ...ISLANDS_COMMON,
    { id: 'saba-day', name: 'Saba Day', rule: { kind: 'nth-weekday', month: 12, weekday: 5, nth: 1 }, basis: ISLAND_BASIS, verify: true },
  ],
  equatingDecrees: null,
  caveats: [islandCaveat('Saba')],
};

export const SINT_EUSTATIUS_CALENDAR: Calendar = {
  id: 'bq-sint-eustatius',
  name: 'Sint Eustatius',
  timeZone: CARIBBEAN_NETHERLANDS_ZONE,
  holidays: [
    ...ISLANDS_COMMON,
    { id: 'emancipation-day', name: 'Emancipation Day', rule: { kind: 'fixed', month: 7, day: 1 }, basis: ISLAND_BASIS, verify: true },
    { id: 'statia-day', name: 'Statia Day', rule: { kind: 'fixed', month: 11, day: 16 }, basis: ISLAND_BASIS, verify: true },
  ],
  equatingDecrees: null,
  caveats: [islandCaveat('Sint Eustatius')],
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
