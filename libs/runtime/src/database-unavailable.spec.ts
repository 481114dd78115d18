import { once } from 'node:events';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { Client, DatabaseError, Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

// Issue 13 point 4: with Postgres down a service answers 503 with Retry-After, not a 500. These are the
// errors node-postgres and TypeORM really raise when the database is away, next to those that are not an outage.

async function listen(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    onConnection(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

async function closedPort(): Promise<number> {
  const { server, port } = await listen(() => undefined);
  server.close();
  await once(server, 'close');
  return port;
}

async function failureOf(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to fail');
}

function sqlError(code: string, message: string): DatabaseError {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = code;
  error.severity = 'FATAL';
  return error;
}

describe('isDatabaseUnavailable', () => {
  it('is true for a connection refused by a database that is down (pg Client and TypeORM initialize)', async () => {
    const port = await closedPort();
    const refused = await failureOf(() => new Client({ host: '127.0.0.1', port, user: 'x', password: 'x', database: 'x' }).connect());
    expect((refused as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(refused)).toBe(true);
    const dataSource = new DataSource({ type: 'postgres', host: '127.0.0.1', port, username: 'x', password: 'x', database: 'x' });
    expect(isDatabaseUnavailable(await failureOf(() => dataSource.initialize()))).toBe(true);
  });

  it('is true for TypeORM used without a connection ("Driver not Connected")', async () => {
    const dataSource = new DataSource({ type: 'postgres', host: '127.0.0.1', port: await closedPort(), username: 'x', password: 'x', database: 'x' });
    const error = await failureOf(() => dataSource.query('select 1'));
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('is true for a connection the server closes ("Connection terminated unexpectedly")', async () => {
    const { server, port } = await listen((socket) => socket.destroy());
    try {
      const error = await failureOf(() => new Client({ host: '127.0.0.1', port, user: 'x', password: 'x', database: 'x' }).connect());
      expect((error as Error).message).toMatch(/Connection terminated/);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      server.close();
    }
  });

  it('is true for a pool that cannot get a connection in time (connect timeout and pool acquire timeout)', async () => {
    const { server, port, sockets } = await listen(() => undefined);
    const pool = new Pool({ host: '127.0.0.1', port, user: 'x', password: 'x', database: 'x', max: 1, connectionTimeoutMillis: 200 });
    try {
      const [first, second] = await Promise.all([failureOf(() => pool.connect()), failureOf(() => pool.connect())]);
      const messages = [(first as Error).message, (second as Error).message].sort();
      expect(messages).toEqual(['Connection terminated due to connection timeout', 'timeout exceeded when trying to connect']);
      expect(isDatabaseUnavailable(first)).toBe(true);
      expect(isDatabaseUnavailable(second)).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
      await pool.end().catch(() => undefined);
      server.close();
    }
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection due to crash of another server process'],
    ['57P03', 'the database system is starting up'],
    ['08006', 'connection failure'],
    ['08001', 'could not connect to server'],
    ['53300', 'sorry, too many clients already'],
  ])('is true for SQLSTATE %s, bare or wrapped in a TypeORM QueryFailedError', (code, message) => {
    const error = sqlError(code, message);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('select 1', [], error))).toBe(true);
    expect(isDatabaseUnavailable(new Error('loading keys failed', { cause: error }))).toBe(true);
  });

  it.each([
    ['23505', 'duplicate key value violates unique constraint "meldingen_pkey"'],
    ['22P05', 'unsupported Unicode escape sequence'],
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['42P01', 'relation "meldingen" does not exist'],
    ['40001', 'could not serialize access due to concurrent update'],
  ])('is false for SQLSTATE %s: the database answered, the query was wrong', (code, message) => {
    expect(isDatabaseUnavailable(new QueryFailedError('insert …', [], sqlError(code, message)))).toBe(false);
  });

  it('is false for programming errors and for the broker or an HTTP call failing with the same socket codes', () => {
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    const broker = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), { name: 'KafkaJSConnectionError', code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(broker)).toBe(false);
    const fetchFailed = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(isDatabaseUnavailable(fetchFailed)).toBe(false);
  });

  it('does not loop on an error that is its own cause', () => {
    const error = new Error('odd') as Error & { cause?: unknown };
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
