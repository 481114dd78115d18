import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ServiceModel, TableSpec } from './model';
import { createRebuildSchema, insertRows, quoteIdentifier, rebuiltTableName, writeRows } from './rebuild-store';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run this through jest.int.config.cjs, whose global setup provides it`);
  return value;
}

const spec: TableSpec = {
  table: 'sample',
  key: ['id'],
  columns: { id: 'uuid', name: 'text', tags: 'text[]', facts: 'jsonb', done: 'boolean', count: 'integer', at: 'timestamptz' },
};
const model = { service: 'intake', tables: [spec] } as unknown as ServiceModel;

/** Values that test the COPY text: escapes, quotes and backslashes in arrays, nested jsonb, non-ASCII, nulls everywhere. */
const rows = [
  { id: '00000000-0000-4000-8000-000000000001', name: 'tab\there, newline\nthere, cr\r, backslash \\ and \\N', tags: ['a "quoted" one', 'back\\slash', 'comma, brace}{', null, ''], facts: { nested: { list: [1, 'x\ty', null, true] }, text: 'ë€😀 \\n' }, done: true, count: 0, at: '2026-03-01T12:00:00.123Z' },
  { id: '00000000-0000-4000-8000-000000000002', name: null, tags: null, facts: null, done: null, count: null, at: null },
  { id: '00000000-0000-4000-8000-000000000003', name: 'NULL', tags: ['NULL'], facts: 'just a string', done: false, count: -2147483648, at: '2026-03-01T13:00:00+01:00' },
  { id: '00000000-0000-4000-8000-000000000004', name: '', tags: [], facts: [], done: false, count: 2147483647, at: '2026-12-31T23:59:59.999999Z' },
  { id: '00000000-0000-4000-8000-000000000005', name: 7, facts: 0, done: true, count: 1 },
];

describe('writing rebuilt rows (real Postgres)', () => {
  let client: Client;
  const schema = `rebuild_store_${randomBytes(4).toString('hex')}`;
  const copied = `${schema}_copy`;

  beforeAll(async () => {
    client = new Client({ connectionString: requireEnv('DATABASE_URL') });
    await client.connect();
  });
  afterAll(async () => {
    for (const name of [schema, copied]) await client.query(`drop schema if exists ${quoteIdentifier(name)} cascade`);
    await client.end();
  });

  it('stores with COPY exactly what INSERT from jsonb_to_recordset stores, and falls back to INSERT for a value COPY cannot carry', async () => {
    await createRebuildSchema(client, schema, [{ model, spec }]);
    await createRebuildSchema(client, copied, [{ model, spec }]);
    await insertRows(client, schema, model, spec, rows);
    expect(await writeRows(client, copied, model, spec, rows)).toBe('copy');
    const table = (name: string) => `${quoteIdentifier(name)}.${quoteIdentifier(rebuiltTableName(model, spec))}`;
    const all = async (name: string) => (await client.query(`select id, name, tags, facts, done, count, at from ${table(name)} order by id`)).rows;
    expect(await all(copied)).toEqual(await all(schema));
    expect((await all(copied))[0]).toMatchObject({ name: rows[0]?.name, tags: rows[0]?.tags, facts: rows[0]?.facts });
    const differences = await client.query(`select count(*)::int as n from ((select * from ${table(schema)} except all select * from ${table(copied)}) union all (select * from ${table(copied)} except all select * from ${table(schema)})) d`);
    expect(differences.rows[0]).toEqual({ n: 0 });

    const odd = [{ id: '00000000-0000-4000-8000-000000000006', name: { not: 'text' }, done: false }];
    await insertRows(client, schema, model, spec, odd);
    expect(await writeRows(client, copied, model, spec, odd)).toBe('insert');
    expect(await all(copied)).toEqual(await all(schema));
  });

  it('reports a COPY the server refuses as an error and leaves the connection usable', async () => {
    const bad = [{ id: 'not-a-uuid', name: 'x' }];
    await expect(writeRows(client, copied, model, spec, bad)).rejects.toThrow(/uuid/);
    await expect(client.query('select 1 as one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
  });
});
