import type { KeyObject } from 'node:crypto';
import { decodeJwt, errors as joseErrors, jwtVerify, JWTPayload } from 'jose';
import { AccessTokenError, KeysUnavailableError } from './errors';
import { JsonWebKeySet, KeySource, staticKeySource, SUPPORTED_ALGORITHMS, TokenAlgorithm } from './jwk';
import { Principal } from './principal';
import { isPartnerId, isRegionScope, isRole, RegionScope, Role } from './roles';

export interface VerifyAccessTokenOptions {
  /** Must equal the token's `iss`. */
  issuer: string;
  /** Must equal the token's `aud`, or be one of its entries. */
  audience: string;
  /** The issuer's public keys: a key source (JWKS URL or file) or a JWKS. */
  keys: KeySource | JsonWebKeySet;
  /** Allow-list of signature algorithms; default EdDSA and RS256. `none` and HS* are never accepted. */
  algorithms?: readonly TokenAlgorithm[];
  /** Leeway for `exp`, `nbf` and `iat` between clocks; default 30 s. */
  clockToleranceSeconds?: number;
  /** The time to check against; default now. */
  now?: Date;
  /**
   * Tokens already verified, to skip the signature check when the same token comes again (`VerifiedTokens`); every
   * other check is made each time.
   */
  verified?: VerifiedTokens;
}

/**
 * The tokens whose signature, issuer and audience verified, by their text: a client sends the same token with every
 * request until it expires, and checking its signature again gives the same answer (the same bytes under the same
 * key). An entry is used only while its key is still the one the issuer publishes under the token's `kid` (a key
 * withdrawn or replaced sends the token through the full check again, and so refuses it), and only while its
 * `exp` and `nbf` allow it at the time of the check; anything else goes through the full check, so a refusal says the
 * same as without the cache. Only accepted tokens are kept, at most `capacity`, the oldest forgotten first.
 * Verifying a token's Ed25519 or RSA signature was 1-2 % of the machine's time in the chain benchmark.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { key: KeyObject; scope: string; claims: JWTPayload }>();

  constructor(private readonly capacity = 10_000) {}

  /** The claims of `token` when it verified under `key` for the same issuer and audience, if it is still remembered. */
  claims(token: string, key: KeyObject, scope: string): JWTPayload | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.scope === scope && (entry.key === key || entry.key.equals(key))) return entry.claims;
    this.entries.delete(token);
    return undefined;
  }

  remember(token: string, key: KeyObject, scope: string, claims: JWTPayload): void {
    this.entries.delete(token);
    this.entries.set(token, { key, scope, claims });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(token: string): void {
    this.entries.delete(token);
  }

  get size(): number {
    return this.entries.size;
  }
}

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
const MAX_TOKEN_LENGTH = 16 * 1024;
const SEGMENT = /^[A-Za-z0-9_-]+$/;
/** `sub` as OIDC allows it: 1–255 visible ASCII characters (it becomes the actor `user:<sub>`). */
const SUBJECT = /^[\x21-\x7e]{1,255}$/;

function fail(reason: AccessTokenError['reason'], message: string): never {
  throw new AccessTokenError(reason, message);
}

/** Quotes a value from the token for a message: visible ASCII only, short. */
function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return `"${clean.length > 80 ? `${clean.slice(0, 80)}…` : clean}"`;
}

function decodeSegment(segment: string, what: string): Buffer {
  const bytes = Buffer.from(segment, 'base64url');
  // Strict base64url: no padding, no stray characters, no non-canonical trailing bits.
  if (!SEGMENT.test(segment) || bytes.toString('base64url') !== segment) fail('malformed', `the token's ${what} is not base64url`);
  return bytes;
}

