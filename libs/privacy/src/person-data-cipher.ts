import { EntityManager } from 'typeorm';
import { DecryptedPersonData, EncryptedPersonData, PersonFields } from './encrypted-person-data';
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
}
