import { Disclosure, PartnerReferralIssuedV2Data, PartnerType, PersonRef, PersonRole, ReferralPurpose } from '@vt/contracts';
import { defaultLegalBases, DisclosureBasisKey, Jurisdiction, LegalBases } from '@vt/legal';

/** Fields every partner gets: which referral, which household (its pseudonymous reference for this partner, never VT's id), to whom, why, when. */
export const BASE_PROJECTION_FIELDS = ['referralId', 'householdReference', 'partnerId', 'partnerType', 'disclosure', 'issuedAt'] as const;
/** Fields a partner type may get in addition, if its row in the table allows them. */
export const OPTIONAL_PROJECTION_FIELDS = ['gemeenteCode', 'regionCode', 'purpose', 'outcome', 'answerDueAt', 'persons', 'safetyConditionCount'] as const;
export type OptionalProjectionField = (typeof OPTIONAL_PROJECTION_FIELDS)[number];

export interface ProjectionRule {
  /**
   * Why the disclosure is lawful: the key of its basis in config/legal-bases.json, cited for the household's
   * jurisdiction (Wmo 2015 articles in the European Netherlands; the law of Caribisch Nederland, [verify], on
   * the islands). The privacy officer is to confirm the articles (apps/referral README).
   */
  legalBasisKey: DisclosureBasisKey;
  /** What the partner needs the data for. */
  purpose: string;
  fields: readonly OptionalProjectionField[];
  /** Which persons the partner's work concerns (by id and role only); absent = all persons of the household. */
  personRoles?: readonly PersonRole[];
}

const WHERE = ['gemeenteCode', 'regionCode', 'purpose', 'outcome', 'answerDueAt'] as const;

/**
 * What each partner type may receive, and why. Never the melder, never the sources of information, never
 * names or free text: only pseudonymous references, roles, the outcome, and, for partners that watch over the
 * safety conditions, how many there are (`safetyConditionCount`). The conditions themselves are free text about
 * the household; they never travel on a partner's topic (docs/adr/0020): such a partner reads them from
 * safety-investigation with its own token, a read recorded as a disclosure.
 */
export const PROJECTIONS: Record<PartnerType, ProjectionRule> = {
  'lokaal-team': {
    legalBasisKey: 'disclosure.lokaal-team',
    purpose: 'overdracht: the lokaal team organises help and keeps sight of safety',
    fields: [...WHERE, 'persons', 'safetyConditionCount'],
  },
  rvdk: {
    legalBasisKey: 'disclosure.rvdk',
    purpose: 'verzoek tot onderzoek: the Raad voor de Kinderbescherming investigates whether a child protection measure is needed',
    fields: [...WHERE, 'persons', 'safetyConditionCount'],
  },
  politie: {
    legalBasisKey: 'disclosure.politie',
    purpose: 'the police protect the persons at risk and act on criminal offences',
    fields: [...WHERE, 'persons'],
  },
  vrouwenopvang: {
    legalBasisKey: 'disclosure.vrouwenopvang',
    purpose: 'safe shelter for the victim and the children involved',
    fields: [...WHERE, 'persons'],
    personRoles: ['victim', 'child-involved'],
  },
  ggz: {
    legalBasisKey: 'disclosure.ggz',
    purpose: 'mental health care for the persons involved',
    fields: [...WHERE, 'persons'],
  },
  'gecertificeerde-instelling': {
    legalBasisKey: 'disclosure.gecertificeerde-instelling',
    purpose: 'jeugdbescherming: the certified institution carries out a child protection measure and watches over the safety conditions',
    fields: [...WHERE, 'persons', 'safetyConditionCount'],
    personRoles: ['child-involved', 'victim', 'adult-involved', 'suspected-perpetrator'],
  },
  slachtofferhulp: {
    legalBasisKey: 'disclosure.slachtofferhulp',
    purpose: 'support for the victim',
    fields: [...WHERE, 'persons'],
    personRoles: ['victim'],
  },
  reclassering: {
    legalBasisKey: 'disclosure.reclassering',
    purpose: 'supervision of the suspected perpetrator and the safety conditions that concern them',
    fields: [...WHERE, 'persons', 'safetyConditionCount'],
    personRoles: ['suspected-perpetrator'],
  },
  mdt: {
    legalBasisKey: 'disclosure.mdt',
    purpose: 'multidisciplinary approach (Zorg- en Veiligheidshuis) when one partner alone cannot realise safety',
    fields: [...WHERE, 'persons', 'safetyConditionCount'],
  },
  'openbaar-ministerie': {
    legalBasisKey: 'disclosure.openbaar-ministerie',
    purpose: 'the openbaar ministerie acts on criminal offences and may ask the kantonrechter for a protection measure for an adult (curatele, beschermingsbewind, mentorschap)',
    fields: [...WHERE, 'persons'],
  },
};

