import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevIssuer, DevIssuer } from './dev-issuer';
import { KeysUnavailableError } from './errors';
import { JsonWebKeySet, parseJwks } from './jwk';
import { JwksFileSource, JwksUrlSource } from './jwks-source';

describe('JWKS sources', () => {
  let dir: string;
  let first: DevIssuer;
  let second: DevIssuer;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vt-jwks-'));
    first = createDevIssuer(join(dir, 'first'));
    second = createDevIssuer(join(dir, 'second'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function fakeIssuer(initial: JsonWebKeySet) {
    let clock = 1_000_000;
    let served: JsonWebKeySet | 'down' = initial;
    const fetch = jest.fn(async (_url: string | URL | Request) => (served === 'down' ? new Response('unavailable', { status: 503 }) : new Response(JSON.stringify(served))));
    return {
      fetch,
      serve: (value: JsonWebKeySet | 'down') => (served = value),
      advance: (ms: number) => (clock += ms),
      now: () => clock,
    };
  }

  describe('from a URL', () => {
    it('fetches once, then answers from its cache', async () => {
      const issuer = fakeIssuer(first.jwks());
      const source = new JwksUrlSource('https://idp.example/jwks', { fetch: issuer.fetch as typeof fetch, now: issuer.now });
      await Promise.all([source.resolve(first.kid), source.resolve(first.kid), source.resolve(first.kid)]);
      expect(await source.resolve(first.kid)).toMatchObject({ kid: first.kid, alg: 'EdDSA' });
      expect(issuer.fetch).toHaveBeenCalledTimes(1);
    });

    it('refreshes on an unknown kid (key rotation), at most once per interval', async () => {
      const issuer = fakeIssuer(first.jwks());
      const source = new JwksUrlSource('https://idp.example/jwks', { fetch: issuer.fetch as typeof fetch, now: issuer.now, minRefreshIntervalMs: 30_000 });
      await source.load();
      issuer.advance(31_000);
      issuer.serve({ keys: [...first.jwks().keys, ...second.jwks().keys] });
      expect(await source.resolve(second.kid)).toBeDefined();
      expect(issuer.fetch).toHaveBeenCalledTimes(2);
      for (let i = 0; i < 20; i++) expect(await source.resolve(`forged-${i}`)).toBeUndefined();
      expect(issuer.fetch).toHaveBeenCalledTimes(2);
      issuer.advance(30_000);
      expect(await source.resolve('forged-again')).toBeUndefined();
      expect(issuer.fetch).toHaveBeenCalledTimes(3);
    });

    it('keeps the keys it has while the issuer is down, and refetches stale keys', async () => {
      const warnings: string[] = [];
      const issuer = fakeIssuer(first.jwks());
      const source = new JwksUrlSource('https://idp.example/jwks', { fetch: issuer.fetch as typeof fetch, now: issuer.now, maxAgeMs: 60_000, onWarning: (m) => warnings.push(m) });
      await source.load();
      issuer.serve('down');
      issuer.advance(61_000);
      expect(await source.resolve(first.kid)).toBeDefined();
      expect(issuer.fetch).toHaveBeenCalledTimes(2);
      expect(warnings).toEqual([expect.stringContaining('HTTP 503; keeping the keys fetched before')]);
    });

    it('says the keys are unavailable when it never got any', async () => {
      const issuer = fakeIssuer(first.jwks());
      issuer.serve('down');
      const source = new JwksUrlSource('https://idp.example/jwks', { fetch: issuer.fetch as typeof fetch, now: issuer.now });
      await expect(source.resolve(first.kid)).rejects.toThrow(KeysUnavailableError);
      await expect(source.resolve(first.kid)).rejects.toThrow(/could not be fetched from https:\/\/idp.example\/jwks: .*HTTP 503/);
      expect(issuer.fetch).toHaveBeenCalledTimes(1);
    });
  });

  describe('from a file', () => {
    it('reads the file, and re-reads it when a new kid appears after it changed', async () => {
      const file = join(dir, 'jwks.json');
      writeFileSync(file, JSON.stringify(first.jwks()));
      let clock = 0;
      const source = new JwksFileSource(file, { now: () => clock });
      await source.load();
      expect(await source.resolve(second.kid)).toBeUndefined();
      writeFileSync(file, JSON.stringify({ keys: [...first.jwks().keys, ...second.jwks().keys] }));
      utimesSync(file, new Date(), new Date(Date.now() + 5_000));
      expect(await source.resolve(second.kid)).toBeUndefined(); // checked less than a second ago
      clock += 1_000;
      expect(await source.resolve(second.kid)).toMatchObject({ kid: second.kid });
    });

    it('explains a missing or broken file', async () => {
      await expect(new JwksFileSource(join(dir, 'nope.json')).load()).rejects.toThrow(/cannot read the JWKS file .*nope.json/);
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, '{ "keys": [');
      await expect(new JwksFileSource(broken).load()).rejects.toThrow(/is not JSON/);
      writeFileSync(broken, JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', kid: 'ec', x: 'a', y: 'b' }] }));
      await expect(new JwksFileSource(broken).load()).rejects.toThrow(/holds no usable keys \(left out: key ec has an unsupported type \(EC P-256\)/);
    });
  });

  describe('parseJwks', () => {
    it('refuses a set with private or secret key material', () => {
      const { privateKey } = generateKeyPairSync('ed25519');
      expect(() => parseJwks({ keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'k' }] }, 'the set')).toThrow('the set holds private or secret key material (key #0 has d)');
      expect(() => parseJwks({ keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'h' }] }, 'the set')).toThrow(/has k/);
    });

    it('leaves out keys not for signing, short RSA keys, duplicates and keys for other algorithms', () => {
      const rsa = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' });
      const ed = first.jwks().keys[0] as Record<string, unknown>;
      const { keys, skipped } = parseJwks(
        { keys: [ed, { ...ed, kid: 'enc', use: 'enc' }, { ...rsa(1024), kid: 'short' }, { ...rsa(2048), kid: 'ps', alg: 'PS256' }, { ...ed }, { ...rsa(2048), kid: 'ok' }, 'junk', { kty: 'OKP' }] },
        'x',
      );
      expect([...keys.keys()]).toEqual([first.kid, 'ok']);
      expect(skipped).toEqual([
        'key enc is not for signatures (use enc)',
        'key short is RSA of 1024 bits; at least 2048 are needed',
        'key ps is for PS256, not RS256',
        `key ${first.kid} appears twice; the first is used`,
        'key #6 is not an object',
        'key #7 has no kid',
      ]);
      expect(() => parseJwks({ nope: [] }, 'x')).toThrow('x is not a JWKS (expected {"keys": [...]})');
    });
  });
});
