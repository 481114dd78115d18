import { normaliseHouseNumber, normalisePostcode } from './identifiers';
import { accept, Checked, refuse } from './problem';
import { classifyRadar, EarlierInvolvement, InvolvementStatus, MatchedOn, RadarAddress, RadarPerson, RadarReference, RadarResult } from './radar';

/**
 * Radar proposes; a person decides (issue 11 point 3; the plan's Radar section). Radar no longer puts a
 * melding into "the household of the first match". For every earlier case it found it says whether the
 * melding **may join** that household, and the call handler decides:
 * - a melding may join a household only when every person radar matched belongs to that one household,
 *   that household's case is open, and it is known at the melding's address (postcode + house number);
 * - in every other case (persons from different households, a person who moved, a closed case) the melding
 *   opens its own household and the matches are recorded as links for triage;
 * - the melding joins only when the call handler asked to join a household that may be joined; asking to
 *   join one that may not be joined is refused, naming why.
 * Nothing of the earlier household (its persons, its history) is copied: a proposal is a reference.
 */

/** Why a melding may not join a proposed household. */
export type JoinRefusal = 'case-closed' | 'different-households' | 'moved' | 'address-unknown';
/** Why a call handler's join decision is refused: a `JoinRefusal`, or a household radar did not propose. */
export type RadarDecisionRefusal = JoinRefusal | 'not-matched';

export const JOIN_REFUSALS: readonly JoinRefusal[] = ['case-closed', 'different-households', 'moved', 'address-unknown'];

/** One earlier case radar found, with what matched and whether the melding may join it. */
export interface RadarProposal {
  caseId: string;
  region: string;
  status: InvolvementStatus;
  /** Which persons of this melding matched the case, and on what (a BSN match wins). */
  matches: { personRef: string; matchedOn: MatchedOn }[];
  mayJoin: boolean;
  /** Why not, when `mayJoin` is false (the first that applies, in the order of `JOIN_REFUSALS`). */
  reason?: JoinRefusal;
  /** The reason in words for the call handler; never an address, a BSN, a name or the other case's history. */
  message?: string;
}

/** A reference (classifyRadar's) with its case's join verdict: what `MeldingReceived.radar.references` carries. */
export interface ProposedReference extends RadarReference {
  mayJoin: boolean;
  reason?: JoinRefusal;
}

export interface RadarProposals extends Omit<RadarResult, 'references'> {
  references: ProposedReference[];
  /** One per case: open cases first, then closed, each in the order radar found them. */
  proposals: RadarProposal[];
}

export interface RadarMelding {
  persons: readonly RadarPerson[];
  /** The melding's household address; absent or empty on the islands or when not given. */
  address?: RadarAddress;
}

type AddressComparison = 'same' | 'different' | 'unknown';

function normalisedAddress(address: RadarAddress | undefined): string | undefined {
  if (!address || address.postcode === undefined || address.postcode === null || address.houseNumber === undefined || address.houseNumber === null) return undefined;
  const postcode = normalisePostcode(address.postcode);
  const houseNumber = normaliseHouseNumber(address.houseNumber);
  return postcode.ok && houseNumber.ok ? `${postcode.value}|${houseNumber.value}` : undefined;
}

/** Same normalised postcode and house number ("1011ab", "12a" = "1011 AB", "12-A"); unknown when either lacks one. */
export function compareAddresses(a: RadarAddress | undefined, b: RadarAddress | undefined): AddressComparison {
  const left = normalisedAddress(a);
  const right = normalisedAddress(b);
  if (left === undefined || right === undefined) return 'unknown';
  return left === right ? 'same' : 'different';
}

/** Says which rule applies, never which fact of the other case made it apply (how it was closed is its history). */
function refusalMessage(reason: JoinRefusal, caseId: string): string {
  const apart = 'the melding opens its own household and the match is recorded as a link for triage';
  switch (reason) {
    case 'case-closed':
      return `household ${caseId} is a closed case (its record is closed, or zicht op veiligheid was handed over by an accepted overdracht). A melding about it is a hermelding; ${apart}`;
    case 'different-households':
      return `not every person radar matched belongs to household ${caseId} alone: someone is known only in another household, or also in another running case; ${apart}`;
    case 'moved':
      return `household ${caseId} is known at another address than this melding's (someone moved); ${apart}`;
    case 'address-unknown':
      return `radar cannot confirm that household ${caseId} lives at this melding's address (a postcode and house number are missing on one side); ${apart}`;
  }
}

/**
 * What radar proposes for a melding, from the earlier involvements the caller found: the classification
 * (`classifyRadar`: vervolgmelding when anyone is known from a running case, hermelding when only from
 * closed ones, else first), the references, and per case whether the melding may join it:
 * 1. `case-closed`: the case is closed (DOMAIN.md: a melding about it is a hermelding, not an addition);
 * 2. `different-households`: a person radar matched is not known in this household, or is known in another
 *    running case too. Being known from an earlier, closed case as well does not count: that is history;
 * 3. `moved`: the household is known at another postcode and house number than the melding's;
 * 4. `address-unknown`: the melding or the household has no postcode and house number to compare.
 */
