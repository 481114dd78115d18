import { ASSESSMENT_OUTCOMES, AssessmentOutcome, MinorsInHousehold, minorsAmong, PersonRef } from '@vt/contracts';

/**
 * Assessment outcomes that are routes for children: a request to the Raad voor de Kinderbescherming to
 * investigate (DOMAIN.md "The process after a melding" 3; the RvdK investigates for a minor, docs/adr/0022).
 */
export const ASSESSMENT_OUTCOMES_FOR_MINORS = ['verzoek-rvdk'] as const satisfies readonly AssessmentOutcome[];

/** The outcomes that remain for a household without a minor: every other outcome of DOMAIN.md's list. */
export const ASSESSMENT_OUTCOMES_FOR_ADULTS: readonly AssessmentOutcome[] = ASSESSMENT_OUTCOMES.filter((outcome) => !(ASSESSMENT_OUTCOMES_FOR_MINORS as readonly string[]).includes(outcome));

/**
 * What crisis-triage stores per melding and per assessment (`safety_assessment.has_minor`): true when someone is a
 * minor, false when everyone is known to be an adult, null when nobody can say.
 */
export type HasMinor = boolean | null;

export function hasMinorOf(minors: MinorsInHousehold): HasMinor {
  return minors === 'present' ? true : minors === 'none' ? false : null;
}

/** Whether one melding's persons include a minor, as stored: `minorsAmong` of `@vt/contracts`. */
export function meldingHasMinor(persons: readonly Pick<PersonRef, 'role' | 'minor'>[]): HasMinor {
  return hasMinorOf(minorsAmong(persons));
}

/**
 * The household's minors from what its meldingen said: a minor in any melding is a minor in the household;
 * none only when every melding is known to have none; otherwise (or without meldingen) unknown.
 */
export function householdMinors(meldingen: readonly HasMinor[]): MinorsInHousehold {
  if (meldingen.some((hasMinor) => hasMinor === true)) return 'present';
  if (meldingen.length > 0 && meldingen.every((hasMinor) => hasMinor === false)) return 'none';
  return 'unknown';
}

export interface RouteProblem {
  path: 'outcome';
  code: 'route-needs-a-minor';
  message: string;
  /** The outcomes that remain for this household. */
  allowed: AssessmentOutcome[];
}

export type RouteCheck = { ok: true } | { ok: false; problem: RouteProblem };

/**
 * Policy "a route for children needs a minor" (issue 11 point 7): an assessment outcome that is a route for
 * children (`verzoek-rvdk`) is refused for a household known to have no minor, naming why and the outcomes that
 * remain (DOMAIN.md's outcomes for adults: Voorwaarden & Vervolg, Onderzoek, overdracht to lokaal team, care
 * already involved, MDT or the household itself, regionaal maatwerk, no further steps). A household whose ages
 * are not all known is not refused: a missing age never closes a child's route.
 */
export function checkAssessmentOutcome(outcome: AssessmentOutcome, minors: MinorsInHousehold): RouteCheck {
  if (minors !== 'none' || !(ASSESSMENT_OUTCOMES_FOR_MINORS as readonly string[]).includes(outcome)) return { ok: true };
  const allowed = [...ASSESSMENT_OUTCOMES_FOR_ADULTS];
  return {
    ok: false,
    problem: {
      path: 'outcome',
      code: 'route-needs-a-minor',
      message:
        `${outcome} asks the Raad voor de Kinderbescherming to investigate for a child, and this household has no minor: ` +
        `every person is known to be 18 or older at receipt and none is registered as child-involved. The routes for adults are: ${allowed.join(', ')}`,
      allowed,
    },
  };
}
