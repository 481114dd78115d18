import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAuthConfig } from './config';
import { DEV_ISSUER } from './dev-issuer';
import { AuthConfigurationError } from './errors';

describe('access-control configuration', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vt-auth-config-'));
    file = join(dir, 'jwks.json');
    writeFileSync(file, '{"keys":[]}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a JWKS URL configuration', () => {
    expect(loadAuthConfig({ AUTH_ISSUER: 'https://login.example.nl/realms/vt', AUTH_AUDIENCE: 'vt-api', AUTH_JWKS_URL: 'https://login.example.nl/realms/vt/certs' })).toEqual({
      issuer: 'https://login.example.nl/realms/vt',
      audience: 'vt-api',
      jwks: { kind: 'url', url: 'https://login.example.nl/realms/vt/certs' },
      clockToleranceSeconds: 30,
    });
  });

  it('reads a JWKS file configuration, and http on localhost', () => {
    expect(loadAuthConfig({ AUTH_ISSUER: DEV_ISSUER, AUTH_AUDIENCE: 'a', AUTH_JWKS_FILE: file, AUTH_CLOCK_TOLERANCE_SECONDS: '5' })).toMatchObject({ jwks: { kind: 'file', path: file }, clockToleranceSeconds: 5 });
    expect(loadAuthConfig({ AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', AUTH_JWKS_URL: 'http://127.0.0.1:8080/jwks' }).jwks).toEqual({ kind: 'url', url: 'http://127.0.0.1:8080/jwks' });
  });

  it('reports every problem at once, each naming its variable', () => {
    expect(() => loadAuthConfig({ AUTH_CLOCK_TOLERANCE_SECONDS: '1.5' }, { service: 'intake' })).toThrow(
      /^intake cannot start; fix its access-control configuration:\n {2}- AUTH_ISSUER is missing[\s\S]*\n {2}- AUTH_AUDIENCE is missing[\s\S]*\n {2}- AUTH_JWKS_URL or AUTH_JWKS_FILE is missing[\s\S]*\n {2}- AUTH_CLOCK_TOLERANCE_SECONDS must be whole seconds 0–300 \(got "1.5"\)$/,
    );
    expect(() => loadAuthConfig({ AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', AUTH_JWKS_URL: 'https://x/j', AUTH_JWKS_FILE: file })).toThrow(AuthConfigurationError);
    expect(() => loadAuthConfig({ AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', AUTH_JWKS_URL: 'https://x/j', AUTH_JWKS_FILE: file })).toThrow('set only one of AUTH_JWKS_URL and AUTH_JWKS_FILE');
    expect(() => loadAuthConfig({ AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', AUTH_JWKS_URL: 'http://idp.example/jwks' })).toThrow('AUTH_JWKS_URL must be an https:// URL (http:// only on localhost)');
    expect(() => loadAuthConfig({ AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', AUTH_JWKS_URL: 'not a url' })).toThrow('AUTH_JWKS_URL is not a URL');
    expect(() => loadAuthConfig({ AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', AUTH_JWKS_FILE: join(dir, 'missing.json') })).toThrow(/AUTH_JWKS_FILE .*missing.json does not exist or is not a file; `npm run vt -- dev-issuer`/);
  });

  it('refuses the dev issuer in production', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production', AUTH_ISSUER: DEV_ISSUER, AUTH_AUDIENCE: 'a', AUTH_JWKS_FILE: file })).toThrow(/local development issuer .* refused when NODE_ENV=production/);
  });
});
