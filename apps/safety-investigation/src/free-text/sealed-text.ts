import { ConflictException, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EncryptedText } from '@vt/contracts';
import { PersonDataCipher, PersonKeyDestroyedError } from '@vt/privacy';

/** A text whose key was destroyed: erased everywhere (crypto-shredding), shown with the date. */
export interface ErasedText {
  erased: true;
  erasedAt: string;
}

/** A sealed text as a read shows it: the words, or that they were erased and when. */
export type OpenedText = string | ErasedText;
/** A sealed list (safety conditions) as a read shows it. */
export type OpenedList = string[] | ErasedText;

const ENCRYPTED_KEYS = ['personId', 'keyId', 'alg', 'iv', 'ciphertext', 'tag'];

/** True for a value of the shape of `EncryptedText` (what `openAll` opens). */
export function isSealed(value: unknown): value is EncryptedText {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === ENCRYPTED_KEYS.length && ENCRYPTED_KEYS.every((key) => keys.includes(key));
}

/**
 * Free text in safety-investigation (ADR 0020): sealed with this service's own key table (`person_key`) under the
 * key of the subject it concerns — a person's id for text about that person, the household's id for text about
 * the household as a whole — in the transaction that records it; opened on every read. Once the subject's key is
 * destroyed the text reads as `{ erased: true, erasedAt }` here, on the log, in replay and in rebuild alike.
 */
@Injectable()
export class SealedText {
  constructor(private readonly cipher: PersonDataCipher) {}

  /** One text under `subjectId`'s key, in `manager`'s transaction. A subject whose data was erased takes no new text: 409. */
  async seal(subjectId: string, text: string, manager: EntityManager): Promise<EncryptedText> {
    try {
      return await this.cipher.encryptText(subjectId, text, manager);
    } catch (error) {
      throw refusedForErased(error);
    }
  }

  /** A list of texts (safety conditions) as one sealed value under `subjectId`'s key. */
  async sealList(subjectId: string, items: readonly string[], manager: EntityManager): Promise<EncryptedText> {
    try {
      return await this.cipher.encryptTexts(subjectId, items, manager);
    } catch (error) {
      throw refusedForErased(error);
    }
  }

  async open(value: EncryptedText): Promise<OpenedText> {
    const opened = await this.cipher.decryptText(value);
    return opened.erased ? { erased: true, erasedAt: opened.erasedAt.toISOString() } : opened.text;
  }

  async openList(value: EncryptedText): Promise<OpenedList> {
    const opened = await this.cipher.decryptTexts(value);
    return opened.erased ? { erased: true, erasedAt: opened.erasedAt.toISOString() } : opened.items;
  }

  /** A copy of `value` with every sealed text in it opened (`{ text }` → the text, `{ items }` → the list), for reads of stored facts. */
  async openAll<T>(value: T): Promise<unknown> {
    if (isSealed(value)) {
      const opened = await this.cipher.decryptFields(value);
      if (opened.erased) return { erased: true, erasedAt: opened.erasedAt.toISOString() } satisfies ErasedText;
      return opened.fields['items'] ?? opened.fields['text'] ?? opened.fields;
    }
    if (Array.isArray(value)) return Promise.all(value.map((entry) => this.openAll(entry)));
    if (typeof value === 'object' && value !== null) {
      const entries = await Promise.all(Object.entries(value).map(async ([key, entry]) => [key, await this.openAll(entry)] as const));
      return Object.fromEntries(entries);
    }
    return value;
  }
}

function refusedForErased(error: unknown): unknown {
  if (!(error instanceof PersonKeyDestroyedError)) return error;
  return new ConflictException({
    statusCode: 409,
    error: 'data-erased',
    message: `the data of ${error.personId} was erased on ${error.destroyedAt.toISOString()}; no new text can be recorded about it`,
    subjectId: error.personId,
    erasedAt: error.destroyedAt.toISOString(),
  });
}
