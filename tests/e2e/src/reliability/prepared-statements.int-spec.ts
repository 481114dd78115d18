import { DataSource, Logger } from 'typeorm';
import { createServiceDataSource, migrate, queryDeferred } from '@vt/persistence';
import { testEnvironment, TestEnvironment } from '@vt/testing';

/**
 * docs/adr/0043: services' Postgres clients send statements with parameters as named prepared statements and send a
 * transaction's BEGIN with its first statement. The rules checked here are the transaction's: every statement between
 * START TRANSACTION and COMMIT is one transaction, a rollback leaves nothing, a failure leaves the connection usable;
 * and the session's: a statement whose result columns changed after a migration works again on the next call.
 * A deferred statement (one nobody reads the result of) goes in front of the next statement or the COMMIT, and a
 * failure in it fails the transaction. Round trips are counted as Postgres' ReadyForQuery answers on the connection
 * (one per round trip).
 */
/** The failures below are on purpose; TypeORM would print each. */
const quiet: Logger = { logQuery: () => undefined, logQueryError: () => undefined, logQuerySlow: () => undefined, logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined };

describe('service Postgres client: prepared statements and BEGIN with the first statement', () => {
  let env: TestEnvironment;
  let dataSource: DataSource;
  let url: string;
  let schema: string;

  beforeEach(async () => {
    env = testEnvironment();
    const serviceEnv = await env.serviceEnv('prepared');
    url = serviceEnv['DATABASE_URL'] as string;
    schema = serviceEnv['DATABASE_SCHEMA'] as string;
    // The schema, made as services make it (migrate holds a lock on one connection and works on another).
    const setup = createServiceDataSource({ url, schema });
    await setup.initialize();
    await migrate(setup);
    await setup.destroy();
    // One connection, so that `roundTrips` counts the one every statement goes through.
    dataSource = createServiceDataSource({ url, schema, poolSize: 1, logger: quiet });
    await dataSource.initialize();
    await dataSource.query('create table item (id int primary key, note text not null)');
  });

  afterEach(async () => {
    await dataSource.destroy();
    await env.cleanup();
  });

  /** Round trips (ReadyForQuery answers) on the pool's one connection while `work` runs. */
  async function roundTrips(work: () => Promise<unknown>): Promise<number> {
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as { connection: { on(event: string, listener: () => void): void; off(event: string, listener: () => void): void } };
    await runner.release();
    let count = 0;
    const counted = () => (count += 1);
    client.connection.on('readyForQuery', counted);
    try {
      await work();
    } finally {
      client.connection.off('readyForQuery', counted);
    }
    return count;
  }

  it('runs a transaction of two statements in three round trips, both in one transaction', async () => {
    let ids: string[] = [];
    const trips = await roundTrips(() =>
      dataSource.transaction(async (manager) => {
        const [a] = (await manager.query('insert into item (id, note) values ($1, $2) returning txid_current()::text as tx', [1, 'a'])) as { tx: string }[];
        const [b] = (await manager.query('insert into item (id, note) values ($1, $2) returning txid_current()::text as tx', [2, 'b'])) as { tx: string }[];
        ids = [a?.tx as string, b?.tx as string];
      }),
    );
    // BEGIN went with the first insert: first insert, second insert, COMMIT. Without it there is a fourth.
    expect(trips).toBe(3);
    expect(ids[0]).toBe(ids[1]);
    expect(await dataSource.query('select id, note from item order by id')).toEqual([
      { id: 1, note: 'a' },
      { id: 2, note: 'b' },
    ]);
  });

  it('rolls back everything when a later statement fails, and the connection serves the next transaction', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query('insert into item (id, note) values ($1, $2)', [1, 'kept only if committed']);
        await manager.query('insert into item (id, note) values ($1, $2)', [1, 'duplicate key']);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await dataSource.query('select count(*)::int as n from item')).toEqual([{ n: 0 }]);
    await dataSource.transaction((manager) => manager.query('insert into item (id, note) values ($1, $2)', [3, 'c']));
    expect(await dataSource.query('select id from item')).toEqual([{ id: 3 }]);
  });

  it('rolls back when the first statement, sent with BEGIN, fails, and leaves no transaction open', async () => {
    await dataSource.query('insert into item (id, note) values ($1, $2)', [1, 'a']);
    await expect(dataSource.transaction((manager) => manager.query('insert into item (id, note) values ($1, $2)', [1, 'again']))).rejects.toThrow(/duplicate key/);
    const [state] = (await dataSource.query('select now() = statement_timestamp() as autocommit')) as { autocommit: boolean }[];
    expect(state?.autocommit).toBe(true);
  });

  it('sends nothing for a transaction that runs no statement', async () => {
    expect(await roundTrips(() => dataSource.transaction(async () => undefined))).toBe(0);
    await expect(
      dataSource.transaction(async () => {
        throw new Error('nothing done');
      }),
    ).rejects.toThrow('nothing done');
    expect(await dataSource.query('select count(*)::int as n from item')).toEqual([{ n: 0 }]);
  });

  it('keeps a first statement without parameters (several statements in one text) inside the transaction', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`insert into item (id, note) values (1, 'a'); insert into item (id, note) values (2, 'b')`);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await dataSource.query('select count(*)::int as n from item')).toEqual([{ n: 0 }]);
  });

  // Rule: a failed statement fails its own transaction only (brief ground rule 4: nothing lost); the session can run
  // it again. Postgres keeps a statement whose Parse went through although its execution failed, so preparing it again
  // under the same name would be refused ("already exists") on every later call on that connection.
  it('runs a statement again that failed after it was prepared in the write that opened its transaction', async () => {
    await dataSource.query('insert into item (id, note) values ($1, $2)', [1, 'a']);
    // A text this process has not sent before: prepared in the same write as BEGIN, and failing when executed.
    const insert = (id: number) => dataSource.transaction((manager) => manager.query('insert into item (id, note) values ($1, $2) /* first in its transaction */', [id, 'b']));
    await expect(insert(1)).rejects.toThrow(/duplicate key/);
    await insert(2);
    await insert(3);
    expect(await dataSource.query('select id from item order by id')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('runs a deferred statement again that failed after it was prepared, and the statement behind it', async () => {
    const deferred = 'insert into item (id, note) values ($1, $2) /* deferred, then failing */';
    const behind = 'select count(*)::int as n from item where note = $1 /* behind a failing deferred statement */';
    const attempt = (id: number) =>
      dataSource.transaction(async (manager) => {
        await manager.query('insert into item (id, note) values ($1, $2)', [100 + id, 'first']);
        await queryDeferred(manager, deferred, [id, 'deferred']);
        return manager.query(behind, ['deferred']);
      });
    await dataSource.query('insert into item (id, note) values ($1, $2)', [1, 'a']);
    // Both texts are prepared in the write; the deferred insert fails, and Postgres skips the statement behind it.
    await expect(attempt(1)).rejects.toThrow(/duplicate key/);
    expect(await attempt(2)).toEqual([{ n: 1 }]);
    expect(await attempt(3)).toEqual([{ n: 2 }]);
  });

  it('keeps the isolation level asked for', async () => {
    const rows = (await dataSource.transaction('SERIALIZABLE', (manager) => manager.query('select current_setting($1) as level', ['transaction_isolation']))) as { level: string }[];
    expect(rows).toEqual([{ level: 'serializable' }]);
  });

  it('prepares a statement again once a migration changed the columns it returns', async () => {
    await dataSource.query('insert into item (id, note) values ($1, $2)', [1, 'a']);
    const read = () => dataSource.query('select * from item where id = $1', [1]) as Promise<Record<string, unknown>[]>;
    expect(await read()).toEqual([{ id: 1, note: 'a' }]);
    await dataSource.query(`alter table item add column seen boolean not null default false`);
    // The first call after the change is refused by Postgres (its cached plan returns other columns) ...
    await expect(read()).rejects.toThrow(/cached plan must not change result type/);
    // ... and the next prepares the text anew.
    expect(await read()).toEqual([{ id: 1, note: 'a', seen: false }]);
  });

  it('reports a statement Postgres cannot parse the same way every time, also when it opened a transaction', async () => {
    const wrong = () => dataSource.transaction((manager) => manager.query('select no_such_column from item where id = $1', [1]));
    await expect(wrong()).rejects.toThrow(/column "no_such_column" does not exist/);
    await expect(wrong()).rejects.toThrow(/column "no_such_column" does not exist/);
  });

  // The outbox append's rows go this way: nothing reads their result, and they must be in the transaction's COMMIT.
  it('sends a deferred statement in front of the next statement, which sees what it did, and in front of the COMMIT', async () => {
    let seen: unknown;
    const trips = await roundTrips(() =>
      dataSource.transaction(async (manager) => {
        await manager.query('insert into item (id, note) values ($1, $2)', [1, 'a']);
        await queryDeferred(manager, 'insert into item (id, note) values ($1, $2)', [2, 'deferred before a read']);
        seen = await manager.query('select count(*)::int as n from item where id = $1', [2]);
        await queryDeferred(manager, 'insert into item (id, note) values ($1, $2)', [3, 'deferred before the commit']);
      }),
    );
    // BEGIN with the first insert; the first deferred insert with the select; the second with the COMMIT.
    expect(trips).toBe(3);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await dataSource.query('select id from item order by id')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('prepares a deferred text once per session, also when it is deferred twice in a row and then run itself', async () => {
    const insert = 'insert into item (id, note) values ($1, $2)';
    for (const round of [0, 1]) {
      await dataSource.transaction(async (manager) => {
        await queryDeferred(manager, insert, [10 + round * 3, 'deferred first']);
        await queryDeferred(manager, insert, [11 + round * 3, 'deferred second']);
        await manager.query(insert, [12 + round * 3, 'run itself']);
      });
    }
    expect(await dataSource.query('select id from item order by id')).toEqual([10, 11, 12, 13, 14, 15].map((id) => ({ id })));
  });

  it('fails the COMMIT when a deferred statement fails, keeps nothing, and serves the next transaction', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query('insert into item (id, note) values ($1, $2)', [1, 'a']);
        await queryDeferred(manager, 'insert into item (id, note) values ($1, $2)', [1, 'duplicate key']);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await dataSource.query('select count(*)::int as n from item')).toEqual([{ n: 0 }]);
    await dataSource.transaction((manager) => manager.query('insert into item (id, note) values ($1, $2)', [4, 'd']));
    expect(await dataSource.query('select id from item')).toEqual([{ id: 4 }]);
  });

  it('drops a deferred statement on ROLLBACK, and runs one at once outside a transaction', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query('insert into item (id, note) values ($1, $2)', [1, 'a']);
        await queryDeferred(manager, 'insert into item (id, note) values ($1, $2)', [2, 'never sent']);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await dataSource.query('select count(*)::int as n from item')).toEqual([{ n: 0 }]);
    await queryDeferred(dataSource.manager, 'insert into item (id, note) values ($1, $2)', [5, 'autocommit']);
    expect(await dataSource.query('select id from item')).toEqual([{ id: 5 }]);
  });

  it('sends plain statements when prepared statements are turned off (DATABASE_PREPARED_STATEMENTS=false)', async () => {
    const plain = createServiceDataSource({ url, schema, poolSize: 1, preparedStatements: false, logger: quiet });
    await plain.initialize();
    try {
      await plain.query('insert into item (id, note) values ($1, $2)', [9, 'plain']);
      const [prepared] = (await plain.query(`select count(*)::int as n from pg_prepared_statements`)) as { n: number }[];
      expect(prepared?.n).toBe(0);
    } finally {
      await plain.destroy();
    }
    const [named] = (await dataSource.query(`select count(*)::int as n from pg_prepared_statements where name like $1`, ['vt%'])) as { n: number }[];
    expect(named?.n).toBeGreaterThan(0);
  });
});
