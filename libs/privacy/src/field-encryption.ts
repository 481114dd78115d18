import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PersonDataKey } from './data-key';
import { EncryptedPersonData, PERSON_DATA_ALGORITHM, PersonFields } from './encrypted-person-data';
import { PersonDataIntegrityError } from './errors';
import { normalizeUuid } from './ids';
import { secretOf } from './secret';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Additional data of every field encryption: the value only decrypts as data of the person and key it
 * names, so a ciphertext copied into another person's record (or relabelled) is refused.
 */
function fieldsAad(personId: string, keyId: string): Buffer {
  return Buffer.from(JSON.stringify(['vt.person-data', PERSON_DATA_ALGORITHM, personId, keyId]), 'utf8');
}

/** Encrypts a person's fields under their data key (a fresh random IV every time). */
export function sealFields(key: PersonDataKey, fields: PersonFields): EncryptedPersonData {
  const plaintext = Buffer.from(JSON.stringify(checkFields(fields, 'fields')), 'utf8');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', secretOf(key), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(fieldsAad(key.personId, key.keyId));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    personId: key.personId,
    keyId: key.keyId,
    alg: PERSON_DATA_ALGORITHM,
    iv: iv.toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}

/** Decrypts with the person's data key; a `PersonDataIntegrityError` if the value was altered or belongs to another key. */
export function openFields(key: PersonDataKey, value: EncryptedPersonData): PersonFields {
  const checked = checkEncryptedPersonData(value);
  if (checked.personId !== key.personId) {
    throw new PersonDataIntegrityError(checked.personId, `encrypted data of person ${checked.personId} cannot be opened with the data key of person ${key.personId}`);
  }
  if (checked.keyId !== key.keyId) {
    throw new PersonDataIntegrityError(
      checked.personId,
      `encrypted data of person ${checked.personId} names key ${checked.keyId}, but that person's data key is ${key.keyId}: the value was altered or moved from another person`,
    );
  }
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', secretOf(key), Buffer.from(checked.iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(fieldsAad(checked.personId, checked.keyId));
    decipher.setAuthTag(Buffer.from(checked.tag, 'base64url'));
    plaintext = Buffer.concat([decipher.update(Buffer.from(checked.ciphertext, 'base64url')), decipher.final()]);
  } catch {
    throw new PersonDataIntegrityError(
      checked.personId,
      `encrypted data of person ${checked.personId} (key ${checked.keyId}) failed authentication: its ciphertext, tag, IV, person id or key id was altered`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new PersonDataIntegrityError(checked.personId, `encrypted data of person ${checked.personId} authenticated but does not hold JSON`);
  }
  return checkFields(parsed, `decrypted data of person ${checked.personId}`);
}

/** Structural check of an `EncryptedPersonData` value (the same rules as `encryptedPersonDataSchema`), ids normalised. */
export function checkEncryptedPersonData(value: unknown): EncryptedPersonData {
  const fail = (problem: string, personId?: string): never => {
    throw new PersonDataIntegrityError(personId, `not valid encrypted personal data: ${problem}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected an object');
  const record = value as Record<string, unknown>;
  const allowed = ['personId', 'keyId', 'alg', 'iv', 'ciphertext', 'tag'];
  const extra = Object.keys(record).filter((name) => !allowed.includes(name));
  if (extra.length > 0) fail(`unexpected properties ${extra.join(', ')}`);
  let personId: string;
  let keyId: string;
  try {
    personId = normalizeUuid(record['personId'], 'personId');
    keyId = normalizeUuid(record['keyId'], 'keyId');
  } catch (error) {
    return fail((error as Error).message);
  }
  if (record['alg'] !== PERSON_DATA_ALGORITHM) fail(`alg must be ${PERSON_DATA_ALGORITHM}`, personId);
  const bytes = (name: string, length?: number): string => {
    const text = record[name];
    if (typeof text !== 'string' || !BASE64URL.test(text)) return fail(`${name} must be base64url`, personId);
    if (length !== undefined && Buffer.from(text, 'base64url').length !== length) fail(`${name} must be ${length} bytes`, personId);
    return text;
  };
  return { personId, keyId, alg: PERSON_DATA_ALGORITHM, iv: bytes('iv', IV_BYTES), ciphertext: bytes('ciphertext'), tag: bytes('tag', TAG_BYTES) };
}

function checkFields(fields: unknown, what: string): PersonFields {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new TypeError(`${what} must be an object of fields`);
  const entries = Object.entries(fields);
  for (const [name, value] of entries) {
    const isTextList = Array.isArray(value) && value.every((item) => typeof item === 'string');
    if (!(value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || isTextList)) {
      throw new TypeError(`${what}: field "${name}" must be a string, a finite number, a list of strings or null`);
    }
  }
  // fromEntries defines own properties, so a field named "__proto__" stays a field.
  return Object.fromEntries(entries) as PersonFields;
}
