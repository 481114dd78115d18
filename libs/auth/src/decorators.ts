import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { unauthenticated } from './access';
import { actorOf, Principal } from './principal';
import { isRole, Role, ROLES } from './roles';

export const IS_PUBLIC_KEY = 'vt:auth:public';
export const ROLES_KEY = 'vt:auth:roles';
export const REGION_SCOPED_KEY = 'vt:auth:region-scoped';

export type RegionSource = 'params' | 'query' | 'body';
export interface RegionRequirement {
  name: string;
  source: RegionSource;
}

/** The route (or every route of the controller) needs no token: health endpoints. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** The principal needs at least one of these roles (a handler's `@Roles` replaces its controller's). */
export function Roles(...roles: Role[]) {
  const unknown = roles.filter((role) => !isRole(role));
  if (roles.length === 0 || unknown.length > 0) throw new Error(`@Roles needs known roles (${ROLES.join(', ')}); got ${roles.join(', ') || 'none'}`);
  return SetMetadata(ROLES_KEY, roles);
}

/**
 * The principal must work for the region the request names: `request[source][name]`, by default the
 * route parameter (`@RegionScoped('region')` on `GET /regions/:region/...`). Missing → 400; another
 * region → 403. Where the region comes from stored data, call `assertRegion(user, region)` instead.
 */
export function RegionScoped(name: string, source: RegionSource = 'params') {
  return SetMetadata(REGION_SCOPED_KEY, { name, source } satisfies RegionRequirement);
}

const principals = new WeakMap<object, Principal>();

/** Records the verified principal for a request (the guard does this). */
export function setPrincipal(request: object, principal: Principal): void {
  principals.set(request, principal);
}

/** The verified principal of a request, if the guard verified one (never on `@Public()` routes). */
export function principalOf(request: object): Principal | undefined {
  return principals.get(request);
}

function requirePrincipal(context: ExecutionContext): Principal {
  const principal = principalOf(context.switchToHttp().getRequest<object>());
  if (!principal) throw unauthenticated('this needs a bearer token');
  return principal;
}

/** The verified principal: `{ subject, roles, regions, expiresAt }`. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => requirePrincipal(context));

/** The actor to record on events: `user:<sub>` (replaces the `X-Actor` header's `@Actor()`). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): string => actorOf(requirePrincipal(context)));
