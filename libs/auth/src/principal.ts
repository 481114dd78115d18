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
}

/** The actor recorded on events for a decision this principal takes: `user:<sub>`. */
export function actorOf(principal: Pick<Principal, 'subject'>): string {
  return `user:${principal.subject}`;
}

export function hasAnyRole(principal: Pick<Principal, 'roles'>, roles: readonly Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}

/** True when the principal works for `region`, or nationally (`*`). VT region codes compare exactly (`vt-amsterdam-amstelland`, `vt-bq-saba`). */
export function coversRegion(principal: Pick<Principal, 'regions'>, region: string): boolean {
  return principal.regions.includes(NATIONAL_SCOPE) || principal.regions.includes(region);
}
