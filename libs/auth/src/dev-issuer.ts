import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomUUID, sign as signBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ed25519Thumbprint, JsonWebKeySet } from './jwk';
import { isPartnerId, regionProblems, roleProblems } from './roles';

/** The local dev issuer's `iss`; services refuse it when NODE_ENV=production. */
export const DEV_ISSUER = 'urn:vt:dev-issuer';
/** The audience the dev issuer puts in its tokens by default. */
export const DEV_AUDIENCE = 'urn:vt:api';
export const DEV_TOKEN_MAX_TTL_SECONDS = 24 * 60 * 60;

/** `<workspace>/.local/dev-issuer` (git-ignored). */
export function defaultDevIssuerDir(): string {
  return resolve(__dirname, '..', '..', '..', '.local', 'dev-issuer');
}

export interface IssueTokenOptions {
  /** `sub`; the actor on events becomes `user:<subject>`. */
  subject: string;
  /** Checked: each must be a known role. */
  roles: readonly string[];
  /** Checked: VT region codes in force (`vt-groningen`, `vt-bq-bonaire`, …) or `*`; a veiligheidsregio code is refused naming the VT region(s) that serve it. May be empty for a token of role `partner` only. */
  regions: readonly string[];
  /** The `partner` claim (a partner id): required with role `partner`, refused without it. */
  partner?: string;
  /** Default 3600; 1 to 86400. */
  ttlSeconds?: number;
  /** Default `DEV_ISSUER` (or the issuer's own). */
  issuer?: string;
  /** Default `DEV_AUDIENCE` (or the issuer's own). */
  audience?: string;
  /** Default now; set in the past to make an expired token in tests. */
  issuedAt?: Date;
  /** `nbf`; default `issuedAt`. */
  notBefore?: Date;
}

export interface DevIssuer {
  dir: string;
  /** The public keys, for AUTH_JWKS_FILE. */
  jwksFile: string;
  /** PKCS#8 PEM, mode 0600. */
  privateKeyFile: string;
  issuer: string;
  audience: string;
  kid: string;
  /** True when this call generated the key pair. */
  created: boolean;
  jwks(): JsonWebKeySet;
  /**
   * A signed access token with `iss`, `aud`, `sub`, `roles`, `regions`, `iat`, `nbf`, `exp`, `jti` (and
   * `partner`), signed by jose's `SignJWT`. The token `vt token`, `vt dlq` and `vt privacy` hand out.
   */
  issueTokenAsync(options: IssueTokenOptions): Promise<string>;
  /**
   * The same token, synchronously, for the test helpers that build request headers inline (libs/testing
   * `env.token`, `env.authHeaders`): jose signs only asynchronously. Verified by jose like any other token.
   */
  issueToken(options: IssueTokenOptions): string;
  /** Signs any claims as they are (EdDSA, this issuer's kid) — for tests that need odd tokens. */
  sign(claims: Record<string, unknown>, header?: Record<string, unknown>): string;
}

export class DevIssuerError extends Error {
  override readonly name = 'DevIssuerError';
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function loadOrCreateKey(privateKeyFile: string): { privateKey: KeyObject; created: boolean } {
  let pem: string | undefined;
  try {
    pem = readFileSync(privateKeyFile, 'utf8');
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  let created = false;
  if (pem === undefined) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const fresh = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    try {
      // 'wx': another process creating the issuer at the same moment wins, and we use its key.
      writeFileSync(privateKeyFile, fresh, { mode: 0o600, flag: 'wx' });
      pem = fresh;
      created = true;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      pem = readFileSync(privateKeyFile, 'utf8');
    }
  }
  if ((statSync(privateKeyFile).mode & 0o077) !== 0) chmodSync(privateKeyFile, 0o600);
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new DevIssuerError(`${privateKeyFile} is not an Ed25519 private key; delete it to make a new dev issuer`);
  return { privateKey, created };
}

function writeIfChanged(file: string, content: string, mode: number): void {
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) return;
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, file);
}