/** When VT only informs the gemeente that it asked the RvdK to investigate. */
export const INFORM_GEMEENTE_RULE: ProjectionRule = {
  legalBasisKey: 'disclosure.informeren-gemeente',
  purpose: 'informeren: the gemeente is told that Veilig Thuis asked the Raad voor de Kinderbescherming to investigate',
  fields: [...WHERE],
};

export function projectionRule(partnerType: PartnerType, purpose: ReferralPurpose): ProjectionRule {
  return partnerType === 'lokaal-team' && purpose === 'informeren' ? INFORM_GEMEENTE_RULE : PROJECTIONS[partnerType];
}

/** Everything VT knows about a referral that a projection could draw from. */
export interface ReferralFacts {
  referralId: string;
  /** The household's reference for this partner (partnerHouseholdReference), never VT's household id. */
  householdReference: string;
  partnerId: string;
  partnerType: PartnerType;
  purpose: ReferralPurpose;
  issuedAt: string;
  gemeenteCode?: string;
  regionCode?: string;
  outcome?: string;
  answerDueAt?: string;
  persons?: PersonRef[];
  /** How many safety conditions the household has, when the referral is about them. */
  safetyConditionCount?: number;
  /** The household's jurisdiction (libs/legal `jurisdictionOf`): `bes` for an island household. Default `nl`. */
  jurisdiction?: Jurisdiction;
}

/**
 * The partner's projection: the base fields, plus only the optional fields its rule allows and that are
 * known. `disclosure.fields` lists exactly what the record carries; `disclosure.legalBasis` is the rule's
 * basis in the household's jurisdiction, with ` [verify]` when unconfirmed.
 */
export function buildProjection(facts: ReferralFacts, legalBases: LegalBases = defaultLegalBases()): PartnerReferralIssuedV2Data {
  const rule = projectionRule(facts.partnerType, facts.purpose);
  const optional: Partial<Pick<PartnerReferralIssuedV2Data, OptionalProjectionField>> = {};
  const allowed = new Set<OptionalProjectionField>(rule.fields);
  const copy = <K extends OptionalProjectionField>(field: K, value: PartnerReferralIssuedV2Data[K] | undefined) => {
    if (allowed.has(field) && value !== undefined) optional[field] = value;
  };
  copy('gemeenteCode', facts.gemeenteCode);
  copy('regionCode', facts.regionCode);
  copy('purpose', facts.purpose);
  copy('outcome', facts.outcome);
  copy('answerDueAt', facts.answerDueAt);
  const persons = facts.persons?.filter((p) => !rule.personRoles || rule.personRoles.includes(p.role)).map((p) => ({ personId: p.personId, role: p.role }));
  copy('persons', persons && persons.length > 0 ? persons : undefined);
  copy('safetyConditionCount', facts.safetyConditionCount !== undefined && facts.safetyConditionCount > 0 ? facts.safetyConditionCount : undefined);
  const base = {
    referralId: facts.referralId,
    householdReference: facts.householdReference,
    partnerId: facts.partnerId,
    partnerType: facts.partnerType,
    issuedAt: facts.issuedAt,
  };
  const disclosure: Disclosure = {
    legalBasis: legalBases.basis(facts.jurisdiction ?? 'nl', rule.legalBasisKey).cited,
    purpose: rule.purpose,
    fields: [...Object.keys(base), ...Object.keys(optional)].sort(),
  };
  return { ...base, disclosure, ...optional };
}

/** The fields a partner type may ever see in a `ReferralIssued` projection (for checks over whole topics). */
export function allowedProjectionFields(partnerType: PartnerType): string[] {
  const optional = new Set<string>([...PROJECTIONS[partnerType].fields, ...(partnerType === 'lokaal-team' ? INFORM_GEMEENTE_RULE.fields : [])]);
  return [...BASE_PROJECTION_FIELDS, ...optional];
}
