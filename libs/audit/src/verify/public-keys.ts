import { KeyObject } from 'node:crypto';
import { parseVerifyingKey } from '@vt/contracts';

/** One published audit key: which service it signs for, and from when. */
export interface PublishedKey {
  service: string;
  /** SPKI PEM, or base64 of SPKI DER. */
  publicKey: string;
  validFrom: string;
}

/** The format of config/audit/public-keys.json and of the generated `.local/audit/public-keys.json`. */
export interface PublicKeysFile {
  keys: Record<string, PublishedKey>;
}

export interface VerifyingKey {
  keyId: string;
  service: string;
  key: KeyObject;
  validFrom: Date;
}

export type KeyRing = ReadonlyMap<string, VerifyingKey>;

/** Reads key files into one ring; a later file may not redefine a key id differently. Throws naming the bad entry. */
export function keyRing(files: { name: string; content: unknown }[]): KeyRing {
  const ring = new Map<string, VerifyingKey>();
  for (const { name, content } of files) {
    const keys = (content as Partial<PublicKeysFile> | null)?.keys;
    if (!keys || typeof keys !== 'object') throw new Error(`${name}: expected { "keys": { "<keyid>": { "service", "publicKey", "validFrom" } } }`);
    for (const [keyId, entry] of Object.entries(keys)) {
      if (!entry || typeof entry.service !== 'string' || typeof entry.publicKey !== 'string' || typeof entry.validFrom !== 'string') {
        throw new Error(`${name}: key "${keyId}" needs service, publicKey and validFrom`);
      }
      const validFrom = new Date(entry.validFrom);
      if (Number.isNaN(validFrom.getTime())) throw new Error(`${name}: key "${keyId}" has validFrom "${entry.validFrom}", not a date`);
      let key: KeyObject;
      try {
        key = parseVerifyingKey(entry.publicKey);
      } catch (error) {
        throw new Error(`${name}: key "${keyId}": ${(error as Error).message}`);
      }
      const known = ring.get(keyId);
      if (known && (known.service !== entry.service || !known.key.equals(key))) throw new Error(`${name}: key "${keyId}" is published twice with different contents`);
      ring.set(keyId, { keyId, service: entry.service, key, validFrom });
    }
  }
  return ring;
}
