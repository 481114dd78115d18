import { EntityManager } from 'typeorm';
import { DecryptedPersonData, EncryptedPersonData, PersonFields } from './encrypted-person-data';
import { PersonDataIntegrityError } from './errors';
import { PersonKeyDestroyedError } from './errors';
import { checkEncryptedPersonData, openFields, sealFields } from './field-encryption';
import { PersonKeyStore } from './person-key-store';

/** Encrypts and decrypts one person's fields with their data key from a `PersonKeyStore`. */
export class PersonDataCipher {
  constructor(readonly keys: PersonKeyStore) {}

  /**
   * Encrypts the fields under the person's data key, creating the key on first use. Pass the transaction's
   * `manager` when the encrypted value is written in that transaction (an event into the outbox, say), so
   * the key is created in the same transaction; without it, a new key is committed at once.
   * Throws `PersonKeyDestroyedError` for a person whose key was destroyed.
   */
  async encryptFields(personId: string, fields: PersonFields, manager: EntityManager = this.keys.dataSource.manager): Promise<EncryptedPersonData> {
    return sealFields(await this.keys.keyFor(manager, personId), fields);
  }

  /**
   * The fields, or `{ erased: true, erasedAt }` when the person's key was destroyed. Throws
   * `PersonDataIntegrityError` when the value was altered or moved to another person,
   * `PersonKeyNotFoundError` when no key for the person exists.
   */
  async decryptFields(value: EncryptedPersonData): Promise<DecryptedPersonData> {
    const checked = checkEncryptedPersonData(value);
    try {
      const key = await this.keys.unwrap(checked.personId);
      return { erased: false, personId: checked.personId, fields: openFields(key, checked) };
    } catch (error) {
      if (error instanceof PersonKeyDestroyedError) return { erased: true, personId: checked.personId, erasedAt: error.destroyedAt };
      throw error;
    }
  }

  /**
   * Free text (ADR 0020) under the data key of the subject it concerns: a person's id, or the household's id
   * for text about the household as a whole. Stored as the field `text`.
   */
  encryptText(subjectId: string, text: string, manager?: EntityManager): Promise<EncryptedPersonData> {
    return this.encryptFields(subjectId, { text }, manager);
  }

  /** A list of free texts (safety conditions, say) under one subject's key, as the field `items`. */
  encryptTexts(subjectId: string, items: readonly string[], manager?: EntityManager): Promise<EncryptedPersonData> {
    return this.encryptFields(subjectId, { items: [...items] }, manager);
  }

  /** The text sealed by `encryptText`, or `{ erased: true, erasedAt }` once the subject's key was destroyed. */
  async decryptText(value: EncryptedPersonData): Promise<{ erased: false; text: string } | { erased: true; erasedAt: Date }> {
    const opened = await this.decryptFields(value);
    if (opened.erased) return { erased: true, erasedAt: opened.erasedAt };
    const text = opened.fields['text'];
    if (typeof text !== 'string') throw new PersonDataIntegrityError(opened.personId, 'encrypted data does not hold a text');
    return { erased: false, text };
  }

  /** The list sealed by `encryptTexts`, or `{ erased: true, erasedAt }` once the subject's key was destroyed. */
  async decryptTexts(value: EncryptedPersonData): Promise<{ erased: false; items: string[] } | { erased: true; erasedAt: Date }> {
    const opened = await this.decryptFields(value);
    if (opened.erased) return { erased: true, erasedAt: opened.erasedAt };
    const items = opened.fields['items'];
    if (!Array.isArray(items)) throw new PersonDataIntegrityError(opened.personId, 'encrypted data does not hold a list of texts');
    return { erased: false, items };
  }
}
