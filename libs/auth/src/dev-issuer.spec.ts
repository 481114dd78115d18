import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER } from './dev-issuer';
import { REGION_SCOPE_HELP } from './roles';

describe('local dev issuer', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vt-dev-issuer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a key pair once, the private key readable only by its owner, and publishes only the public key', () => {
    const issuer = createDevIssuer(join(dir, 'issuer'));
    expect(issuer).toMatchObject({ created: true, issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
    expect(statSync(issuer.privateKeyFile).mode & 0o777).toBe(0o600);
    const jwks = JSON.parse(readFileSync(issuer.jwksFile, 'utf8'));
    expect(jwks).toEqual({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: issuer.kid, alg: 'EdDSA', use: 'sig' }] });
    expect(readFileSync(join(dir, 'issuer', '.gitignore'), 'utf8')).toMatch(/^\*$/m);

    const again = createDevIssuer(join(dir, 'issuer'));
    expect(again).toMatchObject({ created: false, kid: issuer.kid });
  });

  it('issues tokens with the standard claims', () => {
    const issuer = createDevIssuer(dir);
    const token = issuer.issueToken({ subject: 'triage-utrecht-3', roles: ['triage', 'triage'], regions: ['vt-utrecht'], ttlSeconds: 120, issuedAt: new Date('2025-01-01T00:00:00Z') });
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: issuer.kid });
    expect(payload).toEqual({ iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: 'triage-utrecht-3', roles: ['triage'], regions: ['vt-utrecht'], iat: 1735689600, nbf: 1735689600, exp: 1735689720, jti: expect.any(String) });
  });

  // Rule (plan "Regions"): tokens carry VT region codes; a veiligheidsregio code is refused naming the VT region(s) that serve it.
  it('explains unknown roles, unknown regions, a veiligheidsregio instead of a VT region, and a bad ttl', () => {
    const issuer = createDevIssuer(dir);
    expect(() => issuer.issueToken({ subject: 'x', roles: ['caller'], regions: ['VR13', 'vt-bq-curacao'], ttlSeconds: 0 })).toThrow(
      [
        'unknown role "caller"; roles are call-handler, triage, investigator, referral-coordinator, auditor, admin, privacy-officer, partner',
        `unknown region "VR13" is a veiligheidsregio, not a Veilig Thuis region; VR13 is served by vt-amsterdam-amstelland; use ${REGION_SCOPE_HELP}`,
        `unknown region "vt-bq-curacao" is not a Veilig Thuis region of vt-regions-2023; use ${REGION_SCOPE_HELP}`,
        'ttl must be whole seconds 1–86400 (got 0)',
      ].join('\n'),
    );
    expect(() => issuer.issueToken({ subject: 'has space', roles: [], regions: [] })).toThrow(/subject must be[\s\S]*give at least one role[\s\S]*give at least one region/);
  });

  it('issues a partner token with its partner claim (regions may be left out), and only with role partner', () => {
    const issuer = createDevIssuer(dir);
    const token = issuer.issueToken({ subject: 'medewerker-1', roles: ['partner'], regions: [], partner: 'lokaal-team-gm0363' });
    expect(JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString())).toMatchObject({ sub: 'medewerker-1', roles: ['partner'], regions: [], partner: 'lokaal-team-gm0363' });
    expect(() => issuer.issueToken({ subject: 'x', roles: ['partner'], regions: [] })).toThrow('role partner needs the partner it speaks for');
    expect(() => issuer.issueToken({ subject: 'x', roles: ['partner'], regions: [], partner: 'Lokaal Team' })).toThrow('partner "Lokaal Team" is not a partner id');
    expect(() => issuer.issueToken({ subject: 'x', roles: ['investigator'], regions: ['vt-groningen'], partner: 'lokaal-team-gm0363' })).toThrow('a partner is named only with role partner');
    expect(() => issuer.issueToken({ subject: 'x', roles: ['investigator', 'partner'], regions: [], partner: 'lokaal-team-gm0363' })).toThrow('give at least one region');
  });
});
