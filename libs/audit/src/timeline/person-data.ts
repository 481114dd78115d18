import { EncryptedPersonData } from '@vt/contracts';
import { createServiceDataSource } from '@vt/persistence';
import { MasterKeyRing, PersonDataCipher, PersonKeyNotFoundError, PersonKeyStore } from '@vt/privacy';
import { DataSource } from 'typeorm';
import { PersonDataView } from './timeline-model';

/** Opens one person's encrypted fields as far as the auditor can: readable, erased (with date), or still encrypted. */
export interface PersonDataOpener {
  open(value: EncryptedPersonData): Promise<PersonDataView>;
  close?(): Promise<void>;
}

/** An auditor without key access: every value stays `[encrypted]`. */
export const WITHOUT_KEYS: PersonDataOpener = {
  async open(value) {
    return { personId: String(value.personId), state: 'encrypted' };
  },
};

/** Decrypts with the data keys in the key owner's `person_key` table (docs/adr/0007). */
export class KeyStoreOpener implements PersonDataOpener {
  private constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PersonDataCipher,
  ) {}

  /** `schema`: the schema holding `person_key` (intake's, `intake` by default). Read only. */
  static async connect(options: { databaseUrl: string; schema: string; masterKeys: MasterKeyRing }): Promise<KeyStoreOpener> {
    const dataSource = createServiceDataSource({ url: options.databaseUrl, schema: options.schema, poolSize: 2 });
    await dataSource.initialize();
    const keys = new PersonKeyStore({ dataSource, masterKeys: options.masterKeys, cache: { ttlMs: 600_000 } });
    return new KeyStoreOpener(dataSource, new PersonDataCipher(keys));
  }

  async preload(personIds: string[]): Promise<void> {
    await this.cipher.keys.preload(personIds);
  }

  async open(value: EncryptedPersonData): Promise<PersonDataView> {
    const personId = String(value.personId);
    try {
      const result = await this.cipher.decryptFields(value);
      if (result.erased) return { personId, state: 'erased', erasedAt: result.erasedAt.toISOString() };
      return { personId, state: 'readable', fields: result.fields };
    } catch (error) {
      if (error instanceof PersonKeyNotFoundError) return { personId, state: 'encrypted' };
      return { personId, state: 'unreadable', problem: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.dataSource.destroy();
  }
}

/** Every `personalData` entry an event carries, wherever it sits in the data (top level or nested one deep). */
export function personalDataIn(data: Record<string, unknown>): EncryptedPersonData[] {
  const found: EncryptedPersonData[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 3 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record['ciphertext'] === 'string' && typeof record['personId'] === 'string' && typeof record['keyId'] === 'string') {
      found.push(record as unknown as EncryptedPersonData);
      return;
    }
    for (const child of Object.values(record)) visit(child, depth + 1);
  };
  visit(data, 0);
  return found;
}
