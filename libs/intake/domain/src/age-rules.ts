import { PersonRole } from '@vt/contracts';
import { AARD_VAN_HET_GEWELD_V1, GEWELD_TAGS_V1, labelOf } from './code-lists';
import { AGE_OF_MAJORITY, atLeastAgeAtReceipt, minorAtReceipt, PersonAge } from './minor';

/**
 * Ouderenmishandeling is violence against someone of 65 or older: the code list `aard-van-het-geweld/1` says
 * "Slachtoffer is 65 jaar of ouder" and DOMAIN.md "Registration vocabulary" lists "ouderenmishandeling (65+)".
 * The tag `financieel-misbruik-ouderen` (financial abuse of the elderly) names the same group.
 */
export const ELDERLY_AGE = 65;

/** The categories of `aard-van-het-geweld/1` and `geweld-tags/1` whose victim must be 65 or older. */
export const AARD_FOR_ELDERLY = ['ouderenmishandeling'] as const;
export const TAGS_FOR_ELDERLY = ['financieel-misbruik-ouderen'] as const;
/** The category of `aard-van-het-geweld/1` that is about a child: kindermishandeling needs a minor. */
export const AARD_FOR_MINORS = ['kindermishandeling'] as const;

export interface PersonWithAge extends PersonAge {
  role: PersonRole;
}

export type ConcernAgeProblemCode = 'victim-not-elderly' | 'no-minor-for-kindermishandeling';

export interface ConcernAgeProblem {
  /** The concern the ages contradict: `concerns.aard` or `concerns.tags`. */
  path: 'concerns.aard' | 'concerns.tags';
  code: ConcernAgeProblemCode;
  message: string;
  /** The person fields that hold the contradicting ages, e.g. `persons[0].birthDate`. */
  persons: string[];
}

/** The field a person's age was taken from: the date of birth wins over an estimate, as in `minorAtReceipt`. */
const ageField = (person: PersonAge, index: number): string => `persons[${index}].${person.birthDate ? 'birthDate' : 'estimatedAge'}`;

/**
 * Whether the melding's victims include someone of 65 or older at receipt: true when a victim is, false when
 * every victim's age is known and under 65, undefined when no victim is recorded or a victim's age is unknown
 * (and none is known to be 65 or older). What the assessment sees as "age unknown".
 */
export function elderlyVictimAtReceipt(persons: readonly PersonWithAge[], receivedAt: Date, timeZone: string): boolean | undefined {
  const victims = persons.filter((person) => person.role === 'victim').map((person) => atLeastAgeAtReceipt(person, ELDERLY_AGE, receivedAt, timeZone));
  if (victims.some((elderly) => elderly === true)) return true;
  if (victims.length > 0 && victims.every((elderly) => elderly === false)) return false;
  return undefined;
}

/**
 * The rules of the code lists that depend on age, checked against the ages recorded, on the day of receipt in the
 * household's calendar date:
 * - `ouderenmishandeling` (aard) and `financieel-misbruik-ouderen` (tag) need a victim of 65 or older. Refused only
 *   when the recorded ages contradict that: there is a victim and every victim's age is known and under 65.
 * - `kindermishandeling` needs a minor (under 18, BW 1:233; or a person registered as child-involved). Refused only
 *   when every person's age is known and 18 or over and none is child-involved.
 * An unknown age never refuses a melding: Veilig Thuis often does not know it, and refusing would lose the melding.
 * The melding is then accepted and the assessment sees the age as unknown (docs/adr/0036).
 */
export function checkConcernAges(input: { aard: readonly string[]; tags: readonly string[]; persons: readonly PersonWithAge[]; receivedAt: Date; timeZone: string }): ConcernAgeProblem[] {
  const { aard, tags, persons, receivedAt, timeZone } = input;
  const problems: ConcernAgeProblem[] = [];
  const victims = persons.map((person, index) => ({ person, index })).filter(({ person }) => person.role === 'victim');
  if (elderlyVictimAtReceipt(persons, receivedAt, timeZone) === false) {
    const fields = victims.map(({ person, index }) => ageField(person, index));
    const elderly = (path: ConcernAgeProblem['path'], code: string, label: string): ConcernAgeProblem => ({
      path,
      code: 'victim-not-elderly',
      message:
        `${label} (${code}) needs a victim of ${ELDERLY_AGE} or older on the day the melding was received, and every victim is younger by ${fields.join(', ')}: ` +
        `correct the age, or choose another category (e.g. ex-partnergeweld or huiselijk-geweld-overig)`,
      persons: fields,
    });
    for (const code of AARD_FOR_ELDERLY) if (aard.includes(code)) problems.push(elderly('concerns.aard', code, labelOf(AARD_VAN_HET_GEWELD_V1, code) ?? code));
    for (const code of TAGS_FOR_ELDERLY) if (tags.includes(code)) problems.push(elderly('concerns.tags', code, labelOf(GEWELD_TAGS_V1, code) ?? code));
  }
  const noMinor = persons.length > 0 && persons.every((person) => person.role !== 'child-involved' && minorAtReceipt(person, receivedAt, timeZone) === false);
  for (const code of AARD_FOR_MINORS) {
    if (!noMinor || !aard.includes(code)) continue;
    const fields = persons.map((person, index) => ageField(person, index));
    problems.push({
      path: 'concerns.aard',
      code: 'no-minor-for-kindermishandeling',
      message:
        `${labelOf(AARD_VAN_HET_GEWELD_V1, code) ?? code} (${code}) is about a child, and every person is ${AGE_OF_MAJORITY} or older on the day the melding was received by ${fields.join(', ')} ` +
        `and none is child-involved: correct the age, add the child, or choose another category`,
      persons: fields,
    });
  }
  return problems;
}
