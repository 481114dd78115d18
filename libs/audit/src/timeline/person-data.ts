import { EncryptedPersonData } from '@vt/contracts';
import { createServiceDataSource } from '@vt/persistence';
import { MasterKeyRing, PersonDataCipher, PersonKeyNotFoundError, PersonKeyStore } from '@vt/privacy';
import { DataSource } from 'typeorm';
import { PersonDataView } from './timeline-model';

/**
 * Opens one person's (or household's) encrypted fields as far as the auditor can: readable, erased (with date), or
 * still encrypted. `service` is the producer of the event that carries the value: each service encrypts under its
 * own key table (docs/adr/0007, 0020).
 */
export interface PersonDataOpener {
  open(value: EncryptedPersonData, service?: string): Promise<PersonDataView>;
  close?(): Promise<void>;
}

/** An auditor without key access: every value stays `[encrypted]`. */
export const WITHOUT_KEYS: PersonDataOpener = {
  async open(value) {
    return { personId: String(value.personId), state: 'encrypted' };
  },
};

/** Every service's schema by default (the one holding its `person_key` table). */
export const DEFAULT_KEY_SCHEMAS: Readonly<Record<string, string>> = { intake: 'intake', 'crisis-triage': 'crisis_triage', 'safety-investigation': 'safety_investigation', referral: 'referral', 'signal-matching': 'signal_matching' };

/** The service of an event's `source` (`/veilig-thuis/crisis-triage` → `crisis-triage`). */
export function serviceOfSource(source: string): string | undefined {
  return /^\/veilig-thuis\/([a-z-]+)$/.exec(source)?.[1];
}

/**
 * Decrypts with the data keys in the producing service's `person_key` table (docs/adr/0007): intake's for the
 * persons' fields in meldingen, each service's own for the free text it encrypted (docs/adr/0020). Read only.
 */
export class KeyStoreOpener implements PersonDataOpener {
  private constructor(
    private readonly dataSources: DataSource[],
    private readonly ciphers: ReadonlyMap<string, PersonDataCipher>,
    private readonly fallback: PersonDataCipher,
  ) {}

  /**
   * `schemas`: per service, the schema holding its `person_key` table (default `DEFAULT_KEY_SCHEMAS`); `schema`
   * alone names intake's (kept for callers that only read persons' fields).
   */
  static async connect(options: { databaseUrl: string; schema?: string; schemas?: Readonly<Record<string, string>>; masterKeys: MasterKeyRing }): Promise<KeyStoreOpener> {
    const schemas = { ...(options.schemas ?? DEFAULT_KEY_SCHEMAS), ...(options.schema ? { intake: options.schema } : {}) };
    const dataSources: DataSource[] = [];
    const ciphers = new Map<string, PersonDataCipher>();
    try {
      for (const [service, schema] of Object.entries(schemas)) {
        const dataSource = createServiceDataSource({ url: options.databaseUrl, schema, poolSize: 1 });
        await dataSource.initialize();
        dataSources.push(dataSource);
        ciphers.set(service, new PersonDataCipher(new PersonKeyStore({ dataSource, masterKeys: options.masterKeys, cache: { ttlMs: 600_000 } })));
      }
    } catch (error) {
      await Promise.all(dataSources.map((dataSource) => dataSource.destroy()));
      throw error;
    }
    const fallback = ciphers.get('intake') ?? [...ciphers.values()][0];
    if (!fallback) throw new Error('KeyStoreOpener needs the schema of at least one key table');
    return new KeyStoreOpener(dataSources, ciphers, fallback);
  }

  /** Fills intake's key cache for the persons of a household in one query (the other tables are read on demand). */
  async preload(personIds: string[]): Promise<void> {
    await this.fallback.keys.preload(personIds);
  }

  async open(value: EncryptedPersonData, service?: string): Promise<PersonDataView> {
    const personId = String(value.personId);
    const cipher = (service ? this.ciphers.get(service) : undefined) ?? this.fallback;
    try {
      const result = await cipher.decryptFields(value);
      if (result.erased) return { personId, state: 'erased', erasedAt: result.erasedAt.toISOString() };
      return { personId, state: 'readable', fields: result.fields };
    } catch (error) {
      if (error instanceof PersonKeyNotFoundError) return { personId, state: 'encrypted' };
      return { personId, state: 'unreadable', problem: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.dataSources.map((dataSource) => dataSource.destroy()));
  }
}

/**
 * The fields of an event's data that hold a person's free text, encrypted (docs/adr/0020): an assessment's
 * `reasoning`, `how` immediate safety was confirmed, a `reason`, an `explanation`, and lists of safety conditions.
 */
export const ENCRYPTED_TEXT_FIELDS = ['reasoning', 'how', 'reason', 'explanation', 'conditions', 'safetyConditions', 'finding'] as const;

const isEncrypted = (value: unknown): value is EncryptedPersonData =>
  !!value && typeof value === 'object' && !Array.isArray(value) && typeof (value as Record<string, unknown>)['ciphertext'] === 'string' && typeof (value as Record<string, unknown>)['personId'] === 'string';

/** The encrypted free texts of an event, by field (top level only). */
export function encryptedTextsIn(data: Record<string, unknown>): { field: (typeof ENCRYPTED_TEXT_FIELDS)[number]; value: EncryptedPersonData }[] {
  return ENCRYPTED_TEXT_FIELDS.flatMap((field) => (isEncrypted(data[field]) ? [{ field, value: data[field] as EncryptedPersonData }] : []));
}

/** Every `personalData` entry an event carries, wherever it sits in the data (top level or nested one deep), but not its encrypted free texts. */
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
  const texts = new Set<unknown>(encryptedTextsIn(data).map((text) => text.value));
  for (const child of Object.values(data)) if (!texts.has(child)) visit(child, 1);
  return found;
}
