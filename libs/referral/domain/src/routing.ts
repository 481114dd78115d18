import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPartnerTypeForMinors, MinorsInHousehold, PARTNER_TYPES, PartnerType, REFERRAL_PURPOSES, ReferralPurpose, RoutingFailureReason } from '@vt/contracts';
import { Island, Partner, PartnerDirectory } from './partner-directory';

/** A partner type VT wants to refer to, and what it asks of it. */
export interface ReferralTarget {
  partnerType: PartnerType;
  purpose: ReferralPurpose;
}

export interface RoutingRules {
  version: string;
  assessmentOutcomes: Record<string, ReferralTarget[]>;
  /** A list of targets, or `handOverTo:<purpose>`: the types the investigation named, with that purpose. */
  investigationOutcomes: Record<string, ReferralTarget[] | { handOverTo: ReferralPurpose }>;
  /** Party and handover type names as other services write them → directory partner type. */
  handoverTypes: Record<string, PartnerType>;
  /** Parties that are never referred to (the household itself, the melder). */
  notReferred: string[];
  /** Where a declined or expired referral goes when no other partner of its type is left, in order. */
  fallbacks: Partial<Record<PartnerType, PartnerType[]>>;
}

/** Where the household lives, as far as routing needs it. */
export interface HouseholdPlace {
  gemeenteCode?: string;
  /** The VT region (`vt-…`), when known from the melding. */
  regionCode?: string;
  island?: Island;
}

