import { createHmac, hkdfSync } from 'node:crypto';
import { MasterKey, MasterKeyRing } from './master-keys';
import { secretOf } from './secret';

/** A one-way keyed digest of a value, with the id of the master key it was derived under. */
export interface KeyedDigest {
  keyId: string;
  /** HMAC-SHA256, base64url without padding (43 characters). */
  digest: string;
}

const PURPOSE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * What a service stores instead of a value it must find again but must not keep readable (docs/adr/0038: signal
 * matching's pseudonyms): HMAC-SHA256 of `value` under a key derived from the master key for this one `purpose`
 * (HKDF-SHA256, info `vt/keyed-digest/<purpose>`), never the master key itself. Without the master key, which is
 * configuration and never in the database, a leaked table cannot be tested against candidate values.
 */
export function keyedDigest(key: MasterKey, purpose: string, value: string): KeyedDigest {
  if (!PURPOSE.test(purpose)) throw new Error(`keyedDigest: the purpose must be lower-case words joined by hyphens (got "${purpose}")`);
  const derived = Buffer.from(hkdfSync('sha256', secretOf(key), Buffer.alloc(0), `vt/keyed-digest/${purpose}`, 32));
  return { keyId: key.id, digest: createHmac('sha256', derived).update(value, 'utf8').digest('base64url') };
}

/** The digests of `value` under every key of the ring, the current one first: a lookup tries them all while older keys are still configured. */
export function keyedDigests(ring: MasterKeyRing, purpose: string, value: string): KeyedDigest[] {
  return ring.ids.map((id) => keyedDigest(ring.get(id) as MasterKey, purpose, value));
}
