import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { calculateJwkThumbprint, SignJWT } from 'jose';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevIssuer, DevIssuer } from './dev-issuer';
import { AccessTokenError } from './errors';
import { JsonWebKeySet, KeySource, parseJwks } from './jwk';
import { VerifiedTokens, verifyAccessToken, VerifyAccessTokenOptions } from './verify';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A token with exactly this header and these claims, signed by jose. */
const signJwt = (header: { alg: string; kid?: string }, claims: Record<string, unknown>, privateKey: KeyObject): Promise<string> => new SignJWT(claims).setProtectedHeader(header).sign(privateKey);

describe('verifyAccessToken', () => {
  let dir: string;
  let issuer: DevIssuer;
  let other: DevIssuer;
  let options: VerifyAccessTokenOptions;
  const claims = { subject: 'ch-amsterdam-17', roles: ['call-handler'], regions: ['vt-amsterdam-amstelland'] };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vt-auth-'));
    issuer = createDevIssuer(join(dir, 'issuer'));
    other = createDevIssuer(join(dir, 'other'));
    options = { issuer: issuer.issuer, audience: issuer.audience, keys: issuer.jwks() };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function refusal(token: string, overrides: Partial<VerifyAccessTokenOptions> = {}): Promise<AccessTokenError> {
    try {
      await verifyAccessToken(token, { ...options, ...overrides });
    } catch (error) {
      if (error instanceof AccessTokenError) return error;
      throw error;
    }
    throw new Error('the token was accepted');
  }

  it('accepts a token from the dev issuer and returns the principal', async () => {
    const before = Date.now();
    const principal = await verifyAccessToken(issuer.issueToken({ ...claims, ttlSeconds: 600 }), options);
    expect(principal).toEqual({ subject: 'ch-amsterdam-17', roles: ['call-handler'], regions: ['vt-amsterdam-amstelland'], expiresAt: expect.any(Date) });
    expect(principal.expiresAt.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 600_000);
  });

  it('accepts RS256 tokens against an RSA key of the JWKS, and an audience array', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwks: JsonWebKeySet = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'rsa-1', use: 'sig', alg: 'RS256' }, ...issuer.jwks().keys] };
    const now = Math.floor(Date.now() / 1000);
    const token = await signJwt({ alg: 'RS256', kid: 'rsa-1' }, { iss: issuer.issuer, aud: ['other-api', issuer.audience], sub: 'auditor-1', roles: ['auditor'], regions: ['*'], exp: now + 60 }, privateKey);
    await expect(verifyAccessToken(token, { ...options, keys: jwks })).resolves.toMatchObject({ subject: 'auditor-1', roles: ['auditor'], regions: ['*'] });
  });

  // An old token's veiligheidsregio scope (VR01) is left out, which only ever grants less (plan "Regions").
  it('leaves out roles and regions it does not know (veiligheidsregio codes too), and refuses claims of the wrong shape', async () => {
    const now = Math.floor(Date.now() / 1000);
    const base = { iss: issuer.issuer, aud: issuer.audience, sub: 'x', exp: now + 60 };
    await expect(verifyAccessToken(issuer.sign({ ...base, roles: ['triage', 'superuser', 'triage'], regions: ['VR26', 'vt-bq-saba', 'VR01', 'vt-groningen'] }), options)).resolves.toMatchObject({
      roles: ['triage'],
      regions: ['vt-bq-saba', 'vt-groningen'],
    });
    expect(await refusal(issuer.sign({ ...base, roles: 'triage' }))).toMatchObject({ reason: 'invalid-claims', message: expect.stringContaining('roles') });
    expect(await refusal(issuer.sign({ ...base, sub: '' }))).toMatchObject({ reason: 'invalid-claims', message: expect.stringContaining('sub') });
    expect(await refusal(issuer.sign({ ...base, exp: undefined }))).toMatchObject({ reason: 'invalid-claims', message: 'the token has no exp claim' });
  });

  it('gives a partner token its partner, and refuses a partner token that names none or a partner claim that is not an id', async () => {
    const now = Math.floor(Date.now() / 1000);
    const base = { iss: issuer.issuer, aud: issuer.audience, sub: 'medewerker-1', exp: now + 60, regions: [] };
    await expect(verifyAccessToken(issuer.sign({ ...base, roles: ['partner'], partner: 'lokaal-team-gm0363' }), options)).resolves.toEqual({
      subject: 'medewerker-1',
      roles: ['partner'],
      regions: [],
      partner: 'lokaal-team-gm0363',
      expiresAt: expect.any(Date),
    });
    expect(await refusal(issuer.sign({ ...base, roles: ['partner'] }))).toMatchObject({ reason: 'invalid-claims', message: 'a token with role partner names its partner (the partner claim)' });
    expect(await refusal(issuer.sign({ ...base, roles: ['partner'], partner: 'Lokaal Team' }))).toMatchObject({ reason: 'invalid-claims', message: expect.stringContaining('partner claim') });
    expect(await refusal(issuer.sign({ ...base, roles: ['partner'], partner: ['lokaal-team-gm0363'] }))).toMatchObject({ reason: 'invalid-claims' });
  });

  it('refuses an expired token, allowing the clock tolerance', async () => {
    const issuedAt = new Date(Date.now() - 3600_000);
    const token = issuer.issueToken({ ...claims, issuedAt, ttlSeconds: 600 });
    expect(await refusal(token)).toMatchObject({ reason: 'expired', message: expect.stringMatching(/^the token expired at \d{4}-/) });
    const justExpired = issuer.issueToken({ ...claims, issuedAt: new Date(Date.now() - 610_000), ttlSeconds: 600 });
    await expect(verifyAccessToken(justExpired, options)).resolves.toBeDefined();
    expect(await refusal(justExpired, { clockToleranceSeconds: 0 })).toMatchObject({ reason: 'expired' });
  });

  it('refuses a token that is not valid yet', async () => {
    const token = issuer.issueToken({ ...claims, notBefore: new Date(Date.now() + 300_000) });
    expect(await refusal(token)).toMatchObject({ reason: 'not-yet-valid' });
    const fromTheFuture = issuer.issueToken({ ...claims, issuedAt: new Date(Date.now() + 300_000) });
    expect(await refusal(fromTheFuture)).toMatchObject({ reason: 'not-yet-valid' });
  });

  it('refuses a wrong issuer and a wrong audience', async () => {
    expect(await refusal(issuer.issueToken({ ...claims, issuer: 'https://evil.example' }))).toMatchObject({ reason: 'wrong-issuer' });
    expect(await refusal(issuer.issueToken({ ...claims, audience: 'some-other-api' }))).toMatchObject({ reason: 'wrong-audience' });
  });

  it('refuses a token signed by a key the issuer does not publish, and one without kid', async () => {
    expect(await refusal(other.issueToken(claims))).toMatchObject({ reason: 'unknown-kid' });
    const [, payload, signature] = issuer.issueToken(claims).split('.');
    expect(await refusal(`${b64({ alg: 'EdDSA' })}.${payload}.${signature}`)).toMatchObject({ reason: 'unknown-kid', message: 'the token names no key (kid)' });
  });

  it('refuses a tampered payload', async () => {
    const [header, payload, signature] = issuer.issueToken(claims).split('.') as [string, string, string];
    const widened = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), regions: ['*'], roles: ['admin'] };
    expect(await refusal(`${header}.${b64(widened)}.${signature}`)).toMatchObject({ reason: 'bad-signature' });
  });

  it('refuses a tampered signature, including a non-canonical encoding of the same bytes', async () => {
    const token = issuer.issueToken(claims);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const bytes = Buffer.from(signature, 'base64url');
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;
    expect(await refusal(`${header}.${payload}.${bytes.toString('base64url')}`)).toMatchObject({ reason: 'bad-signature' });
    expect(await refusal(`${header}.${payload}.${signature.slice(0, 40)}`)).toMatchObject({ reason: 'bad-signature' });
    // 64 bytes = 85⅓ characters: the last one carries 2 significant bits; changing the other 4 must not pass.
    const last = signature[signature.length - 1] as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = alphabet[alphabet.indexOf(last) ^ 0x01] as string;
    expect(await refusal(`${header}.${payload}.${signature.slice(0, -1)}${twin}`)).toMatchObject({ reason: 'malformed' });
  });

  it('refuses alg none, whatever the token says', async () => {
    const payload = JSON.parse(Buffer.from(issuer.issueToken(claims).split('.')[1] as string, 'base64url').toString());
    for (const alg of ['none', 'None', 'NONE']) {
      expect(await refusal(`${b64({ alg, typ: 'JWT', kid: issuer.kid })}.${b64(payload)}.`)).toMatchObject({ reason: 'unsupported-algorithm' });
    }
    expect(await refusal(`${b64({ typ: 'JWT', kid: issuer.kid })}.${b64(payload)}.`)).toMatchObject({ reason: 'unsupported-algorithm' });
  });

  it('refuses HS256 signed with the public key as secret (algorithm confusion)', async () => {
    const payload = JSON.parse(Buffer.from(issuer.issueToken(claims).split('.')[1] as string, 'base64url').toString());
    const jwksText = readFileSync(issuer.jwksFile);
    const x = Buffer.from(issuer.jwks().keys[0]?.['x'] as string, 'base64url');
    for (const secret of [jwksText, x, Buffer.from(issuer.jwks().keys[0]?.['x'] as string)]) {
      const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: issuer.kid })}.${b64(payload)}`;
      const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
      expect(await refusal(token)).toMatchObject({ reason: 'unsupported-algorithm', message: 'the token\'s algorithm "HS256" is not accepted (accepted: EdDSA, RS256)' });
    }
  });

  it('refuses an algorithm outside a narrower allow-list, and a key used for the other algorithm', async () => {
    expect(await refusal(issuer.issueToken(claims), { algorithms: ['RS256'] })).toMatchObject({ reason: 'unsupported-algorithm' });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const now = Math.floor(Date.now() / 1000);
    const rs = await signJwt({ alg: 'RS256', kid: issuer.kid }, { iss: issuer.issuer, aud: issuer.audience, sub: 'x', exp: now + 60 }, privateKey);
    expect(await refusal(rs)).toMatchObject({ reason: 'key-mismatch' });
  });

  it('refuses what is not a compact JWS', async () => {
    for (const token of ['', 'abc', 'a.b', 'a.b.c.d', '!!!.e30.x', `${b64('not json')}.e30.AA`, `${b64([1])}.e30.AA`, 'x'.repeat(20_000)]) {
      expect(await refusal(token)).toMatchObject({ reason: 'malformed' });
    }
    const [, , signature] = issuer.issueToken(claims).split('.');
    expect(await refusal(`${b64({ alg: 'EdDSA', kid: issuer.kid, crit: ['b64'], b64: false })}.e30.${signature}`)).toMatchObject({ reason: 'malformed' });
  });

  it('never puts control characters from the token into its messages', async () => {
    const error = await refusal(issuer.issueToken({ ...claims, issuer: 'evil\r\nSet-Cookie: x' }));
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  // Forged tokens, from the rule (issue 13, point 9): jose refuses each, and the refusal keeps its reason.
  describe('forged tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const valid = () => ({ iss: issuer.issuer, aud: issuer.audience, sub: 'ch-1', roles: ['call-handler'], regions: ['vt-groningen'], iat: now(), exp: now() + 600 });
    const privateKeyOf = (from: DevIssuer) => createPrivateKey(readFileSync(from.privateKeyFile, 'utf8'));

    it('accepts the dev issuer\'s jose-signed token (SignJWT) and its kid is the RFC 7638 thumbprint jose computes', async () => {
      await expect(verifyAccessToken(await issuer.issueTokenAsync(claims), options)).resolves.toMatchObject({ subject: claims.subject });
      expect(await calculateJwkThumbprint(issuer.jwks().keys[0] as never)).toBe(issuer.kid);
    });

    it('alg none: an unsigned token is refused', async () => {
      const token = `${b64({ alg: 'none', typ: 'JWT', kid: issuer.kid })}.${b64(valid())}.`;
      expect(await refusal(token)).toMatchObject({ reason: 'unsupported-algorithm' });
    });

    it('HS256 signed with the public key (key confusion) is refused', async () => {
      const publicPem = createPublicKey(privateKeyOf(issuer)).export({ format: 'pem', type: 'spki' });
      const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: issuer.kid })}.${b64(valid())}`;
      expect(await refusal(`${input}.${createHmac('sha256', publicPem).update(input).digest('base64url')}`)).toMatchObject({ reason: 'unsupported-algorithm' });
      // Even with HS256 in a caller's allow-list, an asymmetric key never verifies a MAC.
      expect(await refusal(`${input}.${createHmac('sha256', publicPem).update(input).digest('base64url')}`, { algorithms: ['HS256' as never] })).toMatchObject({ reason: 'key-mismatch' });
    });

    it('a wrong audience and a wrong issuer are refused', async () => {
      const key = privateKeyOf(issuer);
      expect(await refusal(await signJwt({ alg: 'EdDSA', kid: issuer.kid }, { ...valid(), aud: 'urn:vt:other-api' }, key))).toMatchObject({ reason: 'wrong-audience', message: `the token is for "urn:vt:other-api", not for "${issuer.audience}"` });
      expect(await refusal(await signJwt({ alg: 'EdDSA', kid: issuer.kid }, { ...valid(), iss: 'https://idp.evil.example' }, key))).toMatchObject({ reason: 'wrong-issuer', message: `the token was issued by "https://idp.evil.example", not by "${issuer.issuer}"` });
    });

    it('an expired token and a token not valid yet are refused, beyond the clock tolerance', async () => {
      const key = privateKeyOf(issuer);
      expect(await refusal(await signJwt({ alg: 'EdDSA', kid: issuer.kid }, { ...valid(), iat: now() - 7200, exp: now() - 3600 }, key))).toMatchObject({ reason: 'expired' });
      expect(await refusal(await signJwt({ alg: 'EdDSA', kid: issuer.kid }, { ...valid(), nbf: now() + 3600 }, key))).toMatchObject({ reason: 'not-yet-valid' });
      const withinTolerance = await signJwt({ alg: 'EdDSA', kid: issuer.kid }, { ...valid(), exp: now() - 5 }, key);
      await expect(verifyAccessToken(withinTolerance, options)).resolves.toBeDefined();
      expect(await refusal(withinTolerance, { clockToleranceSeconds: 0 })).toMatchObject({ reason: 'expired' });
    });

    it('claims altered after signing (the payload changed, the signature kept) are refused', async () => {
      const [header, payload, signature] = (await issuer.issueTokenAsync(claims)).split('.') as [string, string, string];
      const altered = { ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as object), exp: now() + 86_400 * 365 };
      expect(await refusal(`${header}.${b64(altered)}.${signature}`)).toMatchObject({ reason: 'bad-signature', message: 'the token signature does not verify' });
    });

    it('a signed payload that is not a JSON object is refused as malformed, after the signature', async () => {
      const input = `${b64({ alg: 'EdDSA', typ: 'JWT', kid: issuer.kid })}.${b64([1, 2])}`;
      const token = `${input}.${sign(null, Buffer.from(input), privateKeyOf(issuer)).toString('base64url')}`;
      expect(await refusal(token)).toMatchObject({ reason: 'malformed', message: "the token's payload is not a JSON object" });
    });

    it('a token naming a kid the issuer does not publish is refused', async () => {
      expect(await refusal(await signJwt({ alg: 'EdDSA', kid: 'no-such-key' }, valid(), privateKeyOf(issuer)))).toMatchObject({ reason: 'unknown-kid', message: 'the issuer has no key "no-such-key"' });
    });

    it('a token signed by another key under the issuer\'s kid is refused', async () => {
      expect(await refusal(await signJwt({ alg: 'EdDSA', kid: issuer.kid }, valid(), privateKeyOf(other)))).toMatchObject({ reason: 'bad-signature' });
      expect(await refusal(await other.issueTokenAsync(claims))).toMatchObject({ reason: 'unknown-kid' });
    });
  });

  /**
   * Remembering verified tokens (`VerifiedTokens`, used by the guard) may only save the signature check: a token is
   * accepted from memory only where the full check would accept it at that moment, and refused with the same reason.
   */
  describe('with verified tokens remembered', () => {
    /** A key source whose keys can be swapped, as a JWKS URL's after the issuer rotates. */
    const swappable = (jwks: JsonWebKeySet): KeySource & { swap(next: JsonWebKeySet): void } => {
      let keys = parseJwks(jwks, 'test').keys;
      return { resolve: (kid) => Promise.resolve(keys.get(kid)), swap: (next) => void (keys = parseJwks(next, 'test').keys) };
    };

    it('accepts the same token again with the same principal, and remembers only accepted tokens', async () => {
      const verified = new VerifiedTokens();
      const keys = swappable(issuer.jwks());
      const token = issuer.issueToken({ ...claims, ttlSeconds: 600 });
      const first = await verifyAccessToken(token, { ...options, keys, verified });
      expect(await verifyAccessToken(token, { ...options, keys, verified })).toEqual(first);
      expect(verified.size).toBe(1);
      expect(await refusal(issuer.issueToken({ ...claims, audience: 'some-other-api' }), { keys, verified })).toMatchObject({ reason: 'wrong-audience' });
      expect(verified.size).toBe(1);
    });

    it('refuses a remembered token once it expired (beyond the clock tolerance), as the full check does', async () => {
      const verified = new VerifiedTokens();
      const token = issuer.issueToken({ ...claims, ttlSeconds: 600 });
      await verifyAccessToken(token, { ...options, verified });
      const later = new Date(Date.now() + 631_000);
      expect(await refusal(token, { verified, now: later })).toMatchObject({ reason: 'expired', message: expect.stringMatching(/^the token expired at \d{4}-/) });
      expect(await refusal(token, { now: later })).toMatchObject({ reason: 'expired' });
    });

    it('refuses a remembered token whose nbf lies ahead at the time asked (a clock set back), as the full check does', async () => {
      const verified = new VerifiedTokens();
      const token = issuer.issueToken({ ...claims, ttlSeconds: 600 });
      await verifyAccessToken(token, { ...options, verified });
      expect(await refusal(token, { verified, now: new Date(Date.now() - 120_000) })).toMatchObject({ reason: 'not-yet-valid' });
    });

    it('refuses a remembered token once the issuer withdraws its key, or publishes another key under its kid', async () => {
      const verified = new VerifiedTokens();
      const keys = swappable(issuer.jwks());
      const token = issuer.issueToken(claims);
      await verifyAccessToken(token, { ...options, keys, verified });
      keys.swap(other.jwks());
      expect(await refusal(token, { keys, verified })).toMatchObject({ reason: 'unknown-kid' });
      keys.swap(issuer.jwks());
      await verifyAccessToken(token, { ...options, keys, verified });
      keys.swap({ keys: other.jwks().keys.map((key) => ({ ...key, kid: issuer.kid })) });
      expect(await refusal(token, { keys, verified })).toMatchObject({ reason: 'bad-signature' });
    });

    it('does not accept a token with an altered signature or payload on the strength of the remembered one', async () => {
      const verified = new VerifiedTokens();
      const token = issuer.issueToken(claims);
      await verifyAccessToken(token, { ...options, verified });
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const flipped = Buffer.from(signature, 'base64url');
      flipped[0] = (flipped[0] as number) ^ 1;
      expect(await refusal(`${header}.${payload}.${flipped.toString('base64url')}`, { verified })).toMatchObject({ reason: 'bad-signature' });
      const altered = b64({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['call-handler', 'team-lead'] });
      expect(await refusal(`${header}.${altered}.${signature}`, { verified })).toMatchObject({ reason: 'bad-signature' });
    });

    it('does not reuse a token verified for another audience', async () => {
      const verified = new VerifiedTokens();
      const token = issuer.issueToken(claims);
      await verifyAccessToken(token, { ...options, verified });
      expect(await refusal(token, { verified, audience: 'some-other-api' })).toMatchObject({ reason: 'wrong-audience' });
    });

    it('keeps at most its capacity, forgetting the oldest first', async () => {
      const verified = new VerifiedTokens(2);
      const tokens = [1, 2, 3].map((n) => issuer.issueToken({ ...claims, subject: `ch-${n}` }));
      for (const token of tokens) await verifyAccessToken(token, { ...options, verified });
      expect(verified.size).toBe(2);
    });
  });
});
