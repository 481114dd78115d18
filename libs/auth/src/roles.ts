/**
 * What a person may do. A token may carry several; none implies another (admin is not a super-user). `partner`
 * is someone at a regional partner (a lokaal team, the RvdK, …): its token names the partner in the `partner` claim.
 */
export const ROLES = ['call-handler', 'triage', 'investigator', 'referral-coordinator', 'auditor', 'admin', 'privacy-officer', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/** Region scope `*`: every region (national desks, auditors). */
export const NATIONAL_SCOPE = '*';

/** The Caribbean Netherlands island desks, which are regions of their own. */
export const ISLAND_DESKS = ['vt-bq-bonaire', 'vt-bq-saba', 'vt-bq-sint-eustatius'] as const;

/** A region a person works for: a veiligheidsregio `VR01`–`VR25`, an island desk, or `*` for all. */
export type RegionScope = string;

const VEILIGHEIDSREGIO = /^VR(0[1-9]|1\d|2[0-5])$/;

export const REGION_SCOPE_HELP = `a veiligheidsregio VR01–VR25, an island desk (${ISLAND_DESKS.join(', ')}) or * for national`;

/** A partner id as the partner directory names it (`lokaal-team-gm0363`): lower-case letters, digits, single hyphens. */
const PARTNER_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function isPartnerId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 100 && PARTNER_ID.test(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isRegionScope(value: unknown): value is RegionScope {
  return typeof value === 'string' && (value === NATIONAL_SCOPE || VEILIGHEIDSREGIO.test(value) || (ISLAND_DESKS as readonly string[]).includes(value));
}

/** Problems with a list of role names, each naming the value and what is allowed; empty when all are known. */
export function roleProblems(values: readonly string[]): string[] {
  return values.filter((value) => !isRole(value)).map((value) => `unknown role "${value}"; roles are ${ROLES.join(', ')}`);
}

/** Problems with a list of region scopes, each naming the value and what is allowed; empty when all are valid. */
export function regionProblems(values: readonly string[]): string[] {
  return values.filter((value) => !isRegionScope(value)).map((value) => `unknown region "${value}"; use ${REGION_SCOPE_HELP}`);
}
