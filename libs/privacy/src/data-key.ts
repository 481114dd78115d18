import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { PersonKeyUnwrapError } from './errors';
import { normalizeUuid } from './ids';
import { MasterKey, MasterKeyRing } from './master-keys';
import { attachSecret, secretOf } from './secret';

export const DATA_KEY_BYTES = 32;
const WRAP_FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Format byte, IV, the encrypted 32-byte data key, GCM tag. */
export const WRAPPED_KEY_BYTES = 1 + IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;

/** One person's 256-bit data key. Like a master key, it has no property holding its bytes. */
export class PersonDataKey {
  private constructor(
    readonly personId: string,
    readonly keyId: string,
  ) {}

  /** A new random data key with a new key id. */
  static generate(personId: string): PersonDataKey {
    return PersonDataKey.fromBytes(personId, randomUUID(), randomBytes(DATA_KEY_BYTES));
  }

  /** For key sources other than `PersonKeyStore`; the bytes are copied. */
  static fromBytes(personId: string, keyId: string, bytes: Uint8Array): PersonDataKey {
    if (bytes.length !== DATA_KEY_BYTES) throw new TypeError(`a data key is ${DATA_KEY_BYTES} bytes`);
    const key = new PersonDataKey(normalizeUuid(personId, 'personId'), normalizeUuid(keyId, 'keyId'));
    attachSecret(key, Buffer.from(bytes));
    return key;
  }

  toJSON(): { personId: string; keyId: string } {
    return { personId: this.personId, keyId: this.keyId };
  }

  toString(): string {
    return `PersonDataKey(${this.personId}, ${this.keyId})`;
  }

  [inspect.custom](): string {
    return `PersonDataKey { personId: '${this.personId}', keyId: '${this.keyId}' }`;
  }
}

/** A data key as stored: encrypted under a master key, with the ids it is bound to. */
export interface WrappedDataKey {
  personId: string;
  keyId: string;
  masterKeyId: string;
  wrappedKey: Buffer;
}

/**
 * Additional data of the wrapping: the wrapped key only unwraps for the person, key id and master key id it
 * was written for, so swapping `wrapped_key` values between rows is detected.
 */
function wrapAad(personId: string, keyId: string, masterKeyId: string): Buffer {
  return Buffer.from(JSON.stringify(['vt.person-key', WRAP_FORMAT, personId, keyId, masterKeyId]), 'utf8');
}

/** Encrypts a data key under a master key with AES-256-GCM. */
export function wrapDataKey(key: PersonDataKey, masterKey: MasterKey): WrappedDataKey {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', secretOf(masterKey), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(wrapAad(key.personId, key.keyId, masterKey.id));
  const encrypted = Buffer.concat([cipher.update(secretOf(key)), cipher.final()]);
  return {
    personId: key.personId,
    keyId: key.keyId,
    masterKeyId: masterKey.id,
    wrappedKey: Buffer.concat([Buffer.from([WRAP_FORMAT]), iv, encrypted, cipher.getAuthTag()]),
  };
}

/** Decrypts a wrapped data key with the master key it names; fails if that key is not in the ring or is not the right one. */
export function unwrapDataKey(wrapped: WrappedDataKey, masterKeys: MasterKeyRing): PersonDataKey {
  const personId = normalizeUuid(wrapped.personId, 'personId');
  const keyId = normalizeUuid(wrapped.keyId, 'keyId');
  const masterKey = masterKeys.get(wrapped.masterKeyId);
  if (!masterKey) {
    throw new PersonKeyUnwrapError(
      personId,
      wrapped.masterKeyId,
      `the data key of person ${personId} is wrapped under master key "${wrapped.masterKeyId}", which is not configured ` +
        `(configured: ${masterKeys.ids.join(', ')}); keep retired master keys in PERSONAL_DATA_MASTER_KEYS until rewrap has moved every data key off them`,
    );
  }
  const blob = wrapped.wrappedKey;
  if (blob.length !== WRAPPED_KEY_BYTES || blob[0] !== WRAP_FORMAT) {
    throw new PersonKeyUnwrapError(personId, masterKey.id, `the wrapped data key of person ${personId} is not in wrap format ${WRAP_FORMAT} (${blob.length} bytes)`);
  }
  const iv = blob.subarray(1, 1 + IV_BYTES);
  const encrypted = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + DATA_KEY_BYTES);
  const tag = blob.subarray(1 + IV_BYTES + DATA_KEY_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', secretOf(masterKey), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(wrapAad(personId, keyId, masterKey.id));
    decipher.setAuthTag(tag);
    const bytes = Buffer.concat([decipher.update(encrypted), decipher.final()]);
    return PersonDataKey.fromBytes(personId, keyId, bytes);
  } catch {
    throw new PersonKeyUnwrapError(
      personId,
      masterKey.id,
      `the data key of person ${personId} does not unwrap under master key "${masterKey.id}": the configured key with that id is not the one it was wrapped with, or the stored row was altered`,
    );
  }
}

/** Unwraps with whichever configured master key wrapped it and wraps again under the current master key. */
export function rewrapDataKey(wrapped: WrappedDataKey, masterKeys: MasterKeyRing): WrappedDataKey {
  return wrapDataKey(unwrapDataKey(wrapped, masterKeys), masterKeys.current);
}