/** A token of role `partner` names its partner, and only such a token does. */
function partnerProblems(roles: readonly string[], partner: string | undefined): string[] {
  if (roles.includes('partner')) {
    if (partner === undefined) return ['role partner needs the partner it speaks for (a partner id such as lokaal-team-gm0363)'];
    return isPartnerId(partner) ? [] : [`partner "${partner}" is not a partner id (lower-case letters, digits and single hyphens)`];
  }
  return partner === undefined ? [] : ['a partner is named only with role partner'];
}

/**
 * The local development token issuer in `dir` (default `.local/dev-issuer/`): creates an Ed25519 key
 * pair there on first use (private key mode 0600, and a `.gitignore` of `*` so it is never committed),
 * writes `jwks.json` with the public key only, and issues tokens. For tests and demos only.
 */
export function createDevIssuer(dir: string = defaultDevIssuerDir(), options: { issuer?: string; audience?: string } = {}): DevIssuer {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  writeIfChanged(join(root, '.gitignore'), '# The local dev issuer: a private key, never to be committed.\n*\n', 0o644);
  const privateKeyFile = join(root, 'private-key.pem');
  const { privateKey, created } = loadOrCreateKey(privateKeyFile);
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof x !== 'string') throw new DevIssuerError(`cannot derive the public key from ${privateKeyFile}`);
  const kid = ed25519Thumbprint(x);
  const jwks: JsonWebKeySet = { keys: [{ kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' }] };
  const jwksFile = join(root, 'jwks.json');
  writeIfChanged(jwksFile, `${JSON.stringify(jwks, null, 2)}\n`, 0o644);
  const issuer = options.issuer ?? DEV_ISSUER;
  const audience = options.audience ?? DEV_AUDIENCE;

  const sign = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) => signCompactEdDsa({ alg: 'EdDSA', typ: 'JWT', kid, ...header }, claims, privateKey);

  return {
    dir: root,
    jwksFile,
    privateKeyFile,
    issuer,
    audience,
    kid,
    created,
    jwks: () => structuredClone(jwks),
    sign,
    issueToken(request: IssueTokenOptions): string {
      return sign(claimsOf(request));
    },
    issueTokenAsync(request: IssueTokenOptions): Promise<string> {
      return new SignJWT(claimsOf(request)).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid }).sign(privateKey);
    },
  };

  /** The claims of a token for `request`, checked; throws `DevIssuerError` listing every problem. */
  function claimsOf(request: IssueTokenOptions): Record<string, unknown> {
    const ttl = request.ttlSeconds ?? 3600;
    const partnerOnly = request.roles.length > 0 && request.roles.every((role) => role === 'partner');
    const problems = [
      ...(/^[\x21-\x7e]{1,255}$/.test(request.subject) ? [] : [`subject must be 1–255 visible ASCII characters (got "${request.subject}")`]),
      ...(request.roles.length === 0 ? ['give at least one role'] : roleProblems(request.roles)),
      ...(request.regions.length === 0 && !partnerOnly ? ['give at least one region'] : regionProblems(request.regions)),
      ...partnerProblems(request.roles, request.partner),
      ...(Number.isInteger(ttl) && ttl >= 1 && ttl <= DEV_TOKEN_MAX_TTL_SECONDS ? [] : [`ttl must be whole seconds 1–${DEV_TOKEN_MAX_TTL_SECONDS} (got ${ttl})`]),
    ];
    if (problems.length > 0) throw new DevIssuerError(problems.join('\n'));
    const iat = Math.floor((request.issuedAt ?? new Date()).getTime() / 1000);
    const nbf = request.notBefore ? Math.floor(request.notBefore.getTime() / 1000) : iat;
    return {
      iss: request.issuer ?? issuer,
      aud: request.audience ?? audience,
      sub: request.subject,
      roles: [...new Set(request.roles)],
      regions: [...new Set(request.regions)],
      ...(request.partner !== undefined ? { partner: request.partner } : {}),
      iat,
      nbf,
      exp: iat + ttl,
      jti: randomUUID(),
    };
  }
}

/** A compact JWS over JSON header and claims with an Ed25519 key (RFC 8037): what SignJWT writes, synchronously. */
function signCompactEdDsa(header: Record<string, unknown>, claims: Record<string, unknown>, privateKey: KeyObject): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${signBytes(null, Buffer.from(input), privateKey).toString('base64url')}`;
}
