/** Meerderjarig at 18 (BW 1:233): a person is a minor until the day of their 18th birthday. */
export const AGE_OF_MAJORITY = 18;

export interface PersonAge {
  /** ISO date (`2015-03-31`); a date-time is read by its date part. */
  birthDate?: string;
  estimatedAge?: number;
}

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
function localDate(at: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The day someone born on `birthDate` turns `years`: the same month and day that many years later. Someone
 * born on 29 February turns that age on 1 March of a year without 29 February [verify: the Dutch reading of
 * BW 1:233 for a leap-day birthday; 1 March keeps them a minor one day longer, the side of protection].
 */
function birthdayAt(birthDate: { year: number; month: number; day: number }, years: number): { year: number; month: number; day: number } {
  const year = birthDate.year + years;
  if (birthDate.month === 2 && birthDate.day === 29 && !isLeapYear(year)) return { year, month: 3, day: 1 };
  return { year, month: birthDate.month, day: birthDate.day };
}

const compare = (a: { year: number; month: number; day: number }, b: { year: number; month: number; day: number }) => a.year - b.year || a.month - b.month || a.day - b.day;

/**
 * Whether a person had reached `years` when Veilig Thuis received the melding: by the date of birth when there is
 * one (the birthday counted in the household's own calendar date, `timeZone`, the route's; someone turns an age at
 * the start of that birthday), else by the estimated age; `undefined` when neither is known.
 */
export function atLeastAgeAtReceipt(person: PersonAge, years: number, receivedAt: Date, timeZone: string): boolean | undefined {
  const born = person.birthDate ? /^(\d{4})-(\d{2})-(\d{2})/.exec(person.birthDate) : null;
  if (born) {
    const birthDate = { year: Number(born[1]), month: Number(born[2]), day: Number(born[3]) };
    return compare(localDate(receivedAt, timeZone), birthdayAt(birthDate, years)) >= 0;
  }
  if (person.estimatedAge !== undefined) return person.estimatedAge >= years;
  return undefined;
}

/**
 * Whether a person was a minor when Veilig Thuis received the melding (`PersonRef.minor`): by the date of birth
 * when there is one (a minor until the 18th birthday, which is counted in the household's own calendar date:
 * `timeZone`, the route's), else by the estimated age (under 18); `undefined` when neither is known. A person
 * turns 18 at the start of their birthday, so on the 18th birthday itself they are no longer a minor.
 * The role is not looked at: `isMinor` in `@vt/contracts` counts a `child-involved` person as a minor anyway.
 */
export function minorAtReceipt(person: PersonAge, receivedAt: Date, timeZone: string): boolean | undefined {
  const adult = atLeastAgeAtReceipt(person, AGE_OF_MAJORITY, receivedAt, timeZone);
  return adult === undefined ? undefined : !adult;
}
