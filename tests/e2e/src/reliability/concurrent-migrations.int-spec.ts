import { Client } from 'pg';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { AllowDiscardedDeadLetters1764300000010, CreateEventChains1764300000090, CreateMessagingTables1764300000000, createServiceDataSource, migrate, OutboxTraceparent1764300000095 } from '@vt/persistence';
import { testEnvironment, TestEnvironment } from '@vt/testing';

/** Sessions waiting for (not holding) a schema's migration lock. */
const WAITING_FOR_MIGRATION_LOCK = `select count(*)::int as n from pg_locks where locktype = 'advisory' and objsubid = 2 and not granted
  and classid::bigint = (hashtext('vt.migrations')::bigint & 4294967295) and objid::bigint = (hashtext(current_schema())::bigint & 4294967295)`;

/**
 * Holds the migration open until the other two instances are waiting for the lock, so that all three are sure to
 * overlap in it. Bounded: without the lock nobody ever waits, and after 10 s it goes on (and the instances collide).
 */
class SlowTable1764300000999 implements MigrationInterface {
  name = 'SlowTable1764300000999';

  async up(queryRunner: QueryRunner): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [waiting] = (await queryRunner.query(WAITING_FOR_MIGRATION_LOCK)) as { n: number }[];
      if ((waiting?.n ?? 0) >= 2 || Date.now() > deadline) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await queryRunner.query('create table slow_table (id int primary key)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table slow_table');
  }
}

const MIGRATIONS = [CreateMessagingTables1764300000000, AllowDiscardedDeadLetters1764300000010, CreateEventChains1764300000090, OutboxTraceparent1764300000095, SlowTable1764300000999];

/**
 * Rule (issue 14 point 3, docs/adr/0032): instances of one service that start at the same moment on one schema both
 * start; each migration is applied once. Before the lock, both saw the migrations pending, both ran them, and the
 * second failed its start on "relation already exists".
 */
describe('migrations of one schema run by several instances at once', () => {
  let env: TestEnvironment;
  let db: Client;

  beforeAll(async () => {
    env = testEnvironment();
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await env?.cleanup();
  });

  it('apply each migration once and let every instance start', async () => {
    const serviceEnv = await env.serviceEnv('intake');
    const schema = serviceEnv['DATABASE_SCHEMA'] as string;
    const instances = [0, 1, 2].map(() => createServiceDataSource({ url: serviceEnv['DATABASE_URL'] as string, schema, migrations: MIGRATIONS }));
    await Promise.all(instances.map((dataSource) => dataSource.initialize()));
    try {
      const applied = await Promise.all(instances.map((dataSource) => migrate(dataSource)));
      // One instance applied them all; the others waited for it and found nothing left to do.
      expect(applied.map((names) => names.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
      const recorded = await db.query<{ name: string; n: number }>(`select name, count(*)::int as n from ${schema}.typeorm_migrations group by name order by name`);
      expect(recorded.rows).toHaveLength(MIGRATIONS.length);
      expect(recorded.rows.every((row) => row.n === 1)).toBe(true);
      // The lock is given back: a later start migrates (nothing) without waiting.
      expect(await migrate(instances[0] as (typeof instances)[number])).toEqual([]);
      const held = await db.query<{ n: number }>(
        `select count(*)::int as n from pg_locks where locktype = 'advisory' and objsubid = 2
            and classid::bigint = (hashtext('vt.migrations')::bigint & 4294967295) and objid::bigint = (hashtext($1)::bigint & 4294967295)`,
        [schema],
      );
      expect(held.rows[0]?.n).toBe(0);
    } finally {
      await Promise.all(instances.map((dataSource) => dataSource.destroy()));
    }
  });
});
