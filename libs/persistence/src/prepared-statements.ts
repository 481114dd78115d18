import { Client, ClientConfig, Query, QueryConfig } from 'pg';

/**
 * How many distinct statement texts a process names. Services issue a bounded set of statements (a few hundred,
 * counting each row count of a multi-row insert as its own text); past the bound a new text goes unnamed, as
 * before, so a caller that builds texts without bound cannot grow every session's memory without bound.
 */
export const MAX_NAMED_STATEMENTS = 2000;

const names = new Map<string, string>();

/** The name of a statement text in this process (`vt<n>`), or undefined when the bound is reached. */
export function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_NAMED_STATEMENTS) return known;
  const name = `vt${names.size + 1}`;
  names.set(text, name);
  return name;
}

/**
 * Postgres' answer when a prepared statement's result columns changed under it (a migration added a column to a
 * table a `select *` reads): the statement cannot be used again and must be prepared anew.
 */
const CACHED_PLAN_CHANGED = '0A000';
/** A statement the session no longer has (a `DEALLOCATE ALL` or `DISCARD ALL` behind the client's back). */
const STATEMENT_UNKNOWN = '26000';

/** What TypeORM sends to open, close and abandon a transaction (`PostgresQueryRunner`). */
const BEGIN = 'START TRANSACTION';
const ENDS = new Set(['COMMIT', 'ROLLBACK']);

type Callback = (error: Error | null, result?: unknown) => void;
interface WireConnection {
  stream: { cork?: () => void; uncork?: () => void };
  parsedStatements: Record<string, string>;
  parse(query: { text: string; name?: string; types?: unknown[] }): void;
  bind(config: Record<string, unknown>): void;
  execute(config: Record<string, unknown>): void;
}

/**
 * A statement sent with `BEGIN` in front of it, in one write and one round trip: `BEGIN`'s Parse, Bind and Execute, then
 * the statement's own, then one Sync (the extended protocol runs them in order and answers once). Postgres answers
 * `BEGIN`'s completion first and the statement's after it; pg collects both, and `statementResult` keeps the second.
 * When `BEGIN` fails the statement is not run (the protocol skips to the Sync), and the error is the query's.
 */
function beginningQuery(config: QueryConfig & { callback: Callback }): Query {
  const query = new Query(config);
  const submit = (Query.prototype as unknown as { submit(this: Query, c: WireConnection): Error | null }).submit;
  (query as unknown as { submit(c: WireConnection): Error | null }).submit = (connection) => {
    connection.stream.cork?.();
    try {
      connection.parse({ text: 'BEGIN', name: '', types: [] });
      connection.bind({ portal: '', statement: '', values: [] });
      connection.execute({ portal: '' });
      return submit.call(query, connection);
    } finally {
      connection.stream.uncork?.();
    }
  };
  return query;
}

/** The statement's own result of a `beginningQuery` (pg returns one result per completed command). */
function statementResult(result: unknown): unknown {
  return Array.isArray(result) ? result[result.length - 1] : result;
}

/** The result of a statement that was not sent: a transaction command this client answers itself. */
const answered = (command: string) => ({ command, rowCount: null, oid: null, rows: [], fields: [] });

/**
 * A `pg` client that saves round trips to Postgres (docs/adr/0043), the largest cost of a hop in the chain
 * (tests/bench/README.md): each is a socket write that wakes a backend, then a wait for it.
 *
 * 1. **Named prepared statements.** Every statement with parameters goes as a named prepared statement: Postgres
 *    parses it once per session and, after five executions, may keep a generic plan, instead of parsing and planning
 *    every call. Most statements are the same few dozen texts run thousands of times. Statements without
 *    parameters (DDL, `COMMIT`) go as simple queries as before.
 * 2. **`BEGIN` with the first statement.** TypeORM opens a transaction with `START TRANSACTION` and waits for the
 *    answer before the first statement. This client answers it itself and sends `BEGIN` with the transaction's first
 *    statement (`beginningQuery`). A transaction that ends before any statement ran (`COMMIT` or `ROLLBACK`) was
 *    never opened, and its end is answered here too. A first statement that cannot go this way (no parameters: it
 *    may hold several statements, as migrations do) is sent after a `BEGIN` of its own, as before. `now()` is the
 *    time of `BEGIN` either way; the transaction merely starts a round trip later.
 *
 * A statement Postgres refuses to run again (its result columns changed after a migration, or it was deallocated)
 * is forgotten by this session: that call fails as any failed statement does (its transaction is retried by the
 * caller), and the next one prepares the text under a new name.
 */
