import { createHash, createPublicKey, KeyObject } from 'node:crypto';

/** Signature algorithms this system verifies. Never `none`, never a MAC (HS*): those are refused outright. */
export type TokenAlgorithm = 'EdDSA' | 'RS256';
export const SUPPORTED_ALGORITHMS: readonly TokenAlgorithm[] = ['EdDSA', 'RS256'];

/** A public key to verify tokens with, by its `kid`. */
export interface VerificationKey {
  kid: string;
  /** From the JWK's `alg`, when it names one; a token must then use exactly that algorithm. */
  alg?: TokenAlgorithm;
  key: KeyObject;
}

/** Where verification keys come from: a static set, the issuer's JWKS URL or a JWKS file. */
export interface KeySource {
  /** The key with this `kid`, or undefined. Throws `KeysUnavailableError` when no keys can be had at all. */
  resolve(kid: string): Promise<VerificationKey | undefined>;
  /** Loads the keys ahead of the first request (start-up). */
  load?(): Promise<void>;
}

/** A JSON Web Key Set (RFC 7517): `{ keys: [ { kty, kid, ... } ] }`. */
export interface JsonWebKeySet {
  keys: Record<string, unknown>[];
}

export interface ParsedJwks {
  keys: Map<string, VerificationKey>;
  /** Keys that were left out, and why (unsupported type, not for signatures, duplicate kid...). */
  skipped: string[];
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const MIN_RSA_BITS = 2048;

/** One JWK as a verification key, or why it is left out. Throws for private or secret key material. */
function readKey(jwk: unknown, index: number, where: string): VerificationKey | string {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return `key #${index} is not an object`;
  const member = (name: string): unknown => (jwk as Record<string, unknown>)[name];
  const found = PRIVATE_MEMBERS.filter((name) => member(name) !== undefined);
  if (found.length > 0) throw new Error(`${where} holds private or secret key material (key #${index} has ${found.join(', ')}); publish public keys only`);
  const kid = member('kid');
  if (typeof kid !== 'string' || kid === '' || kid.length > 256) return `key #${index} has no kid`;
  const use = member('use');
  if (use !== undefined && use !== 'sig') return `key ${kid} is not for signatures (use ${String(use)})`;
  const ops = member('key_ops');
  if (ops !== undefined && !(Array.isArray(ops) && ops.includes('verify'))) return `key ${kid} is not for verifying (key_ops)`;
  const kty = member('kty');
  const alg = member('alg');
  try {
    if (kty === 'OKP' && member('crv') === 'Ed25519' && typeof member('x') === 'string') {
      if (alg !== undefined && alg !== 'EdDSA') return `key ${kid} is for ${String(alg)}, not EdDSA`;
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: member('x') as string }, format: 'jwk' });
      return { kid, key, ...(alg === 'EdDSA' ? { alg } : {}) };
    }
    if (kty === 'RSA' && typeof member('n') === 'string' && typeof member('e') === 'string') {
      if (alg !== undefined && alg !== 'RS256') return `key ${kid} is for ${String(alg)}, not RS256`;
      const key = createPublicKey({ key: { kty: 'RSA', n: member('n') as string, e: member('e') as string }, format: 'jwk' });
      const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      if (bits < MIN_RSA_BITS) return `key ${kid} is RSA of ${bits} bits; at least ${MIN_RSA_BITS} are needed`;
      return { kid, key, ...(alg === 'RS256' ? { alg } : {}) };
    }
  } catch (error) {
    return `key ${kid} cannot be read: ${(error as Error).message}`;
  }
  const crv = member('crv');
  return `key ${kid} has an unsupported type (${String(kty)}${crv !== undefined ? ` ${String(crv)}` : ''}); only Ed25519 and RSA keys are used`;
}

/**
 * Reads a JWKS into verification keys. Only public signature keys are taken: Ed25519 (`OKP`) and RSA of
 * at least 2048 bits. A set that holds private or symmetric key material is refused as a whole.
 */
export function parseJwks(json: unknown, where: string): ParsedJwks {
  const list = typeof json === 'object' && json !== null ? (json as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(list)) throw new Error(`${where} is not a JWKS (expected {"keys": [...]})`);
  const keys = new Map<string, VerificationKey>();
  const skipped: string[] = [];
  list.forEach((jwk: unknown, index) => {
    const key = readKey(jwk, index, where);
    if (typeof key === 'string') skipped.push(key);
    else if (keys.has(key.kid)) skipped.push(`key ${key.kid} appears twice; the first is used`);
    else keys.set(key.kid, key);
  });
  return { keys, skipped };
}

/** The RFC 7638 thumbprint of an Ed25519 public JWK, base64url; the dev issuer uses it as `kid`. */
export function ed25519Thumbprint(x: string): string {
  return createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
}

/** A key source over a fixed JWKS (tests, or keys supplied by configuration code). */
export function staticKeySource(jwks: JsonWebKeySet): KeySource {
  const { keys } = parseJwks(jwks, 'the given JWKS');
  return { resolve: (kid) => Promise.resolve(keys.get(kid)) };
}
