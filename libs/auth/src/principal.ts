import { NATIONAL_SCOPE, RegionScope, Role } from './roles';

/** Who a verified access token speaks for. */
export interface Principal {
  /** The token's `sub`. */
  subject: string;
  /** Known roles from the `roles` claim; names this system does not know are left out. */
  roles: Role[];
  /** Valid region scopes from the `regions` claim (`*` = every region); other values are left out. */
  regions: RegionScope[];
  expiresAt: Date;
  /** The `partner` claim: the partner (directory id) a token of role `partner` speaks for. Absent on other tokens. */
  partner?: string;
}

/** The actor recorded on events for a decision this principal takes: `user:<sub>`. */
export function actorOf(principal: Pick<Principal, 'subject'>): string {
  return `user:${principal.subject}`;
}

/**
 * The actor recorded for what someone at a partner does (a read of a referral's safety conditions):
 * `user:partner:<partner id>:<sub>`, within the contracts' actor pattern (`user:` or `system:`), naming both
 * the partner and who at the partner. Throws for a principal without a partner.
 */
export function partnerActorOf(principal: Pick<Principal, 'subject' | 'partner'>): string {
  if (!principal.partner) throw new Error('partnerActorOf needs a principal of a partner (the token has no partner claim)');
  return `user:partner:${principal.partner}:${principal.subject}`;
}

export function hasAnyRole(principal: Pick<Principal, 'roles'>, roles: readonly Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}

/** True when the principal works for `region`, or nationally (`*`). VT region codes compare exactly (`vt-amsterdam-amstelland`, `vt-bq-saba`). */
export function coversRegion(principal: Pick<Principal, 'regions'>, region: string): boolean {
  return principal.regions.includes(NATIONAL_SCOPE) || principal.regions.includes(region);
}
