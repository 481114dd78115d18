import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BoundedCache } from './bounded-cache';
import { PersonDataKey, rewrapDataKey, unwrapDataKey, wrapDataKey } from './data-key';
import { PersonKeyDestroyedError, PersonKeyNotFoundError } from './errors';
import { normalizeUuid } from './ids';
import { MasterKeyRing } from './master-keys';

export interface PersonKeyStoreOptions {
  /** The service's data source; its schema holds `person_key` (migration `CreatePersonKeys1764300000080`). */
  dataSource: DataSource;
  masterKeys: MasterKeyRing;
  cache?: {
    /** Unwrapped keys kept in memory; default 10,000. 0 turns the cache off. */
    maxEntries?: number;
    /**
     * How long a cached key is used without looking at the table again; default 60 s. This also bounds how
     * long this process can still decrypt after another process destroyed the key (unless it calls `forget`).
     */
    ttlMs?: number;
  };
}

export interface PersonKeyDestruction {
  personId: string;
  keyId: string;
  destroyedAt: Date;
  /** The key had been destroyed before; `destroyedAt` is the first destruction. */
  alreadyDestroyed: boolean;
}

export interface RewrapResult {
  /** The current master key, which the keys were moved to. */
  masterKeyId: string;
  rewrapped: number;
  /** Live keys still wrapped under another master key (locked by a concurrent transaction); run rewrap again. */
  remaining: number;
}

type CacheEntry = { state: 'active'; key: PersonDataKey } | { state: 'destroyed'; destroyedAt: Date } | { state: 'destroying' };

interface PersonKeyRow {
  person_id: string;
  key_id: string;
  wrapped_key: Buffer | null;
  master_key_id: string | null;
  destroyed_at: Date | null;
}

const COLUMNS = 'person_id, key_id, wrapped_key, master_key_id, destroyed_at';

/**
 * Per-person data keys in the `person_key` table, each wrapped under a master key (AES-256-GCM). The
 * in-memory cache only ever holds keys read as committed, so a key created in a transaction that rolls
 * back is never used afterwards.
 */
export class PersonKeyStore {
  readonly dataSource: DataSource;
  readonly masterKeys: MasterKeyRing;
  private readonly cache: BoundedCache<CacheEntry>;
  private readonly reading = new Map<string, Promise<CacheEntry | undefined>>();

  constructor(options: PersonKeyStoreOptions) {
    this.dataSource = options.dataSource;
    this.masterKeys = options.masterKeys;
    this.cache = new BoundedCache(options.cache?.maxEntries ?? 10_000, options.cache?.ttlMs ?? 60_000);
  }

  /**
   * The person's data key, created on first use inside the caller's transaction (`manager`): a random
   * 256-bit key, stored wrapped under the current master key. Two transactions racing for the same person
   * get the same key (`insert … on conflict do nothing`, then read the winner); run at read committed.
   * Throws `PersonKeyDestroyedError` for a person whose key was destroyed.
   */
  async keyFor(manager: EntityManager, personId: string): Promise<PersonDataKey> {
    const id = normalizeUuid(personId, 'personId');
    const cached = this.cache.get(id);
    if (cached?.state === 'active') return cached.key;
    if (cached?.state === 'destroyed') throw new PersonKeyDestroyedError(id, cached.destroyedAt);
    // Outside a transaction every statement commits at once, so what we read or write may be cached.
    const committed = !manager.queryRunner?.isTransactionActive;
    // Insert first: a person met for the first time (most persons a key is asked for outside the cache) costs one
    // round trip; one who has a key costs the insert that does nothing, then the read.
    const fresh = PersonDataKey.generate(id);
    const wrapped = wrapDataKey(fresh, this.masterKeys.current);
    const inserted = (await manager.query(
      `insert into person_key (person_id, key_id, wrapped_key, master_key_id) values ($1, $2, $3, $4)
       on conflict (person_id) do nothing returning person_id`,
      [id, wrapped.keyId, wrapped.wrappedKey, wrapped.masterKeyId],
    )) as unknown[];
    if (inserted.length > 0) {
      if (committed) this.remember(id, { state: 'active', key: fresh });
      return fresh;
    }
    // The person has a key (or a tombstone), or another transaction created it first (the insert waited for it to
    // commit): use that one.
    const winner = await this.readRow(manager, id);
    if (!winner) throw new Error(`person_key: the key of person ${id} conflicted on insert but cannot be read`);
    return this.keyFromRow(winner, committed);
  }