export function proposeRadar(melding: RadarMelding, involvements: readonly EarlierInvolvement[]): RadarProposals {
  const classified = classifyRadar(melding.persons, involvements);
  const cases = new Map<string, { region: string; status: InvolvementStatus; address?: RadarAddress }>();
  for (const involvement of involvements) {
    const known = cases.get(involvement.caseId);
    const status: InvolvementStatus = known?.status === 'open' || involvement.status === 'open' ? 'open' : 'closed';
    const address = known?.address ?? involvement.caseAddress;
    cases.set(involvement.caseId, { region: known?.region ?? involvement.region, status, ...(address ? { address } : {}) });
  }
  const casesOfPerson = new Map<string, Set<string>>();
  for (const reference of classified.references) {
    casesOfPerson.set(reference.personRef, (casesOfPerson.get(reference.personRef) ?? new Set()).add(reference.caseId));
  }

  const verdict = (caseId: string): { mayJoin: boolean; reason?: JoinRefusal } => {
    const known = cases.get(caseId);
    if (!known) throw new Error(`radar: no involvement for case ${caseId}`);
    if (known.status === 'closed') return { mayJoin: false, reason: 'case-closed' };
    for (const personCases of casesOfPerson.values()) {
      if (!personCases.has(caseId)) return { mayJoin: false, reason: 'different-households' };
      const elsewhereRunning = [...personCases].some((other) => other !== caseId && cases.get(other)?.status === 'open');
      if (elsewhereRunning) return { mayJoin: false, reason: 'different-households' };
    }
    const address = compareAddresses(melding.address, known.address);
    if (address === 'different') return { mayJoin: false, reason: 'moved' };
    if (address === 'unknown') return { mayJoin: false, reason: 'address-unknown' };
    return { mayJoin: true };
  };

  const verdicts = new Map([...cases.keys()].map((caseId) => [caseId, verdict(caseId)]));
  const references: ProposedReference[] = classified.references.map((reference) => ({ ...reference, ...verdicts.get(reference.caseId) }) as ProposedReference);
  const order = [...new Set(classified.references.map((reference) => reference.caseId))];
  const proposals: RadarProposal[] = order.map((caseId) => {
    const known = cases.get(caseId) as NonNullable<ReturnType<typeof cases.get>>;
    const { mayJoin, reason } = verdicts.get(caseId) as { mayJoin: boolean; reason?: JoinRefusal };
    return {
      caseId,
      region: known.region,
      status: known.status,
      matches: classified.references.filter((reference) => reference.caseId === caseId).map(({ personRef, matchedOn }) => ({ personRef, matchedOn })),
      mayJoin,
      ...(reason ? { reason, message: refusalMessage(reason, caseId) } : {}),
    };
  });
  return { classification: classified.classification, unchecked: classified.unchecked, references, proposals };
}

/** The call handler's decision in the melding: join a proposed household, or nothing (kept apart). */
export interface RadarDecisionRequest {
  join?: string;
}

export type RadarDecisionKind = 'joined' | 'kept-apart' | 'no-match';

export interface RadarRegistration {
  kind: RadarDecisionKind;
  /** The household the melding belongs to: the joined one, or its own (new) household. */
  householdId: string;
}

/**
 * Where the melding goes. It joins only when the call handler asked to join a household radar proposed
 * and that household may be joined; without a join decision it is kept apart (its own household, the
 * matches as links), or, when radar found nothing, it is simply a new household (`no-match`). A join that
 * radar does not allow is refused with the proposal's reason, and a household radar did not propose with
 * `not-matched`: a call handler cannot put a melding into a household its persons were not found in.
 */
export function decideRadarRegistration(proposed: Pick<RadarProposals, 'proposals'>, request: RadarDecisionRequest | undefined, newHouseholdId: string): Checked<RadarRegistration, RadarDecisionRefusal> {
  const join = request?.join;
  if (join !== undefined) {
    const proposal = proposed.proposals.find((candidate) => candidate.caseId === join);
    if (!proposal) return refuse('not-matched', `radar found none of this melding's persons in household ${join}; a melding joins only a household radar proposed for it`);
    if (!proposal.mayJoin) {
      const reason = proposal.reason ?? 'different-households';
      return refuse(reason, proposal.message ?? refusalMessage(reason, proposal.caseId));
    }
    return accept({ kind: 'joined', householdId: proposal.caseId });
  }
  return accept({ kind: proposed.proposals.length > 0 ? 'kept-apart' : 'no-match', householdId: newHouseholdId });
}