export class PreparingClient extends Client {
  /** Texts whose first name this session can no longer use, with the name they go by now. */
  private readonly renamed = new Map<string, string>();
  /** A transaction TypeORM opened whose `BEGIN` goes with its first statement. */
  private beginPending = false;

  constructor(config?: string | ClientConfig) {
    super(config);
  }

  // pg's overloads: (text, values?, callback?) and (config, callback?); only the first, with promises, is rewritten.
  override query(...args: unknown[]): never {
    const send = (...a: unknown[]): never => (super.query as (...b: unknown[]) => never)(...a);
    const [text, values, callback] = args;
    if (typeof text !== 'string' || typeof callback === 'function' || typeof values === 'function') return this.beginFirst(args, send);
    const parameters = Array.isArray(values) ? values : [];
    if (parameters.length === 0) {
      if (text === BEGIN && !this.beginPending) {
        this.beginPending = true;
        return Promise.resolve(answered('BEGIN')) as never;
      }
      if (this.beginPending && ENDS.has(text)) {
        this.beginPending = false;
        return Promise.resolve(answered(text)) as never;
      }
      return this.beginFirst(args, send);
    }
    const name = this.renamed.get(text) ?? statementName(text);
    const connection = (this as unknown as { connection: WireConnection }).connection;
    const parsedBefore = name !== undefined && connection.parsedStatements[name] !== undefined;
    const config: QueryConfig = { ...(name !== undefined ? { name } : {}), text, values: parameters };
    const beginning = this.beginPending;
    this.beginPending = false;
    return new Promise((resolve, reject) => {
      const done: Callback = (error, result) => {
        if (!error) return resolve(beginning ? statementResult(result) : result);
        if (name !== undefined) this.forget(text, name, error, beginning && !parsedBefore);
        reject(error);
      };
      if (beginning) send(beginningQuery({ ...config, callback: done }));
      else send(config, done);
    }) as never;
  }

  /** Anything else: as pg sends it, after the pending `BEGIN` when there is one. */
  private beginFirst(args: unknown[], send: (...a: unknown[]) => never): never {
    if (!this.beginPending) return send(...args);
    this.beginPending = false;
    const [first, second, third] = args;
    const callback = [second, third].find((a): a is Callback => typeof a === 'function');
    if (typeof first === 'string' && !callback) {
      // The statement goes only once `BEGIN` went through, so it never runs outside the transaction it belongs to.
      return (send('BEGIN') as Promise<unknown>).then(() => send(...args)) as never;
    }
    // A callback or a stream (pg returns the stream itself): pg sends queued queries in order, so `BEGIN` goes first; a
    // `BEGIN` that fails has lost the connection, and the statement with it.
    void (send('BEGIN') as Promise<unknown>).catch(() => undefined);
    return send(...args);
  }

  private forget(text: string, name: string, error: unknown, parsedHere: boolean): void {
    const code = (error as { code?: unknown } | null)?.code;
    const connection = (this as unknown as { connection: WireConnection }).connection;
    // `BEGIN`'s own ParseComplete makes pg take the statement for parsed even when the statement's Parse then failed.
    if (parsedHere || code === CACHED_PLAN_CHANGED || code === STATEMENT_UNKNOWN) delete connection.parsedStatements[name];
    // A changed plan leaves the old statement in the session under its name; a new name avoids "already exists".
    if (code === CACHED_PLAN_CHANGED) this.renamed.set(text, `${name}_${this.renamed.size + 1}`);
  }
}
