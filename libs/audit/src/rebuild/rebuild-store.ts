import type { ClientBase } from 'pg';
import { copyFrom, copyText } from './copy-rows';
import { ColumnType, Row, ServiceModel, TableSpec } from './model';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a lower-case Postgres identifier`);
  return `"${name}"`;
}

/** The rebuilt table of a service's live table, in the fresh schema: `<service>__<table>`. */
export function rebuiltTableName(model: ServiceModel, spec: TableSpec): string {
  return `${model.service.replace(/-/g, '_')}__${spec.table}`;
}

const columnList = (spec: TableSpec) => Object.keys(spec.columns).map(quoteIdentifier).join(', ');

/**
 * Creates the fresh schema and one table per compared live table, with the live columns' types. No keys: duplicates
 * must show up in the comparison, not stop the run. The tables are UNLOGGED: a rebuild's scratch copy needs no
 * write-ahead log (it is dropped at the end, or kept for inspection only; Postgres empties unlogged tables after a crash).
 */
export async function createRebuildSchema(client: ClientBase, schema: string, tables: { model: ServiceModel; spec: TableSpec }[]): Promise<void> {
  // One round trip: the statements in one simple query (no parameters), run in one implicit transaction.
  const statements = [`create schema ${quoteIdentifier(schema)}`];
  for (const { model, spec } of tables) {
    const columns = Object.entries(spec.columns).map(([name, type]) => `${quoteIdentifier(name)} ${type}`);
    statements.push(`create unlogged table ${quoteIdentifier(schema)}.${quoteIdentifier(rebuiltTableName(model, spec))} (${columns.join(', ')})`);
  }
  await client.query(statements.join(';\n'));
}

/**
 * Writes rows with one COPY when every value has an exact COPY text (`copyText`), else as `insertRows` does.
 * Returns how they were written.
 */
export async function writeRows(client: ClientBase, schema: string, model: ServiceModel, spec: TableSpec, rows: Row[]): Promise<'copy' | 'insert'> {
  if (rows.length === 0) return 'copy';
  const text = copyText(rows, Object.entries(spec.columns) as [string, ColumnType][]);
  if (text === undefined) {
    await insertRows(client, schema, model, spec, rows);
    return 'insert';
  }
  await copyFrom(client, `copy ${quoteIdentifier(schema)}.${quoteIdentifier(rebuiltTableName(model, spec))} (${columnList(spec)}) from stdin`, text);
  return 'copy';
}

/**
 * Writes rows in batches, each one statement: the batch travels as one JSON parameter and
 * `jsonb_to_recordset` turns it into typed rows (arrays, jsonb and timestamps included).
 */
export async function insertRows(client: ClientBase, schema: string, model: ServiceModel, spec: TableSpec, rows: Row[], batchSize = 5000): Promise<void> {
  const names = Object.keys(spec.columns);
  const definition = Object.entries(spec.columns)
    .map(([name, type]) => `${quoteIdentifier(name)} ${type}`)
    .join(', ');
  const text = `insert into ${quoteIdentifier(schema)}.${quoteIdentifier(rebuiltTableName(model, spec))} (${columnList(spec)})
                select ${columnList(spec)} from jsonb_to_recordset($1::jsonb) as r(${definition})`;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize).map((row) => {
      const picked: Row = {};
      for (const name of names) picked[name] = row[name] ?? null;
      return picked;
    });
    await client.query(text, [JSON.stringify(batch)]);
  }
}

export type DifferenceKind = 'only-in-live' | 'only-in-rebuild' | 'values-differ' | 'table-unreadable';

/** One way the live state and the state rebuilt from the log disagree. */
export interface Difference {
  service: string;
  /** The live table, schema-qualified. */
  table: string;
  kind: DifferenceKind;
  key?: Row;
  /** For `values-differ`: each differing column, live against rebuilt. */
  columns?: { column: string; live: unknown; rebuilt: unknown }[];
  /** The whole row, for a row only one side has. */
  row?: Row;
  message?: string;
}

export interface TableComparison {
  service: string;
  table: string;
  liveRows: number | null;
  rebuiltRows: number;
  differences: number;
}

/**
 * Compares one live table with its rebuilt twin in SQL over the compared columns: `EXCEPT ALL` both ways
 * finds the rows only one side has (duplicates included); rows of the two sides with the same key are paired
 * so a report names the differing columns. At most `limit` differences are returned; `count` has them all.
 */
export async function compareTable(
  client: ClientBase,
  rebuildSchema: string,
  liveSchema: string,
  model: ServiceModel,
  spec: TableSpec,
  limit: number,
): Promise<{ comparison: TableComparison; differences: Difference[] }> {
  const liveTable = `${liveSchema}.${spec.table}`;
  const rebuilt = `${quoteIdentifier(rebuildSchema)}.${quoteIdentifier(rebuiltTableName(model, spec))}`;
  const liveSelect = Object.keys(spec.columns)
    .map((column) => (spec.liveColumns?.[column] ? `${spec.liveColumns[column]} as ${quoteIdentifier(column)}` : quoteIdentifier(column)))
    .join(', ');
  const live =
    spec.liveRows || spec.liveColumns
      ? `(select ${liveSelect} from ${quoteIdentifier(liveSchema)}.${quoteIdentifier(spec.table)}${spec.liveRows ? ` where ${spec.liveRows}` : ''}) as live_rows`
      : `${quoteIdentifier(liveSchema)}.${quoteIdentifier(spec.table)}`;
  const columns = columnList(spec);
  const join = spec.key.map((key) => `l.${quoteIdentifier(key)} = r.${quoteIdentifier(key)}`).join(' and ');
  const rebuiltRows = Number((await client.query<{ n: string }>(`select count(*) as n from ${rebuilt}`)).rows[0]?.n ?? 0);
  try {
    const liveRows = Number((await client.query<{ n: string }>(`select count(*) as n from ${live}`)).rows[0]?.n ?? 0);
    const result = await client.query<{ live: Row | null; rebuilt: Row | null; total: string }>(
      `with live_only as (select ${columns} from ${live} except all select ${columns} from ${rebuilt}),
            rebuilt_only as (select ${columns} from ${rebuilt} except all select ${columns} from ${live})
       select case when l is null then null else to_jsonb(l) end as live, case when r is null then null else to_jsonb(r) end as rebuilt, count(*) over () as total
       from live_only l full join rebuilt_only r on ${join}
       order by ${spec.key.map((key) => `coalesce(l.${quoteIdentifier(key)}, r.${quoteIdentifier(key)})`).join(', ')}
       limit ${Math.max(0, Math.floor(limit))}`,
    );
    const differences = result.rows.map((row) => describe(model.service, liveTable, spec, row.live, row.rebuilt));
    const count = Number(result.rows[0]?.total ?? 0);
    return { comparison: { service: model.service, table: liveTable, liveRows, rebuiltRows, differences: count }, differences };
  } catch (error) {
    const message = `cannot compare with ${liveTable}: ${(error as Error).message}`;
    return {
      comparison: { service: model.service, table: liveTable, liveRows: null, rebuiltRows, differences: 1 },
      differences: [{ service: model.service, table: liveTable, kind: 'table-unreadable', message }],
    };
  }
}

function describe(service: string, table: string, spec: TableSpec, live: Row | null, rebuilt: Row | null): Difference {
  const either = (live ?? rebuilt) as Row;
  const key = Object.fromEntries(spec.key.map((column) => [column, either[column]]));
  if (!rebuilt) return { service, table, kind: 'only-in-live', key, row: live as Row };
  if (!live) return { service, table, kind: 'only-in-rebuild', key, row: rebuilt };
  const columns = Object.keys(spec.columns)
    .filter((column) => JSON.stringify(live[column]) !== JSON.stringify(rebuilt[column]))
    .map((column) => ({ column, live: live[column], rebuilt: rebuilt[column] }));
  return { service, table, kind: 'values-differ', key, columns };
}
