import { authorizeUrl, checkDiscovery, pkceChallenge, readAuthorizationResponse, tokenRequestBody } from './oidc';
import { isExpired, sessionFromToken } from './session';
import { parseWorkspaceConfig } from '../config';

describe('sign-in', () => {
  it('computes the PKCE S256 challenge of RFC 7636 appendix B', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('asks the provider for a code with PKCE, the scope and the audience configured', () => {
    const url = new URL(authorizeUrl('https://idp.example/authorize', { kind: 'oidc', issuer: 'https://idp.example', clientId: 'vt-workspace', audience: 'urn:vt:api' }, { redirectUri: 'https://werkplek.example/', state: 's', challenge: 'c' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({ response_type: 'code', client_id: 'vt-workspace', redirect_uri: 'https://werkplek.example/', scope: 'openid', state: 's', code_challenge: 'c', code_challenge_method: 'S256', audience: 'urn:vt:api' });
  });

  // Found against a real provider (oidc-provider, tests/e2e/src/workspace): a resource indicator must be named on the
  // token request too, or the access token is an opaque one for the provider's userinfo that no service can verify.
  it('names the resource indicator (RFC 8707) on the authorize and the token request, with the PKCE verifier', () => {
    const config = { kind: 'oidc', issuer: 'https://idp.example', clientId: 'vt-workspace', resource: 'urn:vt:api' } as const;
    expect(new URL(authorizeUrl('https://idp.example/auth', config, { redirectUri: 'https://werkplek.example/', state: 's', challenge: 'c' })).searchParams.get('resource')).toBe('urn:vt:api');
    expect(Object.fromEntries(tokenRequestBody(config, { code: 'k', redirectUri: 'https://werkplek.example/', verifier: 'v' }))).toEqual({
      grant_type: 'authorization_code', code: 'k', redirect_uri: 'https://werkplek.example/', client_id: 'vt-workspace', code_verifier: 'v', resource: 'urn:vt:api',
    });
    expect(tokenRequestBody({ ...config, resource: undefined }, { code: 'k', redirectUri: 'r', verifier: 'v' }).has('resource')).toBe(false);
  });

  it('accepts only the discovery document of the configured issuer', () => {
    const config = { kind: 'oidc', issuer: 'https://idp.example', clientId: 'w' } as const;
    const discovery = { issuer: 'https://idp.example', authorization_endpoint: 'https://idp.example/auth', token_endpoint: 'https://idp.example/token' };
    expect(checkDiscovery(config, discovery)).toEqual(discovery);
    expect(() => checkDiscovery(config, { ...discovery, issuer: 'https://idp.example/' })).toThrow(/noemt zich "https:\/\/idp.example\/"/);
    expect(() => checkDiscovery(config, { issuer: 'https://idp.example' })).toThrow(/token_endpoint/);
  });

  it('reads the provider’s answer: the code for this sign-in only (state, iss of RFC 9207), a refusal as a sentence', () => {
    const pending = { verifier: 'v', state: 's1' };
    const provider = { issuer: 'https://idp.example', authorization_response_iss_parameter_supported: true };
    expect(readAuthorizationResponse('?code=k&state=s1&iss=https%3A%2F%2Fidp.example', pending, provider)).toEqual({ code: 'k' });
    expect(readAuthorizationResponse('?code=k&state=s1', pending, { issuer: 'https://idp.example' })).toEqual({ code: 'k' });
    expect(readAuthorizationResponse('?code=k&state=s1', undefined, provider)).toBeUndefined();
    expect(readAuthorizationResponse('', pending, provider)).toBeUndefined();
    expect(() => readAuthorizationResponse('?code=k&state=other&iss=https%3A%2F%2Fidp.example', pending, provider)).toThrow(/state/);
    expect(() => readAuthorizationResponse('?code=k&state=s1', pending, provider)).toThrow(/iss null/);
    expect(() => readAuthorizationResponse('?code=k&state=s1&iss=https%3A%2F%2Fevil.example', pending, { issuer: 'https://idp.example' })).toThrow(/evil/);
    expect(() => readAuthorizationResponse('?error=access_denied&state=s1&iss=https%3A%2F%2Fidp.example', pending, provider)).toThrow('de identiteitsprovider weigerde de aanmelding');
    expect(() => readAuthorizationResponse('?error=invalid_target&error_description=resource%20unknown&state=s1&iss=https%3A%2F%2Fidp.example', pending, provider)).toThrow('de identiteitsprovider antwoordde invalid_target (resource unknown)');
  });

  it('reads roles, regions and expiry from a token’s claims (the services verify it)', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'dev-call-handler', roles: ['call-handler'], regions: ['vt-amsterdam-amstelland'], exp: 2_000_000_000, naam: 'Jeroen Bosch’' })).toString('base64url');
    const session = sessionFromToken(`e30.${payload}.sig`);
    expect(session).toEqual({ accessToken: `e30.${payload}.sig`, subject: 'dev-call-handler', roles: ['call-handler'], regions: ['vt-amsterdam-amstelland'], expiresAt: 2_000_000_000 });
    expect(session && isExpired(session, 2_000_000_001)).toBe(true);
    expect(sessionFromToken('not-a-token')).toBeUndefined();
  });

  it('reads the workspace configuration, and says what is wrong with a bad one', () => {
    expect(parseWorkspaceConfig({ auth: { kind: 'oidc', issuer: 'https://idp.example', clientId: 'w' } })).toEqual({ auth: { kind: 'oidc', issuer: 'https://idp.example', clientId: 'w' } });
    expect(parseWorkspaceConfig({ auth: { kind: 'oidc', issuer: 'https://idp.example', clientId: 'w', resource: 'urn:vt:api' } }).auth).toMatchObject({ resource: 'urn:vt:api' });
    expect(() => parseWorkspaceConfig({ auth: { kind: 'oidc' } })).toThrow(/clientId/);
  });
});
