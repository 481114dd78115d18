import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { coversRegion, hasAnyRole, Principal } from './principal';
import { Role } from './roles';

/** 401 `{ statusCode: 401, error: 'unauthenticated', message }`. */
export function unauthenticated(message: string): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'unauthenticated', message });
}

/** 403 `{ statusCode: 403, error: 'forbidden', message }`. */
export function forbidden(message: string): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'forbidden', message });
}

const list = (values: readonly string[], or: string) => (values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} ${or} ${values[values.length - 1]}`);

/** Throws 403 unless the principal has at least one of `roles`; the message names them. */
export function assertRole(principal: Pick<Principal, 'roles'>, ...roles: Role[]): void {
  if (roles.length === 0 || hasAnyRole(principal, roles)) return;
  const has = principal.roles.length > 0 ? `the token has ${principal.roles.join(', ')}` : 'the token has no role';
  throw forbidden(`this needs role ${list(roles, 'or')}; ${has}`);
}

/**
 * Throws 403 unless the principal works for `region` (or nationally, `*`); the message names the region.
 * For handlers that learn the region from the data (the case's region), not from the request.
 */
export function assertRegion(principal: Pick<Principal, 'regions'>, region: string): void {
  if (coversRegion(principal, region)) return;
  const covers = principal.regions.length > 0 ? `the token covers ${principal.regions.join(', ')}` : 'the token covers no region';
  throw forbidden(`this needs access to region ${region}; ${covers}`);
}
