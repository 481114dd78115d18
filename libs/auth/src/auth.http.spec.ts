import { Body, Controller, Get, INestApplication, Module, Param, Post, Query } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertRegion } from './access';
import { AuthModule, AuthModuleOptions } from './auth.module';
import { CurrentActor, CurrentUser, Public, RegionScoped, Roles } from './decorators';
import { createDevIssuer, DevIssuer } from './dev-issuer';
import { AuthConfigurationError, KeysUnavailableError } from './errors';
import { Principal } from './principal';

// Real HTTP against an in-process Nest app: the guard, the decorators and the error bodies as a client sees them.

@Public()
@Controller('health')
class HealthController {
  @Get('live')
  live(): { status: string } {
    return { status: 'live' };
  }
}

@Controller()
class CasesController {
  @Get('me')
  me(@CurrentUser() user: Principal, @CurrentActor() actor: string): Record<string, unknown> {
    return { user, actor };
  }

  @Post('meldingen')
  @Roles('call-handler')
  register(@Body() body: unknown, @CurrentActor() actor: string): Record<string, unknown> {
    return { registeredBy: actor, body };
  }

  @Get('regions/:region/cases')
  @Roles('triage', 'investigator')
  @RegionScoped('region')
  list(@Param('region') region: string): Record<string, unknown> {
    return { region, cases: [] };
  }

  @Get('search')
  @RegionScoped('region', 'query')
  search(@Query('region') region: string): Record<string, unknown> {
    return { region };
  }

  /** The region comes from the data, so the handler checks it. */
  @Get('cases/:id')
  read(@Param('id') id: string, @CurrentUser() user: Principal): Record<string, unknown> {
    assertRegion(user, 'vt-rotterdam-rijnmond');
    return { id, region: 'vt-rotterdam-rijnmond' };
  }

  @Public()
  @Get('public-but-asks-user')
  odd(@CurrentUser() user: Principal): Principal {
    return user;
  }
}