function decodeJson(segment: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(decodeSegment(segment, what).toString('utf8'));
  } catch (error) {
    if (error instanceof AccessTokenError) throw error;
    fail('malformed', `the token's ${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('malformed', `the token's ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

function isKeySource(keys: KeySource | JsonWebKeySet): keys is KeySource {
  return typeof (keys as KeySource).resolve === 'function';
}

function stringList<T extends string>(claims: Record<string, unknown>, name: string, keep: (value: unknown) => value is T): T[] {
  const value = claims[name];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) fail('invalid-claims', `the token's ${name} claim must be an array of strings`);
  return [...new Set(value.filter(keep))];
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The claims of a token whose signature verified (for messages only). */
function claimsOf(token: string): Record<string, unknown> {
  try {
    return decodeJwt(token) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** A refusal from jose as the `AccessTokenError` (reason and message) this library has always given. */
function refusalOf(error: unknown, token: string, options: VerifyAccessTokenOptions): Error {
  if (error instanceof AccessTokenError || error instanceof KeysUnavailableError) return error;
  if (error instanceof joseErrors.JWTExpired) {
    const exp = claimsOf(token)['exp'];
    return new AccessTokenError('expired', `the token expired at ${typeof exp === 'number' ? iso(exp) : quote(exp)}`);
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    const claims = claimsOf(token);
    const value = claims[error.claim];
    switch (error.claim) {
      case 'iss':
        return new AccessTokenError('wrong-issuer', `the token was issued by ${quote(value)}, not by ${quote(options.issuer)}`);
      case 'aud':
        return new AccessTokenError('wrong-audience', `the token is for ${quote(value)}, not for ${quote(options.audience)}`);
      case 'nbf':
        return error.reason === 'check_failed' && typeof value === 'number'
          ? new AccessTokenError('not-yet-valid', `the token is not valid before ${iso(value)}`)
          : new AccessTokenError('invalid-claims', `the token's nbf claim is not a NumericDate`);
      case 'exp':
      case 'iat':
        return new AccessTokenError('invalid-claims', error.reason === 'missing' ? `the token has no ${error.claim} claim` : `the token's ${error.claim} claim is not a NumericDate`);
      default:
        return new AccessTokenError('invalid-claims', `the token's ${error.claim} claim is not acceptable`);
    }
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return new AccessTokenError('bad-signature', 'the token signature does not verify');
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return new AccessTokenError('unsupported-algorithm', 'the token\'s algorithm is not accepted');
  if (error instanceof joseErrors.JWTInvalid && /Claims Set/.test(error.message)) return new AccessTokenError('malformed', "the token's payload is not a JSON object");
  if (error instanceof joseErrors.JWTInvalid || error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JOSENotSupported) {
    return new AccessTokenError('malformed', `the token is malformed: ${error.message}`);
  }
  if (error instanceof TypeError) return new AccessTokenError('key-mismatch', 'the key does not suit the token\'s algorithm');
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Verifies a compact JWS access token (JWT) and returns whom it speaks for. Checks, in order: shape,
 * algorithm against the allow-list, the key named by `kid` (and that it suits the algorithm), the
 * signature, then `iss`, `aud`, `exp`, `nbf`, `iat` and the `sub`, `roles`, `regions` and `partner` claims (a
 * token of role `partner` names its partner; a `partner` claim is a partner id).
 * Throws `AccessTokenError` with a `reason` for a token that is not acceptable, and
 * `KeysUnavailableError` when the issuer's keys cannot be loaded.
 */
export async function verifyAccessToken(token: string, options: VerifyAccessTokenOptions): Promise<Principal> {
  if (typeof token !== 'string' || token.length === 0) fail('malformed', 'the token is empty');
  if (token.length > MAX_TOKEN_LENGTH) fail('malformed', `the token is longer than ${MAX_TOKEN_LENGTH} characters`);
  const parts = token.split('.');
  if (parts.length !== 3) fail('malformed', 'the token is not a compact JWS (header.payload.signature)');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];

  const header = decodeJson(headerPart, 'header');
  const allowed = options.algorithms ?? SUPPORTED_ALGORITHMS;
  const alg = header['alg'];
  if (typeof alg !== 'string' || !(allowed as readonly string[]).includes(alg)) {
    fail('unsupported-algorithm', `the token's algorithm ${quote(alg)} is not accepted (accepted: ${allowed.join(', ')})`);
  }
  if (header['crit'] !== undefined) fail('malformed', 'the token has critical header extensions (crit), which are not supported');
  const kid = header['kid'];
  if (typeof kid !== 'string' || kid === '') fail('unknown-kid', 'the token names no key (kid)');

  const keys = isKeySource(options.keys) ? options.keys : staticKeySource(options.keys);
  const key = await keys.resolve(kid);
  if (!key) fail('unknown-kid', `the issuer has no key ${quote(kid)}`);
  const keyType = key.key.asymmetricKeyType;
  if ((key.alg !== undefined && key.alg !== alg) || (alg === 'EdDSA' && keyType !== 'ed25519') || (alg === 'RS256' && keyType !== 'rsa')) {
    fail('key-mismatch', `key ${quote(kid)} is not for ${alg}`);
  }
  // Strict base64url for payload and signature too (jose decodes leniently: a twin encoding of the same bytes passes it).
  decodeSegment(signaturePart, 'signature');
  decodeSegment(payloadPart, 'payload');

  // jose verifies the signature with the algorithm allow-list, then iss, aud, exp and nbf with the clock tolerance.
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const nowDate = options.now ?? new Date();
  const now = nowDate.getTime() / 1000;
  const scope = JSON.stringify([options.issuer, options.audience]);
  let claims = options.verified?.claims(token, key.key, scope);
  // jose's own time checks, in its whole seconds (exp required; exp <= now - tolerance is expired, nbf > now + tolerance
  // not yet valid): outside them the token takes the full check below, which refuses it with the usual reason.
  const epoch = Math.floor(now);
  if (claims && !(typeof claims.exp === 'number' && claims.exp > epoch - tolerance && !(typeof claims.nbf === 'number' && claims.nbf > epoch + tolerance))) {
    options.verified?.forget(token);
    claims = undefined;
  }
  if (!claims) {
    try {
      ({ payload: claims } = await jwtVerify(token, key.key, {
        algorithms: [...allowed],
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: tolerance,
        currentDate: nowDate,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw refusalOf(error, token, options);
    }
  }

  const exp = claims.exp as number;
  // jose checks iat's type but not that it lies in the past (without maxTokenAge).
  const iat = claims.iat;
  if (iat !== undefined && iat > now + tolerance) fail('not-yet-valid', `the token was issued in the future (${iso(iat)})`);

  const sub = claims.sub;
  if (typeof sub !== 'string' || !SUBJECT.test(sub)) fail('invalid-claims', 'the token has no valid sub claim (1–255 visible ASCII characters)');
  const roles: Role[] = stringList(claims, 'roles', isRole);
  const regions: RegionScope[] = stringList(claims, 'regions', isRegionScope);
  const partner = claims['partner'];
  if (partner !== undefined && !isPartnerId(partner)) fail('invalid-claims', `the token's partner claim ${quote(partner)} is not a partner id (lower-case letters, digits and single hyphens)`);
  if (roles.includes('partner') && partner === undefined) fail('invalid-claims', 'a token with role partner names its partner (the partner claim)');
  options.verified?.remember(token, key.key, scope, claims);
  return { subject: sub, roles, regions, expiresAt: new Date(exp * 1000), ...(partner !== undefined ? { partner } : {}) };
}
