import { partnerReferralsTopic, PartnerType } from '@vt/contracts';

export interface Partner {
  partnerId: string;
  partnerType: PartnerType;
  name: string;
  gemeenteCode: string;
}

export interface PartnerDirectory {
  version: string;
  partners: Partner[];
}

export interface GemeenteRow {
  gemeentecode: string;
  gemeentenaam: string;
}

/** Each gemeente's lokaal team, derived from the dated gemeente table. */
export function lokaalTeamDirectory(version: string, gemeenten: GemeenteRow[]): PartnerDirectory {
  return {
    version,
    partners: gemeenten.map((g) => ({
      partnerId: `lokaal-team-${g.gemeentecode.toLowerCase()}`,
      partnerType: 'lokaal-team' as const,
      name: `Lokaal team ${g.gemeentenaam}`,
      gemeenteCode: g.gemeentecode,
    })),
  };
}

export type RoutingDecision = { routed: true; partner: Partner; topic: string } | { routed: false; reason: string };

/** The skeleton's routing rule: a newly opened household goes to the lokaal team of its gemeente. */
export function routeToLokaalTeam(directory: PartnerDirectory, gemeenteCode: string): RoutingDecision {
  const partner = directory.partners.find((p) => p.partnerType === 'lokaal-team' && p.gemeenteCode === gemeenteCode);
  if (!partner) return { routed: false, reason: `no lokaal team for gemeente ${gemeenteCode} in partner directory ${directory.version}` };
  return { routed: true, partner, topic: partnerReferralsTopic(partner.partnerId) };
}

/** What a lokaal team may receive for a referral, and why: Wmo 2015 art. 5.2.6 (overdracht for follow-up). */
export const LOKAAL_TEAM_DISCLOSURE = {
  legalBasis: 'Wmo 2015 art. 5.2.6',
  purpose: 'overdracht: the lokaal team organises help and keeps sight of safety',
  fields: ['referralId', 'householdReference', 'partnerId', 'partnerType', 'gemeenteCode', 'issuedAt'],
};
