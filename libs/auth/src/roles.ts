import { unknownRegionProblem } from '@vt/reference-data';

/**
 * What a person may do. A token may carry several; none implies another (admin is not a super-user). `partner`
 * is someone at a regional partner (a lokaal team, the RvdK, …): its token names the partner in the `partner` claim.
 */
export const ROLES = ['call-handler', 'triage', 'investigator', 'referral-coordinator', 'auditor', 'admin', 'privacy-officer', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/** Region scope `*`: every region (national desks, auditors). */
export const NATIONAL_SCOPE = '*';

/** The Caribbean Netherlands island desks, which are VT regions of their own. */
export const ISLAND_DESKS = ['vt-bq-bonaire', 'vt-bq-saba', 'vt-bq-sint-eustatius'] as const;

/**
 * A region a person works for: a Veilig Thuis region code from the dated VT region table
 * (`data/reference/vt-regions-2023.json`: `vt-groningen`, `vt-amsterdam-amstelland`, `vt-west-brabant`,
 * `vt-midden-brabant`, the island desks `vt-bq-bonaire`, …), or `*` for all. Never a veiligheidsregio code:
 * VR20 is served by two VT organisations (docs/adr/0017).
 */
export type RegionScope = string;

/** What a region scope may be, for help texts and refusals. */
export const REGION_SCOPE_HELP = `a Veilig Thuis region code such as vt-groningen, vt-amsterdam-amstelland, vt-west-brabant or an island desk (${ISLAND_DESKS.join(', ')}), or * for national`;

/** A partner id as the partner directory names it (`lokaal-team-gm0363`): lower-case letters, digits, single hyphens. */
const PARTNER_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function isPartnerId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 100 && PARTNER_ID.test(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True for `*` and for a VT region code in force (compared exactly: `vt-utrecht`, not `VT-Utrecht`). */
export function isRegionScope(value: unknown): value is RegionScope {
  return typeof value === 'string' && (value === NATIONAL_SCOPE || unknownRegionProblem(value) === undefined);
}

/** Problems with a list of role names, each naming the value and what is allowed; empty when all are known. */
export function roleProblems(values: readonly string[]): string[] {
  return values.filter((value) => !isRole(value)).map((value) => `unknown role "${value}"; roles are ${ROLES.join(', ')}`);
}

/**
 * Problems with a list of region scopes, each naming the value and what is allowed; empty when all are valid.
 * A veiligheidsregio code is answered with the VT region(s) that serve it (`VR20` → vt-west-brabant and vt-midden-brabant).
 */
export function regionProblems(values: readonly string[]): string[] {
  return values.filter((value) => !isRegionScope(value)).map((value) => `unknown region ${unknownRegionProblem(value) ?? `"${value}"`}; use ${REGION_SCOPE_HELP}`);
}
