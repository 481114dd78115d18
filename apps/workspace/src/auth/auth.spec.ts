import { authorizeUrl, pkceChallenge } from './oidc';
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

  it('reads roles, regions and expiry from a token’s claims (the services verify it)', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'dev-call-handler', roles: ['call-handler'], regions: ['vt-amsterdam-amstelland'], exp: 2_000_000_000, naam: 'Jeroen Bosch’' })).toString('base64url');
    const session = sessionFromToken(`e30.${payload}.sig`);
    expect(session).toEqual({ accessToken: `e30.${payload}.sig`, subject: 'dev-call-handler', roles: ['call-handler'], regions: ['vt-amsterdam-amstelland'], expiresAt: 2_000_000_000 });
    expect(session && isExpired(session, 2_000_000_001)).toBe(true);
    expect(sessionFromToken('not-a-token')).toBeUndefined();
  });

  it('reads the workspace configuration, and says what is wrong with a bad one', () => {
    expect(parseWorkspaceConfig({ auth: { kind: 'oidc', issuer: 'https://idp.example', clientId: 'w' } })).toEqual({ auth: { kind: 'oidc', issuer: 'https://idp.example', clientId: 'w' } });
    expect(() => parseWorkspaceConfig({ auth: { kind: 'oidc' } })).toThrow(/clientId/);
  });
});
