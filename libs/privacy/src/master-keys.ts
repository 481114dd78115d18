import { randomBytes, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';
import { MasterKeyConfigurationError } from './errors';
import { attachSecret, secretOf } from './secret';

/** The environment variable with the master keys: comma-separated `id:base64` entries, the current key first. */
export const MASTER_KEYS_VARIABLE = 'PERSONAL_DATA_MASTER_KEYS';
export const MASTER_KEY_BYTES = 32;

/**
 * Ids are recorded next to every wrapped data key. At most 40 characters, so that a 43/44-character key
 * pasted in the wrong place can never pass for an id (and be echoed in an error message).
 */
const MASTER_KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const ID_RULE = '1 to 40 letters, digits, ".", "_" or "-", starting with a letter or digit';
const GENERATE_HINT =
  `generate one with \`node -e "console.log('local-1:' + require('crypto').randomBytes(32).toString('base64'))"\` ` +
  '(or `generateMasterKey()` from @vt/privacy) for local use; in shared environments take it from the secret store';

/** A 256-bit key-encryption key. It has no property holding its bytes, so it cannot end up in a log line. */
export class MasterKey {
  private constructor(readonly id: string) {}

  static fromBytes(id: string, bytes: Uint8Array): MasterKey {
    if (!MASTER_KEY_ID.test(id)) throw new MasterKeyConfigurationError(`a master key id must be ${ID_RULE}`);
    if (bytes.length !== MASTER_KEY_BYTES) {
      throw new MasterKeyConfigurationError(`master key "${id}" has ${bytes.length} bytes; a master key is exactly ${MASTER_KEY_BYTES} random bytes`);
    }
    const key = new MasterKey(id);
    attachSecret(key, Buffer.from(bytes));
    return key;
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }

  toString(): string {
    return `MasterKey(${this.id})`;
  }

  [inspect.custom](): string {
    return `MasterKey { id: '${this.id}' }`;
  }
}

/** The configured master keys: `current` wraps new data keys; every key in the ring still unwraps. */
export class MasterKeyRing {
  readonly current: MasterKey;
  private readonly byId = new Map<string, MasterKey>();

  /** The first key is the current one. */
  constructor(keys: readonly MasterKey[]) {
    const [current] = keys;
    if (!current) throw new MasterKeyConfigurationError('a master key ring needs at least one key');
    for (const key of keys) {
      if (this.byId.has(key.id)) throw new MasterKeyConfigurationError(`master key id "${key.id}" appears twice`);
      this.byId.set(key.id, key);
    }
    this.current = current;
  }

  /** Ids in configuration order, the current one first. */
  get ids(): string[] {
    return [...this.byId.keys()];
  }

  get(id: string): MasterKey | undefined {
    return this.byId.get(id);
  }

  toJSON(): { current: string; ids: string[] } {
    return { current: this.current.id, ids: this.ids };
  }

  [inspect.custom](): string {
    return `MasterKeyRing { current: '${this.current.id}', ids: [${this.ids.map((id) => `'${id}'`).join(', ')}] }`;
  }
}

/**
 * Reads the master keys from `PERSONAL_DATA_MASTER_KEYS` (comma-separated `id:base64` entries of 32 bytes,
 * the current key first; the others still unwrap, for rotation). Call it at start: it throws a
 * `MasterKeyConfigurationError` that says what to fix, and never repeats key material.
 */
export function loadMasterKeys(env: Readonly<Record<string, string | undefined>> = process.env): MasterKeyRing {
  const value = env[MASTER_KEYS_VARIABLE];
  if (value === undefined || value.trim() === '') {
    throw new MasterKeyConfigurationError(
      `${MASTER_KEYS_VARIABLE} is not set. It holds the master keys that wrap each person's data key, as comma-separated ` +
        `"id:base64" entries of ${MASTER_KEY_BYTES} random bytes with the current key first; ${GENERATE_HINT}.`,
    );
  }
  return parseMasterKeys(value);
}

/** Parses the `id:base64,id:base64` form; `loadMasterKeys` reads it from the environment. */
export function parseMasterKeys(value: string, source = MASTER_KEYS_VARIABLE): MasterKeyRing {
  const entries = value.split(',').map((entry) => entry.trim());
  const keys: MasterKey[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const n = index + 1;
    if (entry === '') throw new MasterKeyConfigurationError(`${source} entry ${n} of ${entries.length} is empty (a stray comma?); expected "id:base64"`);
    const colon = entry.indexOf(':');
    if (colon < 0) throw new MasterKeyConfigurationError(`${source} entry ${n} is not of the form "id:base64" (there is no colon); the entry is not shown because it may be key material`);
    const id = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!MASTER_KEY_ID.test(id)) {
      throw new MasterKeyConfigurationError(`${source} entry ${n} has an invalid id (not shown in case it is key material): an id is ${ID_RULE}`);
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new MasterKeyConfigurationError(
        `${source} entry ${n} repeats the id "${id}" of entry ${earlier}; every master key needs its own id, because each wrapped data key records the id of the key that wrapped it`,
      );
    }
    const bytes = decodeBase64(encoded);
    if (!bytes) throw new MasterKeyConfigurationError(`${source} entry ${n} ("${id}"): the key is not valid base64; ${GENERATE_HINT}`);
    if (bytes.length !== MASTER_KEY_BYTES) {
      throw new MasterKeyConfigurationError(
        `${source} entry ${n} ("${id}") decodes to ${bytes.length} bytes; a master key is exactly ${MASTER_KEY_BYTES} random bytes ` + `(44 base64 characters); ${GENERATE_HINT}`,
      );
    }
    for (const other of keys) {
      if (timingSafeEqual(secretOf(other), bytes)) {
        throw new MasterKeyConfigurationError(
          `${source} entries ${seen.get(other.id)} ("${other.id}") and ${n} ("${id}") hold the same key; a new master key must be new random bytes`,
        );
      }
    }
    seen.set(id, n);
    keys.push(MasterKey.fromBytes(id, bytes));
  });
  return new MasterKeyRing(keys);
}

export interface GeneratedMasterKey {
  id: string;
  /** The 32 random bytes, base64. Key material: put it in the secret store, never in the repository or a log. */
  key: string;
  /** `id:key`, the form `PERSONAL_DATA_MASTER_KEYS` takes. */
  entry: string;
}

/** A new random master key for local setup (or for a rotation, with an id of your choosing). */
export function generateMasterKey(id = `mk-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`): GeneratedMasterKey {
  if (!MASTER_KEY_ID.test(id)) throw new MasterKeyConfigurationError(`a master key id must be ${ID_RULE}`);
  const key = randomBytes(MASTER_KEY_BYTES).toString('base64');
  return { id, key, entry: `${id}:${key}` };
}

/** Standard or URL-safe base64, padded or not; undefined when it is not canonical base64. */
function decodeBase64(encoded: string): Buffer | undefined {
  const standard = encoded.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(standard)) return undefined;
  const bytes = Buffer.from(standard, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== standard.replace(/=+$/, '')) return undefined;
  return bytes;
}
