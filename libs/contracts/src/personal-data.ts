// Types and JSON Schema of personal data encrypted per person (libs/privacy produces and opens it). Plain data only.

/** The only algorithm so far: AES-256-GCM with a 96-bit IV and a 128-bit tag (JOSE name). */
export const PERSON_DATA_ALGORITHM = 'A256GCM';

/**
 * What can be encrypted: a flat record of personal fields (name, BSN, date of birth, address …), or free
 * text (`{ text }`, a list as `{ items }`).
 */
export type PersonFields = Record<string, string | number | null | string[]>;

/**
 * One person's fields, encrypted under that person's data key. Plain JSON, safe to put in an event.
 * `personId` and `keyId` are bound in as additional data: the value cannot be moved to another person.
 */
export interface EncryptedPersonData {
  personId: string;
  keyId: string;
  alg: typeof PERSON_DATA_ALGORITHM;
  /** base64url, 12 bytes. */
  iv: string;
  /** base64url of the encrypted JSON of the fields. */
  ciphertext: string;
  /** base64url, the 16-byte GCM authentication tag. */
  tag: string;
}

/** The person's data could be decrypted. */
export interface DecryptedPersonFields {
  erased: false;
  personId: string;
  fields: PersonFields;
}

/** The person's data key was destroyed: the data is gone for good (crypto-shredding). */
export interface ErasedPersonData {
  erased: true;
  personId: string;
  erasedAt: Date;
}

export type DecryptedPersonData = DecryptedPersonFields | ErasedPersonData;

export const encryptedPersonDataSchema = {
  $id: 'urn:vt:schema:encrypted-person-data',
  title: 'Personal data encrypted under the data key of one person',
  type: 'object',
  required: ['personId', 'keyId', 'alg', 'iv', 'ciphertext', 'tag'],
  additionalProperties: false,
  properties: {
    personId: { type: 'string', format: 'uuid' },
    keyId: { type: 'string', format: 'uuid' },
    alg: { const: PERSON_DATA_ALGORITHM },
    iv: { type: 'string', pattern: '^[A-Za-z0-9_-]{16}$' },
    ciphertext: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
    tag: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' },
  },
} as const;

/**
 * Free text written by a person (an assessment's reasoning, how immediate safety was confirmed, safety
 * conditions …), encrypted under the data key of the subject it concerns (ADR 0020): a person (`personId` is
 * the person's id), or the household as a whole (`personId` is the household's id; the household is a data
 * subject of its own, erased with the dossier). The same shape as `EncryptedPersonData`; the fields inside
 * are `{ text }` for one text and `{ items }` for a list. Free text never enters an event in clear.
 */
export type EncryptedText = EncryptedPersonData;

/** `encryptedPersonDataSchema` without `$id`/`title`, so that event schemas can embed it as a property. */
const { $id: _encryptedId, title: _encryptedTitle, ...encryptedShape } = encryptedPersonDataSchema;
export const encryptedTextSchema = encryptedShape;
