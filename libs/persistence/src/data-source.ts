import { hostname } from 'node:os';
import { DataSource, DataSourceOptions, EntitySchema, Logger, MigrationInterface } from 'typeorm';
import { assertIdentifier } from './identifiers';
import { PreparingClient } from './prepared-statements';

export interface ServiceDatabaseOptions {
  url: string;
  /** The service's own schema; every connection's search_path is set to it. */
  schema: string;
  entities?: (EntitySchema | (new () => unknown))[];
  migrations?: (new () => MigrationInterface)[];
  poolSize?: number;
  /** Statements with parameters as named prepared statements (`PreparingClient`, docs/adr/0043); default true. */
  preparedStatements?: boolean;
  /** Where TypeORM's own messages go (a service's JSON log lines); without one, TypeORM writes to the console. */
  logger?: Logger;
}

/**
 * How this process is named where several instances of a service meet (Postgres' `application_name`, log lines):
 * `VT_INSTANCE_ID` when set (e.g. the pod name), else `<host>:<pid>` (docs/adr/0032).
 */
export function instanceId(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env['VT_INSTANCE_ID']?.trim();
  return configured ? configured : `${hostname()}:${process.pid}`;
}

/** Postgres keeps 63 bytes of an `application_name`; the instance at its end is what tells two instances apart. */
const APPLICATION_NAME_MAX = 63;

/**
 * The `application_name` of this instance's connections: `<schema>[-<role>]@<instance>`, the schema part shortened
 * when the whole would not fit, so `pg_stat_activity` and `pg_locks` say which instance holds what.
 */
export function applicationName(schema: string, role?: string, instance: string = instanceId()): string {
  const suffix = `@${instance}`.slice(-APPLICATION_NAME_MAX);
  const base = role ? `${schema}-${role}` : schema;
  return `${base.slice(0, Math.max(0, APPLICATION_NAME_MAX - suffix.length))}${suffix}`;
}

/**
 * Session settings of every service connection (docs/adr/0032). Postgres learns that a client is gone when its
 * socket closes: at once when the process dies on a host that lives (kill -9, a crash), but only through TCP
 * keepalive when the host or the network goes (no FIN ever arrives), and Linux' default keepalive waits two hours.
 * A dead instance's session, and any lock or row lock it holds (the relay's publishing lock, a timer row), is
 * released within about 25 s instead: probes after 10 s idle, every 5 s, 3 unanswered; 30 s for data the client
 * never acknowledges. All are ordinary session settings a service's role may set.
 */
export const SESSION_SETTINGS: Readonly<Record<string, string>> = {
  tcp_keepalives_idle: '10',
  tcp_keepalives_interval: '5',
  tcp_keepalives_count: '3',
  tcp_user_timeout: '30000',
};

/** The libpq `options` string: the schema's search_path and SESSION_SETTINGS. */
export function sessionOptions(schema: string): string {
  return [`-c search_path=${schema}`, ...Object.entries(SESSION_SETTINGS).map(([name, value]) => `-c ${name}=${value}`)].join(' ');
}

/** TypeORM options for one service: its own schema, its own migrations, never `synchronize`. */
export function serviceDataSourceOptions(options: ServiceDatabaseOptions): DataSourceOptions {
  const schema = assertIdentifier(options.schema, 'schema');
  return {
    type: 'postgres',
    url: options.url,
    schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'typeorm_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: ['error', 'warn'],
    ...(options.logger ? { logger: options.logger } : {}),
    extra: {
      ...(options.preparedStatements === false ? {} : { Client: PreparingClient }),
      max: options.poolSize ?? 10,
      options: sessionOptions(schema),
      application_name: applicationName(schema),
      // The client side too notices a Postgres host that is gone, rather than waiting on a dead socket.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    },
  };
}

export function createServiceDataSource(options: ServiceDatabaseOptions): DataSource {
  return new DataSource(serviceDataSourceOptions(options));
}

/**
 * The session-level advisory lock that migrations of one schema run under: two keys, so it shares no key with the
 * relay's one-key lock. `hashtext` is Postgres' own, so every instance computes the same keys.
 */
const MIGRATION_LOCK = `select pg_advisory_lock(hashtext('vt.migrations'), hashtext($1))`;
const MIGRATION_UNLOCK = `select pg_advisory_unlock(hashtext('vt.migrations'), hashtext($1))`;

/**
 * Creates the schema if it is missing (the service's role owns it), then runs pending migrations, each in its own
 * transaction. Instances of one service starting together take turns (docs/adr/0032): the first holds a
 * session-level advisory lock on its own connection while it migrates, the others wait for it and then find
 * nothing left to do. Without it two instances would both see a migration pending and both run it, and the second
 * fails its start on "already exists". A process that dies while migrating loses the lock with its session; its
 * migration's transaction rolls back, and the next instance runs it.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('data source has no schema');
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(MIGRATION_LOCK, [schema]);
    try {
      const [exists] = (await lock.query('select 1 from pg_namespace where nspname = $1', [schema])) as unknown[];
      if (!exists) await lock.query(`create schema ${assertIdentifier(schema, 'schema')}`);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await lock.query(MIGRATION_UNLOCK, [schema]).catch(() => undefined);
    }
  } finally {
    await lock.release();
  }
}