  /**
   * The person's data key as committed, from the cache or the table. Throws `PersonKeyDestroyedError`
   * (with the date) when it was destroyed, `PersonKeyNotFoundError` when there is none.
   */
  async unwrap(personId: string): Promise<PersonDataKey> {
    const id = normalizeUuid(personId, 'personId');
    const entry = await this.committedEntry(id);
    if (!entry) throw new PersonKeyNotFoundError(id);
    if (entry.state === 'destroyed') throw new PersonKeyDestroyedError(id, entry.destroyedAt);
    if (entry.state === 'destroying') throw new Error('unreachable: a destroying marker is never returned');
    return entry.key;
  }

  /** Reads the keys of many persons in one query into the cache (before a replay batch, say). */
  async preload(personIds: readonly string[]): Promise<void> {
    const ids = [...new Set(personIds.map((personId) => normalizeUuid(personId, 'personId')))].filter((id) => {
      const cached = this.cache.get(id);
      return !cached || cached.state === 'destroying';
    });
    if (ids.length === 0) return;
    const rows = (await this.dataSource.query(`select ${COLUMNS} from person_key where person_id = any($1::uuid[])`, [ids])) as PersonKeyRow[];
    for (const row of rows) this.remember(row.person_id, this.entryFromRow(row));
  }

  /**
   * Crypto-shredding: overwrites the person's wrapped key with NULL and records when and why, inside the
   * caller's transaction (emit the "person key destroyed" event in the same transaction). Once committed,
   * nothing can decrypt that person's data. A person without a key gets a destroyed row, so no key is ever
   * created for them afterwards. Idempotent.
   */
  async destroy(manager: EntityManager, personId: string, reason: string): Promise<PersonKeyDestruction> {
    const id = normalizeUuid(personId, 'personId');
    if (typeof reason !== 'string' || reason.trim() === '') throw new TypeError('destroying a person key needs a reason (e.g. the erasure request it carries out)');
    // Until the destruction is seen committed, this process must not cache the person's key again.
    this.cache.set(id, { state: 'destroying' });
    for (let attempt = 0; attempt < 3; attempt++) {
      const [destroyed] = (await manager.query(
        `with destroyed as (
           update person_key set wrapped_key = null, destroyed_at = now(), destroyed_reason = $2
           where person_id = $1 and destroyed_at is null
           returning key_id, destroyed_at)
         select key_id, destroyed_at from destroyed`,
        [id, reason.trim()],
      )) as { key_id: string; destroyed_at: Date }[];
      if (destroyed) return { personId: id, keyId: destroyed.key_id, destroyedAt: destroyed.destroyed_at, alreadyDestroyed: false };
      const [tombstone] = (await manager.query(
        `insert into person_key (person_id, key_id, wrapped_key, master_key_id, destroyed_at, destroyed_reason)
         values ($1, $2, null, null, now(), $3)
         on conflict (person_id) do nothing returning key_id, destroyed_at`,
        [id, randomUUID(), reason.trim()],
      )) as { key_id: string; destroyed_at: Date }[];
      if (tombstone) return { personId: id, keyId: tombstone.key_id, destroyedAt: tombstone.destroyed_at, alreadyDestroyed: false };
      const row = await this.readRow(manager, id);
      if (row?.destroyed_at) return { personId: id, keyId: row.key_id, destroyedAt: row.destroyed_at, alreadyDestroyed: true };
      // A key was created concurrently between the update and the insert: destroy that one.
    }
    throw new Error(`could not destroy the key of person ${id}: it kept being re-created concurrently`);
  }

