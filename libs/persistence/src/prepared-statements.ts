import { Client, ClientConfig, Query, QueryConfig } from 'pg';
// pg's own conversion of parameter values (dates, buffers, arrays, objects), as its queries use it.
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

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
  submittedNamedStatements: Record<string, string>;
  parse(query: { text: string; name?: string; types?: unknown[] }): void;
  bind(config: Record<string, unknown>): void;
  describe(config: { type: 'P' | 'S'; name: string }): void;
  execute(config: Record<string, unknown>): void;
  on(event: 'parseComplete', listener: () => void): void;
  removeListener(event: 'parseComplete', listener: () => void): void;
}

/** A statement sent ahead of another in the same write (see `pipelinedQuery`): `BEGIN`, or a deferred statement. */
interface Ahead {
  text: string;
  values: unknown[];
  /** Its prepared statement, when it has one (`BEGIN` and the filler have none). */
  name?: string;
  /** Whether this write parses it (its name is not yet known to the session). */
  parses?: boolean;
}

/**
 * A statement with others in front of it, in one write and one round trip: each one's Parse (unless its name is
 * already prepared in the session), Bind, Describe and Execute, then the statement's own, then one Sync. Postgres
 * runs them in order and answers once; pg collects one result per completed command, and `statementResult` keeps the
 * statement's own (the last). When one in front fails, Postgres skips the rest up to the Sync, and the error is the
 * query's.
 */
function pipelinedQuery(ahead: Ahead[], config: QueryConfig & { callback: Callback }, onParseComplete: () => void): Query {
  const callback = config.callback;
  let connectionOf: WireConnection | undefined;
  // Postgres answers the Parses in the order they were sent and none after a failure: counting its ParseCompletes
  // tells which statements this write prepared in the session (pg itself records only the query's own name, and on the
  // first ParseComplete, which is `BEGIN`'s or a deferred statement's).
  const query = new Query({
    ...config,
    callback: (error, result) => {
      connectionOf?.removeListener('parseComplete', onParseComplete);
      callback(error, result);
    },
  } as QueryConfig & { callback: Callback });
  const submit = (Query.prototype as unknown as { submit(this: Query, c: WireConnection): Error | null }).submit;
  (query as unknown as { submit(c: WireConnection): Error | null }).submit = (connection) => {
    connectionOf = connection;
    connection.on('parseComplete', onParseComplete);
    connection.stream.cork?.();
    try {
      for (const { text, values, name = '', parses = true } of ahead) {
        if (parses) connection.parse({ text, name, types: [] });
        // So that the query itself, when it is the same text, binds to it rather than parse it a second time.
        if (parses && name) connection.submittedNamedStatements[name] = text;
        connection.bind({ portal: '', statement: name, values, valueMapper: prepareValue });
        // Its columns, so that pg can read the rows it returns (a statement's rows are never read without them).
        connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '' });
      }
      return submit.call(query, connection);
    } finally {
      connection.stream.uncork?.();
    }
  };
  return query;
}

/** The statement's own result of a `pipelinedQuery` (pg returns one result per completed command). */
function statementResult(result: unknown): unknown {
  return Array.isArray(result) ? result[result.length - 1] : result;
}

/** The result of a statement that was not sent: a transaction command this client answers itself. */
const answered = (command: string) => ({ command, rowCount: null, oid: null, rows: [], fields: [] });

