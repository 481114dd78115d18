import { createDecipheriv, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { applicationName, CreateMessagingTables1764300000000, createServiceDataSource, migrate } from '@vt/persistence';
import {
  CreatePersonKeys1764300000080,
  EncryptedPersonData,
  generateMasterKey,
  MasterKeyRing,
  parseMasterKeys,
  PersonDataCipher,
  PersonDataIntegrityError,
  PersonKeyDestroyedError,
  PersonKeyNotFoundError,
  PersonKeyStore,
  PersonKeyUnwrapError,
} from '@vt/privacy';
import { testEnvironment, TestEnvironment, waitFor } from '@vt/testing';


interface KeyRow {
  person_id: string;
  key_id: string;
  wrapped_key: Buffer | null;
  master_key_id: string | null;
  created_at: Date;
  destroyed_at: Date | null;
  destroyed_reason: string | null;
}

describe('per-person data keys on a real database', () => {
  let env: TestEnvironment;
  let dataSource: DataSource;
  let schema: string;
  const master = generateMasterKey('it-2025');
  let masterKeys: MasterKeyRing;
  let store: PersonKeyStore;
  let cipher: PersonDataCipher;

  beforeEach(async () => {
    env = testEnvironment();
    const serviceEnv = await env.serviceEnv('privacy');
    schema = serviceEnv['DATABASE_SCHEMA'] as string;
    dataSource = createServiceDataSource({ url: serviceEnv['DATABASE_URL'] as string, schema, migrations: [CreateMessagingTables1764300000000, CreatePersonKeys1764300000080] });
    await dataSource.initialize();
    expect(await migrate(dataSource)).toEqual(['CreateMessagingTables1764300000000', 'CreatePersonKeys1764300000080']);
    masterKeys = parseMasterKeys(master.entry);
    store = new PersonKeyStore({ dataSource, masterKeys });
    cipher = new PersonDataCipher(store);
  });

  afterEach(async () => {
    await dataSource.destroy();
    await env.cleanup();
  });

  async function keyRows(personId?: string): Promise<KeyRow[]> {
    return personId
      ? dataSource.query('select * from person_key where person_id = $1', [personId])
      : dataSource.query('select * from person_key order by person_id');
  }

  /** Writes an event with encrypted personal data to the outbox, in the transaction that creates the key. */
  async function publishPerson(personId: string, fields: Record<string, string | number | null>): Promise<EncryptedPersonData> {
    return dataSource.transaction(async (manager) => {
      const person = await cipher.encryptFields(personId, fields, manager);
      await manager.query('insert into outbox (event_id, topic, message_key, payload) values ($1, $2, $3, $4)', [
        randomUUID(),
        'vt.intake.meldingen',
        randomUUID(),
        JSON.stringify({ type: 'nl.veiligthuis.test.person-registered', data: { person } }),
      ]);
      return person;
    });
  }

  it('creates a person key once when two transactions race for it: the second waits for the first and gets its key', async () => {
    const personId = randomUUID();
    const replicaA = new PersonKeyStore({ dataSource, masterKeys });
    const replicaB = new PersonKeyStore({ dataSource, masterKeys });
    let firstHasKey!: () => void;
    const firstInserted = new Promise<void>((resolve) => (firstHasKey = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));

    const first = dataSource.transaction(async (manager) => {
      const key = await replicaA.keyFor(manager, personId);
      firstHasKey();
      await released;
      return key.keyId;
    });
    await firstInserted;
    let secondDone = false;
    const second = dataSource.transaction(async (manager) => {
      const key = await replicaB.keyFor(manager, personId);
      secondDone = true;
      return key.keyId;
    });
    // The second transaction's insert waits on the first's uncommitted row.
    await waitFor(
      async () => {
        const [waiting] = (await dataSource.query(`select count(*)::int as n from pg_stat_activity where application_name = $1 and wait_event_type = 'Lock'`, [applicationName(schema)])) as { n: number }[];
        return (waiting?.n ?? 0) > 0 || undefined;
      },
      { description: 'the second transaction waiting on the first one' },
    );
    expect(secondDone).toBe(false);
    release();
    const [firstKeyId, secondKeyId] = await Promise.all([first, second]);
    expect(secondKeyId).toBe(firstKeyId);
    expect(await keyRows(personId)).toHaveLength(1);

    // Many at once, each in its own transaction: still one key.
    const other = randomUUID();
    const keyIds = await Promise.all(
      Array.from({ length: 8 }, () => dataSource.transaction(async (manager) => (await new PersonKeyStore({ dataSource, masterKeys }).keyFor(manager, other)).keyId)),
    );
    expect(new Set(keyIds).size).toBe(1);
    expect(await keyRows(other)).toMatchObject([{ key_id: keyIds[0], master_key_id: 'it-2025', destroyed_at: null }]);
  });

  it('never uses a key created in a transaction that rolled back', async () => {
    const personId = randomUUID();
    let lostKeyId = '';
    await expect(
      dataSource.transaction(async (manager) => {
        lostKeyId = (await cipher.encryptFields(personId, { naam: 'A' }, manager)).keyId;
        throw new Error('the transaction fails after encrypting');
      }),
    ).rejects.toThrow('the transaction fails after encrypting');
    await expect(store.unwrap(personId)).rejects.toThrow(PersonKeyNotFoundError);

    const encrypted = await publishPerson(personId, { naam: 'A' });
    expect(encrypted.keyId).not.toBe(lostKeyId);
    expect(await cipher.decryptFields(encrypted)).toEqual({ erased: false, personId, fields: { naam: 'A' } });
  });

  it('encrypts, destroys the key, and then says the data is erased with the date, leaving other persons unaffected', async () => {
    const victim = randomUUID();
    const sibling = randomUUID();
    const victimData = await publishPerson(victim, { naam: 'Sanne Jansen', bsn: '999993653', geboortejaar: 2012 });
    const victimLater = await publishPerson(victim, { adres: 'Dorpsstraat 1, 1234 AB Ergens' });
    const siblingData = await publishPerson(sibling, { naam: 'Tim Jansen', bsn: '999990408' });
    expect(await cipher.decryptFields(victimData)).toEqual({ erased: false, personId: victim, fields: { naam: 'Sanne Jansen', bsn: '999993653', geboortejaar: 2012 } });

    // Another replica that has the key cached; it learns of the destruction through the "destroyed" event.
    const otherReplica = new PersonDataCipher(new PersonKeyStore({ dataSource, masterKeys }));
    expect((await otherReplica.decryptFields(victimLater)).erased).toBe(false);

    const destruction = await dataSource.transaction((manager) => store.destroy(manager, victim, 'AVG art. 17 erasure request VT-2025-0042'));
    expect(destruction).toMatchObject({ personId: victim, keyId: victimData.keyId, alreadyDestroyed: false });

    const [row] = await keyRows(victim);
    expect(row).toMatchObject({ wrapped_key: null, destroyed_reason: 'AVG art. 17 erasure request VT-2025-0042', master_key_id: 'it-2025' });
    expect(row?.destroyed_at).toEqual(destruction.destroyedAt);

    const erased = { erased: true, personId: victim, erasedAt: destruction.destroyedAt };
    expect(await cipher.decryptFields(victimData)).toEqual(erased);
    expect(await cipher.decryptFields(victimLater)).toEqual(erased);
    otherReplica.keys.forget(victim);
    expect(await otherReplica.decryptFields(victimData)).toEqual(erased);
    expect(await new PersonDataCipher(new PersonKeyStore({ dataSource, masterKeys })).decryptFields(victimData)).toEqual(erased);

    // No new data can be encrypted for the erased person, and a second destruction changes nothing.
    await expect(cipher.encryptFields(victim, { naam: 'again' })).rejects.toThrow(PersonKeyDestroyedError);
    await expect(dataSource.transaction((manager) => store.keyFor(manager, victim))).rejects.toThrow(/was destroyed at/);
    const again = await dataSource.transaction((manager) => store.destroy(manager, victim, 'repeated request'));
    expect(again).toEqual({ ...destruction, alreadyDestroyed: true });

    // The sibling's data is untouched.
    expect(await cipher.decryptFields(siblingData)).toEqual({ erased: false, personId: sibling, fields: { naam: 'Tim Jansen', bsn: '999990408' } });
    expect((await keyRows(sibling))[0]).toMatchObject({ destroyed_at: null, destroyed_reason: null });
    expect((await keyRows(sibling))[0]?.wrapped_key).toBeInstanceOf(Buffer);

    // A ciphertext of the sibling relabelled as the erased person's is not mistaken for the person's data.
    expect(await cipher.decryptFields({ ...siblingData, personId: victim })).toEqual(erased);
    // And one of the erased person relabelled as the sibling's is refused.
    await expect(cipher.decryptFields({ ...victimData, personId: sibling })).rejects.toThrow(PersonDataIntegrityError);
  });

  it('keeps the key when the destroying transaction rolls back, and records the erasure of a person who never had a key', async () => {
    const personId = randomUUID();
    const data = await publishPerson(personId, { naam: 'B' });
    await expect(
      dataSource.transaction(async (manager) => {
        await store.destroy(manager, personId, 'erasure request');
        await expect(cipher.decryptFields(data)).resolves.toMatchObject({ erased: false });
        throw new Error('the erasure event could not be written');
      }),
    ).rejects.toThrow('the erasure event could not be written');
    expect(await cipher.decryptFields(data)).toEqual({ erased: false, personId, fields: { naam: 'B' } });

    const stranger = randomUUID();
    const destruction = await dataSource.transaction((manager) => store.destroy(manager, stranger, 'erasure before any data was encrypted'));
    expect(destruction.alreadyDestroyed).toBe(false);
    expect(await keyRows(stranger)).toMatchObject([{ wrapped_key: null, master_key_id: null, destroyed_reason: 'erasure before any data was encrypted' }]);
    await expect(cipher.encryptFields(stranger, { naam: 'C' })).rejects.toThrow(PersonKeyDestroyedError);
  });

  it('keeps data keys only in person_key, wrapped: unwrapping that row with the master key is the only way to the data', async () => {
    const personId = randomUUID();
    const encrypted = await publishPerson(personId, { naam: 'Noor Bakker', bsn: '999993653' });
    const [row] = await keyRows(personId);
    if (!row?.wrapped_key || !row.master_key_id) throw new Error('no live key row');

    // Unwrap by hand (format byte, IV, encrypted key, tag; bound to person, key and master key ids) ...
    const wrapped = row.wrapped_key;
    expect(wrapped).toHaveLength(61);
    expect(wrapped[0]).toBe(1);
    const unwrapper = createDecipheriv('aes-256-gcm', Buffer.from(master.key, 'base64'), wrapped.subarray(1, 13));
    unwrapper.setAAD(Buffer.from(JSON.stringify(['vt.person-key', 1, personId, row.key_id, row.master_key_id])));
    unwrapper.setAuthTag(wrapped.subarray(45));
    const dataKey = Buffer.concat([unwrapper.update(wrapped.subarray(13, 45)), unwrapper.final()]);
    // ... and decrypt the event's fields with what came out: the stored row is the data key.
    const opener = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(encrypted.iv, 'base64url'));
    opener.setAAD(Buffer.from(JSON.stringify(['vt.person-data', 'A256GCM', personId, encrypted.keyId])));
    opener.setAuthTag(Buffer.from(encrypted.tag, 'base64url'));
    const plaintext = Buffer.concat([opener.update(Buffer.from(encrypted.ciphertext, 'base64url')), opener.final()]).toString('utf8');
    expect(JSON.parse(plaintext)).toEqual({ naam: 'Noor Bakker', bsn: '999993653' });

    // Neither the data key nor the master key appears in clear anywhere in the service's schema, and the
    // personal data only appears encrypted.
    const tables = (await dataSource.query(`select table_name from information_schema.tables where table_schema = $1`, [schema])) as { table_name: string }[];
    expect(tables.map((table) => table.table_name).sort()).toEqual(['inbox', 'outbox', 'parked_households', 'person_key', 'typeorm_migrations']);
    let dump = '';
    for (const { table_name } of tables) {
      const rows = (await dataSource.query(`select t::text as row from ${table_name} t`)) as { row: string }[];
      dump += rows.map((r) => r.row).join('\n');
    }
    expect(dump).toContain(encrypted.ciphertext);
    expect(dump).toContain(wrapped.toString('hex'));
    const masterBytes = Buffer.from(master.key, 'base64');
    for (const secret of [dataKey, masterBytes]) {
      for (const encoding of ['hex', 'base64', 'base64url'] as const) expect(dump.toLowerCase()).not.toContain(secret.toString(encoding).toLowerCase());
    }
    for (const clear of ['Noor', 'Bakker', '999993653']) expect(dump).not.toContain(clear);
  });

  it('rotates the master key: rewrap moves every live key to the new master key and old ciphertexts still decrypt', async () => {
    const persons = [randomUUID(), randomUUID(), randomUUID()];
    const before = await Promise.all(persons.map((personId, index) => publishPerson(personId, { naam: `persoon ${index}` })));
    const erasedPerson = randomUUID();
    await publishPerson(erasedPerson, { naam: 'weg' });
    await dataSource.transaction((manager) => store.destroy(manager, erasedPerson, 'erasure request'));

    const next = generateMasterKey('it-2026');
    const rotating = new PersonKeyStore({ dataSource, masterKeys: parseMasterKeys(`${next.entry},${master.entry}`) });
    // New keys are wrapped under the new master key from now on.
    const newcomer = randomUUID();
    const newcomerData = await new PersonDataCipher(rotating).encryptFields(newcomer, { naam: 'nieuw' });
    expect((await keyRows(newcomer))[0]?.master_key_id).toBe('it-2026');

    expect(await rotating.rewrap({ batchSize: 2 })).toEqual({ masterKeyId: 'it-2026', rewrapped: 3, remaining: 0 });
    const rows = await keyRows();
    expect(rows.filter((row) => row.wrapped_key !== null).map((row) => row.master_key_id)).toEqual(['it-2026', 'it-2026', 'it-2026', 'it-2026']);
    expect(await rotating.rewrap()).toEqual({ masterKeyId: 'it-2026', rewrapped: 0, remaining: 0 });

    // The old master key can be retired: with only the new one configured, everything still decrypts.
    const retired = new PersonDataCipher(new PersonKeyStore({ dataSource, masterKeys: parseMasterKeys(next.entry) }));
    for (const [index, value] of before.entries()) expect(await retired.decryptFields(value)).toMatchObject({ erased: false, fields: { naam: `persoon ${index}` } });
    expect(await retired.decryptFields(newcomerData)).toMatchObject({ erased: false, fields: { naam: 'nieuw' } });

    // A process still configured with only the old master key cannot unwrap, and says why.
    const stale = new PersonDataCipher(new PersonKeyStore({ dataSource, masterKeys: parseMasterKeys(master.entry) }));
    await expect(stale.decryptFields(before[0] as EncryptedPersonData)).rejects.toThrow(/wrapped under master key "it-2026", which is not configured \(configured: it-2025\)/);
  });

  it('refuses to unwrap with a different master key under the same id', async () => {
    const personId = randomUUID();
    const data = await publishPerson(personId, { naam: 'D' });
    const impostor = new PersonDataCipher(new PersonKeyStore({ dataSource, masterKeys: parseMasterKeys(generateMasterKey('it-2025').entry) }));
    await expect(impostor.decryptFields(data)).rejects.toThrow(PersonKeyUnwrapError);
    await expect(impostor.decryptFields(data)).rejects.toThrow(/does not unwrap under master key "it-2025"/);
  });

  it('preloads keys in one query; a destruction elsewhere takes effect on forget or when the cache entry expires', async () => {
    const persons = [randomUUID(), randomUUID()];
    const values = await Promise.all(persons.map((personId) => publishPerson(personId, { naam: personId })));
    const reader = new PersonKeyStore({ dataSource, masterKeys });
    await reader.preload([...persons, randomUUID()]);
    const shortLived = new PersonDataCipher(new PersonKeyStore({ dataSource, masterKeys, cache: { ttlMs: 100 } }));
    await shortLived.keys.preload(persons);
    // Another service destroys the keys behind this process's back: its cached keys still decrypt until the
    // cache entry expires (ttlMs) or the process forgets the person on the destruction event.
    await dataSource.query(`update person_key set wrapped_key = null, destroyed_at = now(), destroyed_reason = 'erased elsewhere'`);
    const readerCipher = new PersonDataCipher(reader);
    for (const [index, value] of values.entries()) expect(await readerCipher.decryptFields(value)).toMatchObject({ erased: false, fields: { naam: persons[index] } });
    reader.forget(persons[0] as string);
    await expect(readerCipher.decryptFields(values[0] as EncryptedPersonData)).resolves.toMatchObject({ erased: true });
    await expect(readerCipher.decryptFields(values[1] as EncryptedPersonData)).resolves.toMatchObject({ erased: false });
    await waitFor(async () => (await shortLived.decryptFields(values[1] as EncryptedPersonData)).erased || undefined, {
      description: 'the short-lived cache entry to expire, after which the destruction takes effect',
      timeoutMs: 5_000,
    });
  });
});
