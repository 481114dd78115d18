import { HandoverPartnerType, InvestigationOutcome, InvestigationRisk } from '@vt/contracts';

/** A rule an input breaks, by the field that breaks it (answered as 422 with these fields). */
export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

export interface ConclusionInput {
  unsafety: boolean;
  risks: InvestigationRisk[];
  safetyConditions: string[];
  outcome: InvestigationOutcome;
  handOverTo: HandoverPartnerType[];
}

/**
 * What a conclusion must hold for its outcome: unsafety names its risks; Voorwaarden & Vervolg has
 * conditions and parties to hand them to; overdracht names who takes over; a request to the RvdK goes
 * to the RvdK and (the law has VT inform the gemeente) the lokaal team; a request for a protection measure for an
 * adult goes to the openbaar ministerie.
 */
export function conclusionProblems(input: ConclusionInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.unsafety && input.risks.length === 0) problems.push({ path: 'conclusion.risks', code: 'required', message: 'unsafety was found: name at least one risk' });
  if (!input.unsafety && input.risks.length > 0) problems.push({ path: 'conclusion.risks', code: 'not-allowed', message: 'no unsafety was found, so no risks can be named' });
  switch (input.outcome) {
    case 'voorwaarden-en-vervolg':
      if (input.safetyConditions.length === 0) problems.push({ path: 'safetyConditions', code: 'required', message: 'voorwaarden-en-vervolg needs at least one safety condition' });
      if (input.handOverTo.length === 0) problems.push({ path: 'handOverTo', code: 'required', message: 'voorwaarden-en-vervolg hands the conditions to at least one party' });
      break;
    case 'overdracht':
      if (input.handOverTo.filter((party) => party !== 'household').length === 0) problems.push({ path: 'handOverTo', code: 'required', message: 'overdracht names at least one partner type that takes over' });
      break;
    case 'verzoek-rvdk':
      for (const party of ['rvdk', 'lokaal-team'] as const) {
        if (!input.handOverTo.includes(party)) problems.push({ path: 'handOverTo', code: 'required', message: `verzoek-rvdk goes to the rvdk and informs the gemeente (lokaal-team): ${party} is missing` });
      }
      break;
    case 'verzoek-beschermingsmaatregel':
      // The route for adults (docs/adr/0037): the openbaar ministerie may ask the kantonrechter for curatele,
      // beschermingsbewind or mentorschap (BW boek 1 titels 16, 19, 20) [verify who may request: BW 1:379, 1:432, 1:451].
      if (!input.handOverTo.includes('openbaar-ministerie')) {
        problems.push({ path: 'handOverTo', code: 'required', message: 'verzoek-beschermingsmaatregel asks the openbaar ministerie to request a protection measure for an adult from the kantonrechter: openbaar-ministerie is missing' });
      }
      break;
    case 'afsluiten':
      if (input.safetyConditions.length > 0) problems.push({ path: 'safetyConditions', code: 'not-allowed', message: 'afsluiten sets no safety conditions; use voorwaarden-en-vervolg' });
      break;
  }
  return problems;
}

/**
 * The legal bases a request for information from a third party may cite (`legalBasis` of an `informatie-derden`
 * step). A closed list, not free text: the citation goes onto the permanent log (InvestigationStepPlanned), and a
 * field a person types freely could carry anything about anyone (ADR 0020). DOMAIN.md ("Data protection") names
 * Wmo 2015 art. 5.2.6 and consent among the bases VT processes data on. [verify: a privacy officer confirms which
 * bases apply to a request for information from a third party, and adds those of Caribisch Nederland.]
 */
export const INFORMATION_REQUEST_LEGAL_BASES = ['Wmo 2015 art. 5.2.6', 'toestemming van betrokkene'] as const;
export type InformationRequestLegalBasis = (typeof INFORMATION_REQUEST_LEGAL_BASES)[number];

export interface StepInput {
  kind: 'gesprek' | 'huisbezoek' | 'informatie-derden';
  personId?: string;
  thirdParty?: string;
  legalBasis?: string;
}

/** A gesprek is with a person of the household; a request to a third party names the party and a legal basis from the list. */
export function stepProblems(step: StepInput, personsOfHousehold: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (step.kind === 'gesprek') {
    if (!step.personId) problems.push({ path: 'personId', code: 'required', message: 'a gesprek is with a person of the household: name the personId' });
    else if (!personsOfHousehold.includes(step.personId)) problems.push({ path: 'personId', code: 'unknown-person', message: `${step.personId} is not a person of this household` });
  }
  if (step.kind === 'informatie-derden') {
    if (!step.thirdParty) problems.push({ path: 'thirdParty', code: 'required', message: 'informatie-derden names the third party asked' });
    if (!step.legalBasis) problems.push({ path: 'legalBasis', code: 'required', message: 'every request for information from a third party needs its legal basis (e.g. Wmo 2015 art. 5.2.6)' });
    else if (!(INFORMATION_REQUEST_LEGAL_BASES as readonly string[]).includes(step.legalBasis)) {
      problems.push({ path: 'legalBasis', code: 'unknown-legal-basis', message: `legalBasis must be one of: ${INFORMATION_REQUEST_LEGAL_BASES.join('; ')}` });
    }
  }
  if (step.kind !== 'informatie-derden' && (step.thirdParty || step.legalBasis)) {
    problems.push({ path: step.thirdParty ? 'thirdParty' : 'legalBasis', code: 'not-allowed', message: 'only informatie-derden names a third party and legal basis' });
  }
  return problems;
}
