import { BadRequestException, CanActivate, ExecutionContext, Inject, Injectable, Logger, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { assertRegion, assertRole, unauthenticated } from './access';
import type { AuthConfig } from './config';
import { IS_PUBLIC_KEY, REGION_SCOPED_KEY, RegionRequirement, ROLES_KEY, setPrincipal } from './decorators';
import { AccessTokenError, KeysUnavailableError } from './errors';
import { KeySource } from './jwk';
import { Principal } from './principal';
import { Role } from './roles';
import { AUTH_CONFIG, AUTH_KEYS } from './tokens';
import { VerifiedTokens, verifyAccessToken } from './verify';

/** Verifies bearer tokens against the configured issuer, audience and keys. */
@Injectable()
export class AccessTokenVerifier implements OnModuleInit {
  private readonly logger = new Logger('Auth');
  /** A token's signature is checked once; the same token again skips only that (see `VerifiedTokens`). */
  private readonly verified = new VerifiedTokens();

  constructor(
    @Inject(AUTH_CONFIG) readonly config: AuthConfig,
    @Inject(AUTH_KEYS) private readonly keys: KeySource,
  ) {}

  verify(token: string): Promise<Principal> {
    return verifyAccessToken(token, { issuer: this.config.issuer, audience: this.config.audience, keys: this.keys, clockToleranceSeconds: this.config.clockToleranceSeconds, verified: this.verified });
  }

  /** Loads the keys at start: a broken JWKS file stops the service; an unreachable JWKS URL is retried on use. */
  async onModuleInit(): Promise<void> {
    if (!this.keys.load) return;
    try {
      await this.keys.load();
    } catch (error) {
      if (this.config.jwks.kind === 'file') throw error;
      this.logger.warn(`${(error as Error).message}; retrying when the first token arrives`);
    }
  }
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * The global guard `AuthModule` installs: every route needs a valid bearer token unless `@Public()`;
 * then `@Roles(...)` and `@RegionScoped(...)` are checked. 401 and 403 bodies are
 * `{ statusCode, error: 'unauthenticated' | 'forbidden', message }`; 401 carries `WWW-Authenticate: Bearer`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) return true;
    if (context.getType() !== 'http') return false;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();

    const header = request.headers.authorization;
    if (!header) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      throw unauthenticated('this needs a bearer token (Authorization: Bearer <token>)');
    }
    const token = BEARER.exec(header)?.[1];
    if (!token) {
      response.setHeader('WWW-Authenticate', 'Bearer error="invalid_request"');
      throw unauthenticated('the Authorization header must be "Bearer <token>"');
    }
    let principal: Principal;
    try {
      principal = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof AccessTokenError) {
        response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        throw unauthenticated(`the bearer token is refused (${error.reason}): ${error.message}`);
      }
      if (error instanceof KeysUnavailableError) {
        throw new ServiceUnavailableException({ statusCode: 503, error: 'auth-unavailable', message: "the token issuer's keys cannot be loaded; try again shortly" });
      }
      throw error;
    }
    setPrincipal(request, principal);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && roles.length > 0) assertRole(principal, ...roles);

    const region = this.reflector.getAllAndOverride<RegionRequirement | undefined>(REGION_SCOPED_KEY, targets);
    if (region) {
      const holder: unknown = request[region.source];
      const value = typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[region.name] : undefined;
      if (typeof value !== 'string' || value === '') {
        const path = region.source === 'body' ? region.name : `${region.source === 'params' ? 'path' : 'query'} ${region.name}`;
        throw new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: [{ path: region.name, code: 'missing-region', message: `${path} must name a region` }] });
      }
      assertRegion(principal, value);
    }
    return true;
  }
}
