import { Calendar, LocalDate, localDateOf, plusMonthsClamped, startOfLocalDay } from '@vt/calendar';

/**
 * How long a dossier (one household) is kept. The legal basis is the jurisdiction's `retention` entry in
 * config/legal-bases.json (Wmo 2015 art. 5.3.4 in the European Netherlands; unconfirmed [verify] for
 * Caribisch Nederland, where this same rule is applied); an erasure when it ends cites
 * `erasure.bewaartermijn-verstreken`. DOMAIN.md: "20 years (15 in older text),
 * or until the youngest child is 18" [verify] — so both are configuration:
 * - `20-years`: `years` (default 20) after the start point;
 * - `until-youngest-child-18`: until the youngest person who was under 18 at the start point turns 18; a
 *   household without such a person (or without any known age) falls back to `years`.
 * The start point is the dossier's last melding: the last time data was added to it [verify: the law says
 * "from the moment the data were processed"; a closure or the last activity on the case may be meant].
 */
export const RETENTION_RULES = ['20-years', 'until-youngest-child-18'] as const;
export type RetentionRuleName = (typeof RETENTION_RULES)[number];

export interface RetentionRule {
  rule: RetentionRuleName;
  years: number;
}

export const DEFAULT_RETENTION: RetentionRule = { rule: '20-years', years: 20 };

/** Reads `RETENTION_RULE` and `RETENTION_YEARS`; throws a message naming the variable and what is allowed. */
export function loadRetentionRule(env: NodeJS.ProcessEnv = process.env): RetentionRule {
  const rule = env['RETENTION_RULE']?.trim() || DEFAULT_RETENTION.rule;
  const yearsText = env['RETENTION_YEARS']?.trim() || String(DEFAULT_RETENTION.years);
  const problems: string[] = [];
  if (!(RETENTION_RULES as readonly string[]).includes(rule)) problems.push(`RETENTION_RULE must be one of ${RETENTION_RULES.join(', ')} (got "${rule}")`);
  const years = Number(yearsText);
  if (!/^\d+$/.test(yearsText) || years < 1 || years > 100) problems.push(`RETENTION_YEARS must be whole years 1–100 (got "${yearsText}")`);
  if (problems.length > 0) throw new Error(`intake cannot start; fix its retention configuration:\n  - ${problems.join('\n  - ')}`);
  return { rule: rule as RetentionRuleName, years };
}

/** What the rule needs to know about a household's persons. */
export interface RetainedPerson {
  birthDate?: LocalDate | null;
  /** Estimated age in years at the melding, when no date of birth is known. */
  estimatedAge?: number | null;
  /** When the person was named (their melding's receipt), for an estimated age. */
  namedAt: Date;
}

export interface RetentionEnd {
  endsAt: Date;
  /** Which part of the rule decided, for the record. */
  basis: 'years' | 'youngest-child-18';
}

/** The moment a dossier's retention ends, in the household's calendar (local midnight). */
export function retentionEndsAt(rule: RetentionRule, startedAt: Date, persons: readonly RetainedPerson[], calendar: Calendar): RetentionEnd {
  const startDay = localDateOf(calendar, startedAt);
  const byYears: RetentionEnd = { endsAt: startOfLocalDay(calendar, plusMonthsClamped(startDay, rule.years * 12)), basis: 'years' };
  if (rule.rule === '20-years') return byYears;
  const eighteenths = persons
    .map((person) => {
      const born = person.birthDate ?? (person.estimatedAge != null ? plusMonthsClamped(localDateOf(calendar, person.namedAt), -person.estimatedAge * 12) : undefined);
      return born === undefined ? undefined : plusMonthsClamped(born, 18 * 12);
    })
    .filter((day): day is LocalDate => day !== undefined && day > startDay);
  if (eighteenths.length === 0) return byYears;
  const youngest = eighteenths.reduce((latest, day) => (day > latest ? day : latest));
  return { endsAt: startOfLocalDay(calendar, youngest), basis: 'youngest-child-18' };
}