/** What a decision asks for, before a partner is chosen. */
export type Wanted =
  | { kind: 'type'; partnerType: PartnerType; purpose: ReferralPurpose }
  | { kind: 'partner'; partnerId: string; purpose: ReferralPurpose }
  | { kind: 'unroutable'; wanted: string; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(what: string): never {
  throw new Error(`routing rules: ${what}`);
}

function parseTargets(raw: unknown, where: string): ReferralTarget[] {
  if (!Array.isArray(raw)) fail(`${where} is not a list of targets`);
  return raw.map((target, i) => {
    if (!isRecord(target) || !PARTNER_TYPES.includes(target['partnerType'] as PartnerType) || !REFERRAL_PURPOSES.includes(target['purpose'] as ReferralPurpose)) {
      fail(`${where}[${i}] needs a partnerType (${PARTNER_TYPES.join(', ')}) and a purpose (${REFERRAL_PURPOSES.join(', ')})`);
    }
    return { partnerType: target['partnerType'] as PartnerType, purpose: target['purpose'] as ReferralPurpose };
  });
}

export function parseRoutingRules(raw: unknown): RoutingRules {
  if (!isRecord(raw)) fail('file is not a JSON object');
  const { version, assessmentOutcomes, investigationOutcomes, handoverTypes, notReferred, fallbacks } = raw;
  if (typeof version !== 'string' || version === '') fail('file has no version');
  if (!isRecord(assessmentOutcomes) || !isRecord(investigationOutcomes) || !isRecord(handoverTypes) || !isRecord(fallbacks) || !Array.isArray(notReferred)) {
    fail('file needs assessmentOutcomes, investigationOutcomes, handoverTypes, fallbacks and notReferred');
  }
  const investigation: RoutingRules['investigationOutcomes'] = {};
  for (const [outcome, value] of Object.entries(investigationOutcomes)) {
    if (typeof value === 'string') {
      const purpose = /^handOverTo:(.+)$/.exec(value)?.[1];
      if (!REFERRAL_PURPOSES.includes(purpose as ReferralPurpose)) fail(`investigationOutcomes.${outcome} is "${value}"; expected handOverTo:<${REFERRAL_PURPOSES.join('|')}> or a list`);
      investigation[outcome] = { handOverTo: purpose as ReferralPurpose };
    } else investigation[outcome] = parseTargets(value, `investigationOutcomes.${outcome}`);
  }
  for (const [name, type] of Object.entries(handoverTypes)) {
    if (!PARTNER_TYPES.includes(type as PartnerType)) fail(`handoverTypes.${name} is ${JSON.stringify(type)}, not a partner type`);
  }
  for (const [type, next] of Object.entries(fallbacks)) {
    if (!PARTNER_TYPES.includes(type as PartnerType)) fail(`fallbacks has an unknown partner type ${type}`);
    if (!Array.isArray(next) || !next.every((t) => PARTNER_TYPES.includes(t as PartnerType))) fail(`fallbacks.${type} is not a list of partner types`);
  }
  return {
    version,
    assessmentOutcomes: Object.fromEntries(Object.entries(assessmentOutcomes).map(([outcome, targets]) => [outcome, parseTargets(targets, `assessmentOutcomes.${outcome}`)])),
    investigationOutcomes: investigation,
    handoverTypes: handoverTypes as Record<string, PartnerType>,
    notReferred: notReferred.map(String),
    fallbacks: fallbacks as RoutingRules['fallbacks'],
  };
}

export const ROUTING_RULES_FILE = process.env['REFERRAL_ROUTING_FILE'] ?? join(__dirname, '..', '..', '..', '..', 'config', 'partners', 'routing.json');

export function loadRoutingRules(file = ROUTING_RULES_FILE): RoutingRules {
  return parseRoutingRules(JSON.parse(readFileSync(file, 'utf8')));
}

/** Whom a completed veiligheidsbeoordeling refers to. */
export function wantedAfterAssessment(rules: RoutingRules, outcome: string): Wanted[] {
  return (rules.assessmentOutcomes[outcome] ?? []).map((target) => ({ kind: 'type', ...target }));
}

function wantedParty(rules: RoutingRules, directory: PartnerDirectory, party: string, purpose: ReferralPurpose): Wanted | undefined {
  if (rules.notReferred.includes(party)) return undefined;
  if (directory.partners.some((p) => p.partnerId === party)) return { kind: 'partner', partnerId: party, purpose };
  const type = rules.handoverTypes[party];
  if (type) return { kind: 'type', partnerType: type, purpose };
  return { kind: 'unroutable', wanted: party, reason: `${party} is neither a partner nor a partner type in partner directory ${directory.version}` };
}

/** Whom a concluded investigation refers to: fixed targets, or the types it names in `handOverTo`. */
export function wantedAfterInvestigation(rules: RoutingRules, directory: PartnerDirectory, outcome: string, handOverTo: string[]): Wanted[] {
  const rule = rules.investigationOutcomes[outcome];
  if (!rule) return [];
  if (Array.isArray(rule)) return rule.map((target) => ({ kind: 'type', ...target }));
  return handOverTo.map((party) => wantedParty(rules, directory, party, rule.handOverTo)).filter((w): w is Wanted => w !== undefined);
}

/** Whom recorded safety conditions refer to: the named partners, or a partner of each named type. */
export function wantedForSafetyConditions(rules: RoutingRules, directory: PartnerDirectory, handedOverTo: string[]): Wanted[] {
  return handedOverTo.map((party) => wantedParty(rules, directory, party, 'voorwaarden')).filter((w): w is Wanted => w !== undefined);
}

/** The household's VT region: from the melding, else from its gemeente's lokaal team, else its island's desk. */
export function regionOf(directory: PartnerDirectory, place: HouseholdPlace): string | undefined {
  if (place.regionCode) return place.regionCode;
  if (place.gemeenteCode) return directory.partners.find((p) => p.partnerType === 'lokaal-team' && p.gemeenteCode === place.gemeenteCode)?.regionCode;
  if (place.island) return directory.partners.find((p) => p.partnerType === 'lokaal-team' && p.island === place.island)?.regionCode;
  return undefined;
}

/** The partners of a type that serve the household, in a stable order (the first is asked first). */
export function candidates(directory: PartnerDirectory, place: HouseholdPlace, partnerType: PartnerType): Partner[] {
  const ofType = directory.partners.filter((p) => p.partnerType === partnerType);
  if (partnerType === 'lokaal-team') {
    if (place.gemeenteCode) return ofType.filter((p) => p.gemeenteCode === place.gemeenteCode);
    if (place.island) return ofType.filter((p) => p.island === place.island);
    return [];
  }
  const region = regionOf(directory, place);
  return ofType.filter((p) => p.regionCode === region).sort((a, b) => a.partnerId.localeCompare(b.partnerId));
}

/**
 * A partner, or why none: `code` is what the log records (`ReferralRoutingFailed.reasonCode`, docs/adr/0020); `reason`
 * explains it in words for logs and tests, and never enters an event.
 */
export type Choice = { chosen: true; partner: Partner } | { chosen: false; code: RoutingFailureReason; reason: string };

function describe(place: HouseholdPlace): string {
  return place.gemeenteCode ? `gemeente ${place.gemeenteCode}` : place.island ? `island ${place.island}` : place.regionCode ? `region ${place.regionCode}` : 'a household without gemeente or region';
}

/** The partner types a household without a minor can be referred to: every type but the routes for children. */
export const PARTNER_TYPES_FOR_ADULTS: readonly PartnerType[] = PARTNER_TYPES.filter((type) => !isPartnerTypeForMinors(type));

/**
 * The fixed phrase a routing failure's sentence carries when the route was refused because it needs a minor. It is
 * what the v1 → v2 upcaster (`routingFailureReasonOf` in @vt/contracts) can recognise as reason code
 * `route-needs-a-minor`, as it recognises the other sentences of this file by their wording.
 */
export const ROUTE_NEEDS_A_MINOR_PHRASE = 'needs a minor in the household (route-needs-a-minor)';

/**
 * Policy "a route for children needs a minor" (issue 11 point 7, docs/adr/0022), the referral service's defence in
 * depth behind crisis-triage's and safety-investigation's 422: a household known to have no minor is never referred to
 * the RvdK or a gecertificeerde instelling. Returns the sentence for the routing failure, or undefined when the route
 * is open (a household with a minor, or one whose ages are not all known).
 */
export function routeForMinorsRefused(partnerType: PartnerType, minors: MinorsInHousehold): string | undefined {
  if (minors !== 'none' || !isPartnerTypeForMinors(partnerType)) return undefined;
  return (
    `${partnerType} works for children and ${ROUTE_NEEDS_A_MINOR_PHRASE}: nobody in this household is known to be under 18 at receipt ` +
    `or registered as child-involved; the routes for adults are ${PARTNER_TYPES_FOR_ADULTS.join(', ')}`
  );
}

/** The partner a wish goes to first; never a route for children for a household known to have no minor. */
export function choosePartner(directory: PartnerDirectory, place: HouseholdPlace, wanted: Wanted, minors: MinorsInHousehold = 'unknown'): Choice {
  if (wanted.kind === 'unroutable') return { chosen: false, code: 'unknown-party', reason: wanted.reason };
  if (wanted.kind === 'partner') {
    const partner = directory.partners.find((p) => p.partnerId === wanted.partnerId);
    if (!partner) return { chosen: false, code: 'unknown-partner', reason: `partner ${wanted.partnerId} is not in partner directory ${directory.version}` };
    const refused = routeForMinorsRefused(partner.partnerType, minors);
    return refused ? { chosen: false, code: 'route-needs-a-minor', reason: refused } : { chosen: true, partner };
  }
  const refused = routeForMinorsRefused(wanted.partnerType, minors);
  if (refused) return { chosen: false, code: 'route-needs-a-minor', reason: refused };
  const [first] = candidates(directory, place, wanted.partnerType);
  return first ? { chosen: true, partner: first } : { chosen: false, code: 'no-partner-for-place', reason: `no ${wanted.partnerType} for ${describe(place)} in partner directory ${directory.version}` };
}

/**
 * The wishes of one decision for a household: informing the gemeente (`informeren`) goes with a request to a route
 * for children (VT informs the gemeente because it asks the RvdK to investigate); when that request is refused
 * because the household has no minor, there is nothing to inform about, and no ground to disclose anything.
 */
export function wantedForHousehold(directory: PartnerDirectory, wanted: readonly Wanted[], minors: MinorsInHousehold): Wanted[] {
  const typeOf = (wish: Wanted): PartnerType | undefined =>
    wish.kind === 'type' ? wish.partnerType : wish.kind === 'partner' ? directory.partners.find((p) => p.partnerId === wish.partnerId)?.partnerType : undefined;
  const requestRefused = wanted.some((wish) => {
    const type = typeOf(wish);
    return wish.kind !== 'unroutable' && wish.purpose === 'verzoek-onderzoek' && type !== undefined && routeForMinorsRefused(type, minors) !== undefined;
  });
  return requestRefused ? wanted.filter((wish) => wish.kind === 'unroutable' || wish.purpose !== 'informeren') : [...wanted];
}

/**
 * Where a declined or expired referral goes next: another partner of the same type that has not been
 * asked yet, then the configured fallback types in order. `tried` holds every partner asked so far. A household
 * known to have no minor stays on adult partners: a route for children in the chain is skipped.
 */
export function nextPartner(rules: RoutingRules, directory: PartnerDirectory, place: HouseholdPlace, partnerType: PartnerType, tried: readonly string[], minors: MinorsInHousehold = 'unknown'): Choice {
  for (const type of [partnerType, ...(rules.fallbacks[partnerType] ?? [])]) {
    if (routeForMinorsRefused(type, minors)) continue;
    const next = candidates(directory, place, type).find((p) => !tried.includes(p.partnerId));
    if (next) return { chosen: true, partner: next };
  }
  const fallbacks = rules.fallbacks[partnerType] ?? [];
  return {
    chosen: false,
    code: 'no-partner-left',
    reason: `no other ${[partnerType, ...fallbacks].join(' or ')} for ${describe(place)} left after ${tried.join(', ')} (routing ${rules.version}, partner directory ${directory.version})`,
  };
}