/**
 * A `pg` client that saves Postgres round trips, the largest cost of a hop in the chain (tests/bench/README.md: each is a
 * socket write that wakes a backend, then a wait for it), and repeated parsing (docs/adr/0043).
 *
 * 1. **Named prepared statements.** Every statement with parameters goes as a named prepared statement: Postgres
 *    parses it once per session and, after five executions, may keep a generic plan, instead of parsing and planning
 *    every call. Most statements are the same few dozen texts run thousands of times. Statements without
 *    parameters (DDL, `COMMIT`) go as simple queries as before.
 * 2. **`BEGIN` with the first statement.** TypeORM opens a transaction with `START TRANSACTION` and waits for the
 *    answer before the first statement. This client answers it itself and sends `BEGIN` with the transaction's first
 *    statement (`pipelinedQuery`). A transaction that ends before any statement ran (`COMMIT` or `ROLLBACK`) was
 *    never opened, and its end is answered here too. A first statement that cannot go this way (no parameters: it
 *    may hold several statements, as migrations do) is sent after a `BEGIN` of its own, as before. `now()` is the
 *    time of `BEGIN` either way; the transaction merely starts a round trip later.
 * 3. **Deferred statements** (`defer`, `queryDeferred`): a statement nobody reads the result of (the outbox append's
 *    rows, the relay's published update) goes in front of the transaction's next statement or its `COMMIT`, in the
 *    same write, named like any other.
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
  /** Between TypeORM's `START TRANSACTION` and its `COMMIT` or `ROLLBACK`. */
  private inTransaction = false;
  /** Statements whose answer nobody waits for, sent in front of the next statement or the `COMMIT` (`defer`). */
  private deferred: Ahead[] = [];

  constructor(config?: string | ClientConfig) {
    super(config);
  }

  /**
   * Runs `text` in the current transaction without a round trip of its own: it is sent in front of the transaction's
   * next statement, or of its `COMMIT`, in the same write (`pipelinedQuery`). For a statement whose result nobody
   * reads (the outbox append's rows, docs/adr/0043): what it does happens before the next statement runs, as if it
   * had been awaited; when it fails, the next statement (or the `COMMIT`) fails with its error and the transaction
   * rolls back. A `ROLLBACK` drops it unsent. Outside a transaction it is sent at once. Returns whether it was deferred.
   */
  defer(text: string, values: unknown[]): boolean {
    if (!this.inTransaction) return false;
    this.deferred.push({ text, values });
    return true;
  }

  // pg's overloads: (text, values?, callback?) and (config, callback?); only the first, with promises, is rewritten.
  override query(...args: unknown[]): never {
    const send = (...a: unknown[]): never => (super.query as (...b: unknown[]) => never)(...a);
    const [text, values, callback] = args;
    if (typeof text !== 'string' || typeof callback === 'function' || typeof values === 'function') return this.sendAfterPending(args, send);
    const parameters = Array.isArray(values) ? values : [];
    if (parameters.length === 0) {
      if (text === BEGIN && !this.inTransaction) {
        this.inTransaction = true;
        this.beginPending = true;
        this.deferred = [];
        return Promise.resolve(answered('BEGIN')) as never;
      }
      if (ENDS.has(text) && this.inTransaction) {
        this.inTransaction = false;
        if (text === 'ROLLBACK') this.deferred = [];
        if (this.beginPending) {
          // Nothing ran: the transaction was never opened, and nothing was deferred in it.
          this.beginPending = false;
          return Promise.resolve(answered(text)) as never;
        }
        // The COMMIT goes through the extended protocol too, so that what was deferred goes in front of it.
        if (this.deferred.length > 0) return this.pipelined(text, [], undefined, send);
      }
      return this.sendAfterPending(args, send);
    }
    return this.pipelined(text, parameters, this.renamed.get(text) ?? statementName(text), send);
  }

  /** The statement with whatever waits in front of it (`BEGIN`, deferred statements), in one round trip. */
  private pipelined(text: string, values: unknown[], name: string | undefined, send: (...a: unknown[]) => never): never {
    const connection = (this as unknown as { connection: WireConnection }).connection;
    const parsedHere = new Set<string>();
    const ahead: Ahead[] = [...(this.beginPending ? [{ text: 'BEGIN', values: [] }] : []), ...this.deferred.map((statement) => this.prepared(statement, connection, parsedHere))];
    this.beginPending = false;
    this.deferred = [];
    // The Parses of this write in the order they are sent: those in front (`BEGIN`'s unnamed one included), then the
    // statement's own unless its name is prepared already or a statement in front prepares it.
    const parsing = ahead.filter((statement) => statement.parses !== false);
    const ownParses = name === undefined || (connection.parsedStatements[name] === undefined && !parsing.some((statement) => statement.name === name));
    let parsed = 0;
    const config: QueryConfig = { ...(name !== undefined ? { name } : {}), text, values };
    return new Promise((resolve, reject) => {
      const done: Callback = (error, result) => {
        if (ahead.length > 0) {
          // What the session has now, from Postgres' answers rather than from what was sent: a statement whose Parse
          // went through is prepared even when it, or one after it, then failed, and one whose Parse did not is not,
          // whatever pg recorded on the first ParseComplete.
          for (const [index, statement] of parsing.entries()) {
            if (!statement.name) continue;
            delete connection.submittedNamedStatements[statement.name];
            if (index < parsed) connection.parsedStatements[statement.name] = statement.text;
            else delete connection.parsedStatements[statement.name];
          }
          if (name !== undefined && ownParses) {
            if (parsed === parsing.length + 1) connection.parsedStatements[name] = text;
            else delete connection.parsedStatements[name];
          }
        }
        if (!error) return resolve(ahead.length > 0 ? statementResult(result) : result);
        // Postgres does not say which statement of a write it refused: each one the session can no longer run goes
        // under a new name.
        for (const statement of [...ahead, { text, name }]) if (statement.name !== undefined && statement.name !== '') this.forget(statement.text, statement.name, error);
        reject(error);
      };
      if (ahead.length > 0) send(pipelinedQuery(ahead, { ...config, queryMode: 'extended', callback: done } as QueryConfig & { callback: Callback }, () => (parsed += 1)));
      else send(config, done);
    }) as never;
  }

  /** A deferred statement with its prepared statement's name, and whether this session still has to parse it. */
  private prepared(statement: Ahead, connection: WireConnection, parsedHere: Set<string>): Ahead {
    const name = this.renamed.get(statement.text) ?? statementName(statement.text);
    if (name === undefined) return statement;
    // Parsed once per write, also when the same text is deferred twice in it.
    const parses = connection.parsedStatements[name] === undefined && !parsedHere.has(name);
    if (parses) parsedHere.add(name);
    return { ...statement, name, parses };
  }

  /** Anything else: as pg sends it, after the pending `BEGIN` and deferred statements when there are any. */
  private sendAfterPending(args: unknown[], send: (...a: unknown[]) => never): never {
    if (!this.beginPending && this.deferred.length === 0) return send(...args);
    const [first, second, third] = args;
    const callback = [second, third].find((a): a is Callback => typeof a === 'function');
    // `BEGIN` alone (a first statement may have to be the transaction's first, e.g. SET TRANSACTION ISOLATION LEVEL), or
    // with the deferred statements in front of an empty statement; one round trip.
    let pending: Promise<unknown>;
    if (this.deferred.length === 0) {
      this.beginPending = false;
      pending = send('BEGIN') as Promise<unknown>;
    } else {
      pending = this.pipelined('select 1 where false', [], undefined, send) as Promise<unknown>;
    }
    if (typeof first === 'string' && !callback) {
      // The statement goes only once those went through, so it never runs outside the transaction it belongs to.
      return pending.then(() => send(...args)) as never;
    }
    // A callback or a stream (pg returns the stream itself): pg sends queued queries in order, so those go first; if
    // they fail, the transaction is aborted and the statement fails too.
    void pending.catch(() => undefined);
    return send(...args);
  }

  /**
   * After Postgres refused to run a prepared statement again (its result columns changed, or the session lost it),
   * the text goes under a new name in this session: preparing it under the old one could find that name still taken.
   */
  private forget(text: string, name: string, error: unknown): void {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== CACHED_PLAN_CHANGED && code !== STATEMENT_UNKNOWN) return;
    delete (this as unknown as { connection: WireConnection }).connection.parsedStatements[name];
    // Once per text, also when it was in the write twice.
    if ((this.renamed.get(text) ?? statementName(text)) === name) this.renamed.set(text, `${name}_${this.renamed.size + 1}`);
  }
}

/**
 * Runs a statement whose result nobody reads in the caller's transaction, without a round trip of its own where the
 * connection is a `PreparingClient` (`PreparingClient.defer`): it goes in front of the transaction's next statement or
 * its `COMMIT`. Elsewhere (no transaction, another client) it is sent and awaited as usual.
 */
export async function queryDeferred(manager: { query(text: string, values?: unknown[]): Promise<unknown>; queryRunner?: unknown }, text: string, values: unknown[]): Promise<void> {
  const runner = manager.queryRunner as { databaseConnection?: unknown; isTransactionActive?: boolean } | undefined;
  const client = runner?.databaseConnection;
  if (runner?.isTransactionActive && client instanceof PreparingClient && client.defer(text, values)) return;
  await manager.query(text, values);
}
