import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwksFileSource, verifyAccessToken } from '@vt/auth';
import { run } from './cli';

function invoke(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = run(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('vt command line', () => {
  let dir: string;
  beforeAll(() => (dir = join(mkdtempSync(join(tmpdir(), 'vt-cli-')), 'dev-issuer')));
  afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('prints only a token, which verifies against the JWKS file dev-issuer names', async () => {
    const result = invoke('dev-token', '--role', 'call-handler', '--region', 'vt-amsterdam-amstelland', '--dir', dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);

    const env = Object.fromEntries(
      invoke('dev-issuer', '--env', '--dir', dir)
        .stdout.trim()
        .split('\n')
        .map((line) => /^export (\w+)='(.*)'$/.exec(line)?.slice(1) as [string, string]),
    );
    expect(Object.keys(env)).toEqual(['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_FILE']);
    const principal = await verifyAccessToken(result.stdout.trim(), { issuer: env['AUTH_ISSUER'] as string, audience: env['AUTH_AUDIENCE'] as string, keys: new JwksFileSource(env['AUTH_JWKS_FILE'] as string) });
    expect(principal).toMatchObject({ subject: 'dev-call-handler-vt-amsterdam-amstelland', roles: ['call-handler'], regions: ['vt-amsterdam-amstelland'] });
  });

  it('takes several roles and regions, a subject and a ttl, and explains the claims on stderr', () => {
    const result = invoke('dev-token', '--role', 'triage,investigator', '--region', 'vt-utrecht', '--region', 'vt-bq-saba', '--subject', 'triage-utrecht-3', '--ttl', '600', '--explain', '--dir', dir);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const explained = JSON.parse(result.stderr.slice(0, result.stderr.lastIndexOf('}') + 1));
    expect(explained).toMatchObject({ header: { alg: 'EdDSA', typ: 'JWT' }, claims: { sub: 'triage-utrecht-3', roles: ['triage', 'investigator'], regions: ['vt-utrecht', 'vt-bq-saba'] } });
    expect(explained.claims.exp - explained.claims.iat).toBe(600);
    expect(result.stderr).toContain('actor on events: user:triage-utrecht-3');
  });

  it('names national scope in the default subject', () => {
    const token = invoke('dev-token', '--role', 'auditor', '--region', '*', '--dir', dir).stdout;
    expect(JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString())).toMatchObject({ sub: 'dev-auditor-national', regions: ['*'] });
  });

  // Rule (plan "Regions", docs/adr/0017): tokens carry VT region codes; VR20 is served by two VT organisations.
  it('refuses a veiligheidsregio code, naming the VT region(s) that serve that veiligheidsregio', () => {
    const brabant = invoke('dev-token', '--role', 'triage', '--region', 'VR20', '--dir', dir);
    expect(brabant).toMatchObject({ code: 2, stdout: '' });
    expect(brabant.stderr).toContain('unknown region "VR20" is a veiligheidsregio, not a Veilig Thuis region; VR20 is served by vt-west-brabant and vt-midden-brabant');
    expect(invoke('dev-token', '--role', 'triage', '--region', 'VR13', '--dir', dir).stderr).toContain('VR13 is served by vt-amsterdam-amstelland');
    expect(invoke('dev-token', '--role', 'triage', '--region', 'vt-west-brabant', '--dir', dir).code).toBe(0);
  });

  it('explains unknown roles and regions, and a bad ttl, with exit code 2', () => {
    const result = invoke('dev-token', '--role', 'caller', '--region', 'VR26', '--ttl', '1h', '--dir', dir);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('unknown role "caller"; roles are call-handler, triage, investigator, referral-coordinator, auditor, admin, privacy-officer');
    expect(result.stderr).toContain('unknown region "VR26" is not a veiligheidsregio of gemeenten-2023, nor a Veilig Thuis region; use a Veilig Thuis region code such as vt-groningen');
    expect(result.stderr).toContain('--ttl must be whole seconds 1–86400 (got "1h")');
    expect(result.stderr).toContain('Run `npm run vt -- dev-token --help` for its options.');
    expect(invoke('dev-token', '--dir', dir).stderr).toMatch(/--role is missing[\s\S]*--region is missing/);
    expect(invoke('dev-token', '--role', 'triage', '--region', 'vt-groningen', '--subject', 'a b', '--dir', dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--subject may hold only') });
    expect(invoke('dev-token', '--rol', 'triage', '--dir', dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--rol'") });
  });

  it('issues a partner token naming its partner, without a region; --partner goes only with role partner', async () => {
    const result = invoke('dev-token', '--role', 'partner', '--partner', 'lokaal-team-gm0363', '--explain', '--dir', dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('actor on events: user:partner:lokaal-team-gm0363:dev-partner-lokaal-team-gm0363');
    const claims = JSON.parse(Buffer.from(result.stdout.trim().split('.')[1] as string, 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'dev-partner-lokaal-team-gm0363', roles: ['partner'], regions: [], partner: 'lokaal-team-gm0363' });
    expect(invoke('dev-token', '--role', 'partner', '--dir', dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--partner is missing') });
    expect(invoke('dev-token', '--role', 'partner', '--partner', 'Team X', '--dir', dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a partner id') });
    expect(invoke('dev-token', '--role', 'triage', '--region', 'vt-groningen', '--partner', 'lokaal-team-gm0363', '--dir', dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--partner goes with --role partner') });
  });

  it('describes the dev issuer for humans', () => {
    const result = invoke('dev-issuer', '--dir', dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`JWKS file (public key): ${join(dir, 'jwks.json')}`);
    expect(result.stdout).toMatch(/AUTH_ISSUER=urn:vt:dev-issuer\n {2}AUTH_AUDIENCE=urn:vt:api\n {2}AUTH_JWKS_FILE=\S+jwks.json/);
    expect(result.stdout).toContain('already there');
  });

  it('has help for the whole and for each command', () => {
    expect(invoke('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('dev-token') });
    expect(invoke('dev-token', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('--role <role>') });
    expect(invoke('dev-issuer', '-h')).toMatchObject({ code: 0, stdout: expect.stringContaining('--env') });
    expect(invoke('help', 'dev-issuer')).toMatchObject({ code: 0, stdout: expect.stringContaining('--env') });
    expect(invoke()).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage') });
    expect(invoke('frobnicate')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
  });
});
