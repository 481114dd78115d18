import { HANDOVER_PARTNER_TYPES, INVESTIGATION_OUTCOMES, InvestigationOutcome, MinorsInHousehold, minorsAmong, PARTNER_TYPES_FOR_MINORS } from '@vt/contracts';
import { HouseholdState } from './household.state';
import { FieldProblem } from './investigation.rules';

/** Investigation outcomes that are routes for children: a request to the RvdK to investigate (docs/adr/0022). */
export const INVESTIGATION_OUTCOMES_FOR_MINORS = ['verzoek-rvdk'] as const satisfies readonly InvestigationOutcome[];

/**
 * The names under which a conclusion or recorded conditions can hand a household to a route for children: the
 * partner types (`rvdk`, `gecertificeerde-instelling`) and the long name routing.json also knows for the RvdK.
 * A partner named by its own id (`rvdk-groningen`) is not known here: the referral service refuses that one
 * (routing failure `route-needs-a-minor`), since only it holds the partner directory.
 */
export const HANDOVER_PARTIES_FOR_MINORS: readonly string[] = [...PARTNER_TYPES_FOR_MINORS, 'raad-voor-de-kinderbescherming'];

/** What remains for a household without a minor: DOMAIN.md's outcomes and partners for adults. */
export const INVESTIGATION_OUTCOMES_FOR_ADULTS: readonly InvestigationOutcome[] = INVESTIGATION_OUTCOMES.filter((outcome) => !(INVESTIGATION_OUTCOMES_FOR_MINORS as readonly string[]).includes(outcome));
export const HANDOVER_TYPES_FOR_ADULTS: readonly string[] = HANDOVER_PARTNER_TYPES.filter((type) => !HANDOVER_PARTIES_FOR_MINORS.includes(type));

/** Whether the household's record has a minor: present, none (everyone known to be 18 or older at receipt), or unknown. */
export function householdMinors(state: HouseholdState): MinorsInHousehold {
  return state.status === 'recorded' ? minorsAmong(state.persons) : 'unknown';
}

const NO_MINOR = 'this household has no minor: every person on its record is known to be 18 or older at receipt and none is registered as child-involved';
const ADULT_ROUTES = `The routes for adults are: outcomes ${INVESTIGATION_OUTCOMES_FOR_ADULTS.join(', ')}; handOverTo ${HANDOVER_TYPES_FOR_ADULTS.join(', ')}`;

function partiesProblems(parties: readonly string[], path: string): FieldProblem[] {
  return parties.flatMap((party, index) =>
    HANDOVER_PARTIES_FOR_MINORS.includes(party)
      ? [{ path: `${path}[${index}]`, code: 'route-needs-a-minor', message: `${party} works for children (child protection), and ${NO_MINOR}. ${ADULT_ROUTES}` }]
      : [],
  );
}

/**
 * Policy "a route for children needs a minor" for an investigation's conclusion (issue 11 point 7): for a household
 * known to have no minor, the outcome `verzoek-rvdk` and any `handOverTo` naming the RvdK or a gecertificeerde
 * instelling are refused, naming why and the routes that remain. A household whose ages are not all known is not
 * refused: a missing age never closes a child's route.
 */
export function conclusionRouteProblems(input: { outcome: InvestigationOutcome; handOverTo: readonly string[] }, minors: MinorsInHousehold): FieldProblem[] {
  if (minors !== 'none') return [];
  const outcome: FieldProblem[] = (INVESTIGATION_OUTCOMES_FOR_MINORS as readonly string[]).includes(input.outcome)
    ? [{ path: 'outcome', code: 'route-needs-a-minor', message: `${input.outcome} asks the Raad voor de Kinderbescherming to investigate for a child, and ${NO_MINOR}. ${ADULT_ROUTES}` }]
    : [];
  return [...outcome, ...partiesProblems(input.handOverTo, 'handOverTo')];
}

/** The same policy for safety conditions recorded on the household: they are not handed to a route for children. */
export function conditionsRouteProblems(handedOverTo: readonly string[], minors: MinorsInHousehold): FieldProblem[] {
  return minors === 'none' ? partiesProblems(handedOverTo, 'handedOverTo') : [];
}