  /** Drops the person from this process's cache (on a "person key destroyed" event from another service). */
  forget(personId: string): void {
    this.cache.delete(normalizeUuid(personId, 'personId'));
  }

  /**
   * Master-key rotation: re-wraps every live data key that is not under the current master key, in batches
   * of `batchSize`, each batch in its own transaction (rows locked by others are skipped and counted in
   * `remaining`). The data keys themselves do not change, so every existing ciphertext still decrypts.
   * Retire the old master key once `remaining` is 0 everywhere.
   */
  async rewrap(options: { batchSize?: number } = {}): Promise<RewrapResult> {
    const batchSize = options.batchSize ?? 500;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a whole number ≥ 1');
    const current = this.masterKeys.current;
    let rewrapped = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const rows = (await manager.query(
          `select ${COLUMNS} from person_key where wrapped_key is not null and master_key_id <> $1
           order by person_id limit $2 for update skip locked`,
          [current.id, batchSize],
        )) as PersonKeyRow[];
        if (rows.length === 0) return 0;
        const moved = rows.map((row) =>
          rewrapDataKey({ personId: row.person_id, keyId: row.key_id, masterKeyId: row.master_key_id as string, wrappedKey: row.wrapped_key as Buffer }, this.masterKeys),
        );
        await manager.query(
          `update person_key k set wrapped_key = v.wrapped_key, master_key_id = $1
           from unnest($2::uuid[], $3::bytea[]) as v(person_id, wrapped_key)
           where k.person_id = v.person_id`,
          [current.id, moved.map((w) => w.personId), moved.map((w) => w.wrappedKey)],
        );
        return rows.length;
      });
      rewrapped += done;
      if (done < batchSize) break;
    }
    const [left] = (await this.dataSource.query(`select count(*)::int as remaining from person_key where wrapped_key is not null and master_key_id <> $1`, [current.id])) as {
      remaining: number;
    }[];
    return { masterKeyId: current.id, rewrapped, remaining: left?.remaining ?? 0 };
  }

  private async readRow(manager: EntityManager, personId: string): Promise<PersonKeyRow | undefined> {
    const [row] = (await manager.query(`select ${COLUMNS} from person_key where person_id = $1`, [personId])) as PersonKeyRow[];
    return row;
  }

  private keyFromRow(row: PersonKeyRow, committed: boolean): PersonDataKey {
    const entry = this.entryFromRow(row);
    if (committed) this.remember(row.person_id, entry);
    if (entry.state === 'destroyed') throw new PersonKeyDestroyedError(row.person_id, entry.destroyedAt);
    if (entry.state === 'destroying') throw new Error('unreachable: a row is never "destroying"');
    return entry.key;
  }

  private entryFromRow(row: PersonKeyRow): CacheEntry {
    if (row.destroyed_at || !row.wrapped_key || !row.master_key_id) return { state: 'destroyed', destroyedAt: row.destroyed_at ?? new Date(0) };
    return { state: 'active', key: unwrapDataKey({ personId: row.person_id, keyId: row.key_id, masterKeyId: row.master_key_id, wrappedKey: row.wrapped_key }, this.masterKeys) };
  }

  /** Caches a committed entry, except an active key of a person whose destruction this process has begun. */
  private remember(personId: string, entry: CacheEntry): void {
    if (entry.state === 'active' && this.cache.get(personId)?.state === 'destroying') return;
    this.cache.set(personId, entry);
  }

  private async committedEntry(personId: string): Promise<CacheEntry | undefined> {
    const cached = this.cache.get(personId);
    if (cached && cached.state !== 'destroying') return cached;
    const pending = this.reading.get(personId);
    if (pending) return pending;
    const read = (async () => {
      const [row] = (await this.dataSource.query(`select ${COLUMNS} from person_key where person_id = $1`, [personId])) as PersonKeyRow[];
      if (!row) return undefined;
      const entry = this.entryFromRow(row);
      this.remember(personId, entry);
      return entry;
    })();
    this.reading.set(personId, read);
    try {
      return await read;
    } finally {
      this.reading.delete(personId);
    }
  }
}