async function start(options: AuthModuleOptions): Promise<{ app: INestApplication; url: string }> {
  @Module({ imports: [AuthModule.forRoot(options)], controllers: [HealthController, CasesController] })
  class AppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

describe('AuthModule over HTTP', () => {
  let dir: string;
  let issuer: DevIssuer;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vt-auth-http-'));
    issuer = createDevIssuer(join(dir, 'dev-issuer'));
    ({ app, url } = await start({ env: { AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: issuer.audience, AUTH_JWKS_FILE: issuer.jwksFile } }));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const token = (roles: string[], regions: string[], extra: Partial<Parameters<DevIssuer['issueToken']>[0]> = {}) => issuer.issueToken({ subject: 'u-17', roles, regions, ...extra });

  async function call(path: string, init: { token?: string; authorization?: string; method?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    if (init.authorization) headers['authorization'] = init.authorization;
    const response = await fetch(`${url}${path}`, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
    return { status: response.status, challenge: response.headers.get('www-authenticate'), body: (await response.json()) as Record<string, unknown> };
  }

  it('lets anyone reach a @Public() route', async () => {
    expect(await call('/health/live')).toMatchObject({ status: 200, body: { status: 'live' }, challenge: null });
  });

  it('answers 401 with a Bearer challenge when the token is missing or not a bearer token', async () => {
    expect(await call('/me')).toEqual({
      status: 401,
      challenge: 'Bearer',
      body: { statusCode: 401, error: 'unauthenticated', message: 'this needs a bearer token (Authorization: Bearer <token>)' },
    });
    expect(await call('/me', { authorization: 'Basic dXNlcjpwYXNz' })).toEqual({
      status: 401,
      challenge: 'Bearer error="invalid_request"',
      body: { statusCode: 401, error: 'unauthenticated', message: 'the Authorization header must be "Bearer <token>"' },
    });
  });

  it('answers 401 for an invalid token, saying why', async () => {
    const expired = token(['call-handler'], ['vt-amsterdam-amstelland'], { issuedAt: new Date(Date.now() - 7200_000) });
    expect(await call('/me', { token: expired })).toEqual({
      status: 401,
      challenge: 'Bearer error="invalid_token"',
      body: { statusCode: 401, error: 'unauthenticated', message: expect.stringMatching(/^the bearer token is refused \(expired\): the token expired at /) },
    });
    const wrongAudience = token(['call-handler'], ['vt-amsterdam-amstelland'], { audience: 'other' });
    expect(await call('/me', { token: wrongAudience })).toMatchObject({ status: 401, body: { message: expect.stringContaining('(wrong-audience)') } });
    expect(await call('/me', { token: 'not.a.token' })).toMatchObject({ status: 401, body: { message: expect.stringContaining('(malformed)') } });
  });

  it('gives the handler the verified principal and the actor user:<sub>', async () => {
    const result = await call('/me', { token: token(['call-handler', 'auditor'], ['vt-amsterdam-amstelland', 'vt-bq-saba']) });
    expect(result).toMatchObject({ status: 200, body: { user: { subject: 'u-17', roles: ['call-handler', 'auditor'], regions: ['vt-amsterdam-amstelland', 'vt-bq-saba'], expiresAt: expect.any(String) }, actor: 'user:u-17' } });
    expect(await call('/meldingen', { method: 'POST', token: token(['call-handler'], ['vt-amsterdam-amstelland']), body: { a: 1 } })).toMatchObject({ status: 201, body: { registeredBy: 'user:u-17' } });
  });

  it('answers 403 naming the role needed', async () => {
    expect(await call('/meldingen', { method: 'POST', token: token(['triage'], ['vt-amsterdam-amstelland']), body: {} })).toEqual({
      status: 403,
      challenge: null,
      body: { statusCode: 403, error: 'forbidden', message: 'this needs role call-handler; the token has triage' },
    });
  });

  it('answers 403 naming the region needed, and lets national scope through', async () => {
    expect(await call('/regions/vt-amsterdam-amstelland/cases', { token: token(['triage'], ['vt-utrecht']) })).toEqual({
      status: 403,
      challenge: null,
      body: { statusCode: 403, error: 'forbidden', message: 'this needs access to region vt-amsterdam-amstelland; the token covers vt-utrecht' },
    });
    expect(await call('/regions/vt-amsterdam-amstelland/cases', { token: token(['call-handler'], ['vt-amsterdam-amstelland']) })).toMatchObject({ status: 403, body: { message: 'this needs role triage or investigator; the token has call-handler' } });
    expect(await call('/regions/vt-amsterdam-amstelland/cases', { token: token(['investigator'], ['vt-utrecht', 'vt-amsterdam-amstelland']) })).toMatchObject({ status: 200, body: { region: 'vt-amsterdam-amstelland' } });
    expect(await call('/regions/vt-bq-saba/cases', { token: token(['triage'], ['*']) })).toMatchObject({ status: 200, body: { region: 'vt-bq-saba' } });
  });

  it('reads a region from the query, and needs one', async () => {
    expect(await call('/search?region=vt-amsterdam-amstelland', { token: token(['triage'], ['vt-amsterdam-amstelland']) })).toMatchObject({ status: 200 });
    expect(await call('/search?region=vt-gooi-en-vechtstreek', { token: token(['triage'], ['vt-amsterdam-amstelland']) })).toMatchObject({ status: 403 });
    expect(await call('/search', { token: token(['triage'], ['vt-amsterdam-amstelland']) })).toEqual({
      status: 400,
      challenge: null,
      body: { statusCode: 400, error: 'validation-failed', fields: [{ path: 'region', code: 'missing-region', message: 'query region must name a region' }] },
    });
  });

  it('lets handlers check a region found in the data with assertRegion', async () => {
    expect(await call('/cases/c-1', { token: token(['triage'], ['vt-amsterdam-amstelland']) })).toMatchObject({ status: 403, body: { message: 'this needs access to region vt-rotterdam-rijnmond; the token covers vt-amsterdam-amstelland' } });
    expect(await call('/cases/c-1', { token: token(['triage'], ['vt-rotterdam-rijnmond']) })).toMatchObject({ status: 200 });
  });

  it('refuses @CurrentUser() on a public route rather than inventing a user', async () => {
    expect(await call('/public-but-asks-user')).toMatchObject({ status: 401 });
  });

  it('answers 503 when the issuer keys cannot be loaded', async () => {
    const down = await start({
      config: { issuer: issuer.issuer, audience: issuer.audience, jwks: { kind: 'url', url: 'https://idp.invalid/jwks' }, clockToleranceSeconds: 30 },
      keys: { resolve: () => Promise.reject(new KeysUnavailableError('idp down')) },
    });
    try {
      const response = await fetch(`${down.url}/me`, { headers: { authorization: `Bearer ${token(['triage'], ['vt-amsterdam-amstelland'])}` } });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ statusCode: 503, error: 'auth-unavailable', message: "the token issuer's keys cannot be loaded; try again shortly" });
    } finally {
      await down.app.close();
    }
  });

  it('does not start without access-control configuration', async () => {
    await expect(start({ env: {}, service: 'intake' })).rejects.toThrow(AuthConfigurationError);
  });
});
