import { availableParallelism } from 'node:os';
import { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { TOPICS } from '@vt/contracts';
import type { ServiceName } from '@vt/contracts';
import { readLog, LogPosition } from './log-reader';
import { FoldWorker } from './fold-worker-client';
import { Row, ServiceModel, TableSpec } from './model';
import { modelsFor } from './models';
import { RecordFold } from './record-fold';
import { compareTable, createRebuildSchema, Difference, quoteIdentifier, rebuiltTableName, TableComparison, writeRows } from './rebuild-store';

export interface RebuildOptions {
  kafka: Kafka;
  /** The live database: each service's schema in it (`DATABASE_URL`). */
  databaseUrl: string;
  topicPrefix?: string;
  /** Live schema per service, when not the app's default (tests give each run its own). */
  liveSchemas?: Partial<Record<ServiceName, string>>;
  /** Which services to rebuild; default every service deployed (see `notDeployed`). */
  services?: ServiceName[];
  /** Keep the fresh schema for inspection instead of dropping it. */
  keep?: boolean;
  /** Compare with the live tables (default true). Without, only the fresh schema is written (benchmarks). */
  compare?: boolean;
  /**
   * Parse and fold the events in a worker thread while this thread reads the log (default off: on the 2-core
   * machine, with the broker and Postgres on the same cores, it was slower, and from the TypeScript sources its
   * start-up alone takes 1.5–2 s; tests/bench/README.md). Only where the work runs changes; the rows are the same.
   */
  worker?: boolean;
  /** Name of the fresh schema; default `audit_rebuild_<timestamp>`. */
  schema?: string;
  /** At most this many differences per table in the result (all are counted). Default 100. */
  maxDifferencesPerTable?: number;
  onStart?(total: number, positions: LogPosition[], missingTopics: string[]): void;
  onProgress?(events: number): void;
}

export interface RebuildResult {
  ok: boolean;
  events: number;
  /** Records on the domain topics that are not JSON CloudEvents: the services dead-lettered them, so no state comes of them. */
  unreadableRecords: number;
  missingTopics: string[];
  schema: string;
  schemaKept: boolean;
  liveSchemas: Record<string, string>;
  /** Services left out: no live schema, and nothing of theirs on the log (not deployed here). */
  notDeployed: string[];
  tables: TableComparison[];
  differenceCount: number;
  differences: Difference[];
  timings: { readAndFoldMs: number; writeMs: number; compareMs: number; totalMs: number };
  eventsPerSecond: number;
}

const ms = (from: number) => Math.round(performance.now() - from);

/** The topics a rebuild replays: every domain topic except the signed chain heads, which carry no events. */
export const REBUILD_TOPICS: readonly string[] = Object.values(TOPICS).filter((topic) => topic !== TOPICS.auditChainHeads);

/**
 * Fetched and not folded yet (on this thread): beyond this many bytes the reading waits. Folding runs in slices of
 * `FOLD_SLICE` records, so that between them the next fetched response comes in.
 */
const FOLD_BYTES_IN_FLIGHT = 64 * 1024 * 1024;
const FOLD_SLICE = 500;

/**
 * Folds batches on this thread after the reading has handed them over, so that kafkajs fetches the next records
 * (it asks for more only once every batch of a response is handled) while the earlier ones are folded. Batches are
 * folded in the order given; a failure shows at `drained()`.
 */
class FoldHere {
  private tail: Promise<void> = Promise.resolve();
  private bytesInFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private failure: unknown;

  constructor(
    private readonly fold: RecordFold,
    private readonly onFolded?: (records: number) => void,
  ) {}

  async add(records: { topic: string; value: Buffer | null }[]): Promise<void> {
    if (this.failure !== undefined) return;
    const bytes = records.reduce((sum, record) => sum + (record.value?.length ?? 0), 0);
    this.bytesInFlight += bytes;
    this.tail = this.tail.then(async () => {
      try {
        for (let start = 0; start < records.length; start += FOLD_SLICE) {
          if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
          const end = Math.min(start + FOLD_SLICE, records.length);
          for (let i = start; i < end; i++) {
            const record = records[i] as { topic: string; value: Buffer | null };
            this.fold.add(record.topic, record.value);
          }
        }
        this.onFolded?.(records.length);
      } catch (error) {
        this.failure ??= error;
      } finally {
        this.bytesInFlight -= bytes;
        if (this.bytesInFlight <= FOLD_BYTES_IN_FLIGHT) for (const wake of this.waiting.splice(0)) wake();
      }
    });
    if (this.bytesInFlight > FOLD_BYTES_IN_FLIGHT) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Every batch given so far, folded. */
  async drained(): Promise<void> {
    await this.tail;
    if (this.failure !== undefined) throw this.failure;
  }
}

/** Rows per COPY: a large table is written in parts, so two connections share it. */
const ROWS_PER_WRITE = 20_000;

/** Runs `work` for each item over the given connections, each taking the next item when done: results in item order. */
async function shared<T, R>(connections: Client[], items: readonly T[], work: (connection: Client, item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    connections.map(async (connection) => {
      for (let i = next++; i < items.length; i = next++) results[i] = await work(connection, items[i] as T);
    }),
  );
  return results;
}

/**
 * Two connections to the live database (writing, analyzing and comparing share the tables out over both, so Postgres
 * works on two at once), and which of the live schemas exist. Opened while the log is read.
 */
async function openDatabase(databaseUrl: string, liveSchemas: string[]): Promise<{ connections: Client[]; existing: Set<string> }> {
  const connections = [0, 1].map(() => new Client({ connectionString: databaseUrl, application_name: 'vt-audit-rebuild' }));
  try {
    await Promise.all(connections.map((connection) => connection.connect()));
    // The comparison's EXCEPT ALL sorts or hashes whole tables: in memory rather than spilled to disk at the 4 MB default.
    await Promise.all(connections.map((connection) => connection.query("set work_mem = '64MB'")));
    const existing = new Set(
      (await (connections[0] as Client).query<{ nspname: string }>('select nspname from pg_namespace where nspname = any($1)', [liveSchemas])).rows.map((row) => row.nspname),
    );
    return { connections, existing };
  } catch (error) {
    await Promise.all(connections.map((connection) => connection.end().catch(() => undefined)));
    throw error;
  }
}

/**
 * Writes the rebuilt tables over two connections, in parts of `ROWS_PER_WRITE` rows, each part one COPY (or, for a
 * part with a value COPY text cannot carry exactly, `insertRows`): while Postgres takes in one part, this process
 * encodes the next, and Postgres works on two parts at once. Then, when they are to be compared, analyzes each table
 * for the comparison's plan.
 */
async function writeTables(connections: Client[], schema: string, tables: { model: ServiceModel; spec: TableSpec; rows: Row[] }[], analyze: boolean): Promise<void> {
  const parts = tables.flatMap(({ model, spec, rows }) => {
    const list: { model: ServiceModel; spec: TableSpec; rows: Row[] }[] = [];
    for (let start = 0; start < rows.length; start += ROWS_PER_WRITE) list.push({ model, spec, rows: rows.slice(start, start + ROWS_PER_WRITE) });
    return list;
  });
  await shared(connections, parts, (connection, part) => writeRows(connection, schema, part.model, part.spec, part.rows));
  if (analyze) await shared(connections, tables, (connection, { model, spec }) => connection.query(`analyze ${quoteIdentifier(schema)}.${quoteIdentifier(rebuiltTableName(model, spec))}`));
}

/**
 * The auditor's rebuild: replays the log into the models of every service, writes the rebuilt rows into a
 * fresh schema, and compares them with the live tables in SQL. Trusts no service's code or database: the
 * models live here, and the live tables are only read. Never decrypts anything.
 */
export async function rebuildFromLog(options: RebuildOptions): Promise<RebuildResult> {
  const startedAt = performance.now();
  const models = modelsFor(options.services);
  // Parsing and folding run in a worker thread beside this thread's reading of the log when asked (`worker`).
  const worker = (options.worker ?? false) && availableParallelism() > 1 ? FoldWorker.start(models, options.services) : undefined;
  const here = worker ? undefined : new RecordFold(models);
  const foldHere = here ? new FoldHere(here, options.onProgress) : undefined;
  const schema = options.schema ?? `audit_rebuild_${new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 17)}_${Math.random().toString(36).slice(2, 6)}`;
  quoteIdentifier(schema);
  const liveSchemas = Object.fromEntries(models.map((model) => [model.service, options.liveSchemas?.[model.service] ?? model.defaultSchema]));
  // Connected while the log is read; a failure to connect shows once the log is read, as before.
  const database = openDatabase(options.databaseUrl, Object.values(liveSchemas));
  database.catch(() => undefined);
  let read: Awaited<ReturnType<typeof readLog>>;
  let folded: { events: number; unreadableRecords: number; tables: { model: ServiceModel; spec: TableSpec; rows: Row[] }[] };
  try {
    read = await readLog({
      kafka: options.kafka,
      topicPrefix: options.topicPrefix,
      topics: REBUILD_TOPICS,
      onStart: (positions, total, missing) => options.onStart?.(total, positions, missing),
      onBatch: async (records) => {
        // One batch is of one partition, so of one topic.
        if (worker) {
          await worker.add((records[0] as (typeof records)[number]).topic, records.map((record) => record.value));
          options.onProgress?.(records.length);
        } else await foldHere?.add(records);
      },
    });
    await foldHere?.drained();
    folded = worker ? await worker.rows() : { events: here?.events ?? 0, unreadableRecords: here?.unreadableRecords ?? 0, tables: here?.rows() ?? [] };
  } catch (error) {
    const opened = await database.catch(() => undefined);
    await Promise.all((opened?.connections ?? []).map((connection) => connection.end().catch(() => undefined)));
    throw error;
  } finally {
    await worker?.stop();
  }
  const { events, unreadableRecords } = folded;
  const readAndFoldMs = ms(startedAt);

  const { connections, existing } = await database;
  const [client, second] = connections as [Client, Client];
  let schemaCreated = false;
  try {
    const writeStartedAt = performance.now();
    // A service that is not deployed (no live schema) and of which the log holds nothing is left out, and said so:
    // signal matching runs only where regions opted in. One with events but no schema is compared (and unreadable).
    const notDeployed = options.services
      ? []
      : models.filter((model) => !existing.has(liveSchemas[model.service] as string) && folded.tables.every((table) => table.model !== model || table.rows.length === 0)).map((model) => model.service);
    const tables = folded.tables.filter((table) => !notDeployed.includes(table.model.service));
    await createRebuildSchema(client, schema, tables);
    schemaCreated = true;
    await writeTables(connections, schema, tables, options.compare !== false);
    const writeMs = ms(writeStartedAt);

    const compareStartedAt = performance.now();
    const comparisons: TableComparison[] = [];
    const differences: Difference[] = [];
    if (options.compare !== false) {
      const compared = await shared(connections, tables, (connection, { model, spec }) =>
        compareTable(connection, schema, liveSchemas[model.service] as string, model, spec, options.maxDifferencesPerTable ?? 100),
      );
      for (const table of compared) {
        comparisons.push(table.comparison);
        differences.push(...table.differences);
      }
    }
    const compareMs = ms(compareStartedAt);
    const differenceCount = comparisons.reduce((sum, table) => sum + table.differences, 0);
    const totalMs = ms(startedAt);
    return {
      ok: differenceCount === 0,
      events,
      unreadableRecords,
      missingTopics: read.missingTopics,
      schema,
      schemaKept: Boolean(options.keep),
      liveSchemas,
      notDeployed,
      tables: comparisons,
      differenceCount,
      differences,
      timings: { readAndFoldMs, writeMs, compareMs, totalMs },
      eventsPerSecond: totalMs > 0 ? Math.round((events * 1000) / totalMs) : 0,
    };
  } finally {
    await second.end().catch(() => undefined);
    if (schemaCreated && !options.keep) await client.query(`drop schema ${quoteIdentifier(schema)} cascade`);
    await client.end();
  }
}
