import { KeyObject, sign } from 'node:crypto';

/** Signs a compact JWS (header.payload.signature) with an Ed25519 or RSA private key. */
export function signCompactJws(header: Record<string, unknown>, payload: Record<string, unknown>, privateKey: KeyObject): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const algorithm = privateKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  return `${input}.${sign(algorithm, Buffer.from(input), privateKey).toString('base64url')}`;
}
