import fc from 'fast-check';
import { Client } from 'pg';
import { aMelding, RunningService, startService, testEnvironment, TestEnvironment } from '@vt/testing';

/**
 * Issue 13 point 5, "every bad input is a 4xx": missing nested objects (`melder`, `household`, `concerns`), wrong
 * types anywhere, bodies nested thousands deep, oversized bodies and arrays, hostile strings, wrong content types
 * and malformed JSON all get a 400/413/415/422 problem response (RFC 9457) naming a field or a code — never a 5xx,
 * never stored. Thousands of generated bad requests go to a running intake (real Postgres and Kafka); the seed is
 * fixed (FUZZ_SEED to change it, FUZZ_RUNS for how many) and printed with every failure.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 13_0005);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 2000);
const PARALLEL = 6;

type Body = Record<string, unknown>;
interface BadRequest {
  why: string;
  method: 'POST' | 'GET';
  path: string;
  contentType?: string;
  body?: string;
  /** Sent as a triage reader (a GET of a melding) rather than as the call handler. */
  reader?: boolean;
}

interface Field {
  path: string[];
  /** Values that are certainly not accepted at this field (the field is required, so dropping it is one). */
  wrong: fc.Arbitrary<unknown>;
}

const text = fc.string({ maxLength: 20 });
const notAString = fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.array(text, { maxLength: 3 }), fc.dictionary(text, text, { maxKeys: 3 }));
const notAnObject = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), text, fc.array(fc.integer(), { maxLength: 3 }));
const notABoolean = fc.oneof(fc.constant(null), fc.integer(), fc.constantFrom('true', 'false', 'ja', ''), fc.array(fc.boolean(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const notAList = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), text, fc.dictionary(text, text, { maxKeys: 2 }));
const notACode = (codes: string[]) => fc.oneof(notAString, fc.string({ maxLength: 40 }).filter((value) => !codes.includes(value)));
const dropped = fc.constant(undefined);
const longText = (length: number) => fc.constant('ä'.repeat(length));

const PERSON_ROLES = ['kind', 'ouder', 'pleger', 'slachtoffer', 'overig'];
/** The required fields of a melding (register-melding.dto.ts) and what certainly does not pass there. */
const REQUIRED: Field[] = [
  { path: ['receivedAt'], wrong: fc.oneof(dropped, notAString, fc.constant(''), fc.constant('gisteren'), longText(65)) },
  { path: ['channel'], wrong: fc.oneof(dropped, notACode(['telefoon', 'email', 'brief', 'portaal', 'politie', 'chat'])) },
  { path: ['melder'], wrong: fc.oneof(dropped, notAnObject) },
  { path: ['melder', 'kind'], wrong: fc.oneof(dropped, notACode(['professional', 'non-professional'])) },
  { path: ['melder', 'role'], wrong: fc.oneof(dropped, notACode(['melder'])) },
  { path: ['melder', 'name'], wrong: fc.oneof(dropped, notAString, fc.constant(''), longText(201)) },
  { path: ['household'], wrong: fc.oneof(dropped, notAnObject) },
  { path: ['household', 'gemeenteCode'], wrong: fc.oneof(notAString.filter((value) => value !== null), fc.constant(''), longText(81)) },
  { path: ['persons'], wrong: fc.oneof(dropped, notAList, fc.constant([])) },
  { path: ['persons', '0'], wrong: notAnObject.filter((value) => value !== null) },
  { path: ['persons', '0', 'role'], wrong: fc.oneof(dropped, notACode(PERSON_ROLES)) },
  { path: ['persons', '0', 'name'], wrong: fc.oneof(dropped, notAString, fc.constant(''), longText(201)) },
  { path: ['persons', '0', 'estimatedAge'], wrong: fc.oneof(fc.integer({ min: 121 }), fc.integer({ max: -1 }), fc.double({ min: 0.1, max: 0.9 }), fc.constant('7')) },
  { path: ['concerns'], wrong: fc.oneof(dropped, notAnObject) },
  { path: ['concerns', 'aard'], wrong: fc.oneof(dropped, notAList, fc.constant([])) },
  { path: ['concerns', 'account'], wrong: fc.oneof(dropped, notAString, fc.constant(''), longText(20_001)) },
  { path: ['acuteIndication'], wrong: fc.oneof(dropped, notAnObject) },
  { path: ['acuteIndication', 'indicated'], wrong: fc.oneof(dropped, notABoolean) },
  { path: ['radar'], wrong: notAnObject.filter((value) => value !== null) },
  { path: ['lateRegistration', 'reason'], wrong: notACode([]) },
];

/** Every place in a valid melding a value can go, for the mutations that break a body whatever the field. */
const ANY_PATH = fc.constantFrom<string[]>(
  [],
  ['melder'],
  ['melder', 'name'],
  ['melder', 'organisation'],
  ['household'],
  ['household', 'postcode'],
  ['persons'],
  ['persons', '0'],
  ['persons', '0', 'name'],
  ['concerns'],
  ['concerns', 'tags'],
  ['concerns', 'account'],
  ['acuteIndication'],
  ['acuteIndication', 'ground'],
);

function setAt(body: Body, path: string[], value: unknown): Body {
  const copy = structuredClone(body);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const DEEP = '__deeply-nested__';
/** `depth` nested arrays or objects as JSON text (JSON.stringify of such a value would overflow the stack). */
function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const HOSTILE = fc.oneof(
  fc.constantFrom('\u0000', 'Jan\u0000Jansen', '\ud800', 'a\udc00b', '\udfff\ud800', 'x'.repeat(10) + '\u0000'),
  fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\ud83d', '\ude00', '\udbff'), fc.string({ maxLength: 10 })).map(([a, bad, b]) => a + bad + b),
);
const NOT_JSON_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/json', 'application/octet-stream', 'application/jsonp', undefined];

function badRequests(valid: () => Body): fc.Arbitrary<BadRequest> {
  const post = (why: string, body: Body): BadRequest => ({ why, method: 'POST', path: '/api/v1/meldingen', contentType: 'application/json', body: JSON.stringify(body) });
  const required = fc.constantFrom(...REQUIRED).chain((field) => field.wrong.map((value) => post(`${field.path.join('.')} = ${show(value)}`, setAt(valid(), field.path, value))));
  const unknownField = fc
    .tuple(ANY_PATH.filter((path) => path.length < 2 && path[0] !== 'persons'), fc.string({ minLength: 1, maxLength: 20 }).filter((key) => !KNOWN_KEYS.has(key) && key !== '__proto__'), notAString)
    .map(([path, key, value]) => post(`unknown field ${[...path, key].join('.')}`, setAt(valid(), [...path, key], value ?? 1)));
  const deep = fc
    .tuple(ANY_PATH.filter((path) => path.length > 0), fc.integer({ min: 33, max: 5000 }), fc.constantFrom<'array' | 'object'>('array', 'object'))
    .map(([path, depth, kind]): BadRequest => {
      const body = JSON.stringify(setAt(valid(), path, DEEP)).replace(`"${DEEP}"`, nested(depth, kind));
      return { why: `${path.join('.')} nested ${depth} deep (${kind})`, method: 'POST', path: '/api/v1/meldingen', contentType: 'application/json', body };
    });
  const hugeArray = fc.oneof(
    fc.integer({ min: 31, max: 3000 }).map((size) => post(`${size} persons`, setAt(valid(), ['persons'], Array.from({ length: size }, () => ({ role: 'kind', name: 'Kind' }))))),
    fc.integer({ min: 9, max: 20_000 }).map((size) => post(`${size} aard codes`, setAt(valid(), ['concerns', 'aard'], Array.from({ length: size }, () => 'kindermishandeling')))),
    fc.integer({ min: 12, max: 20_000 }).map((size) => post(`${size} tags`, setAt(valid(), ['concerns', 'tags'], Array.from({ length: size }, (_, index) => `t${index}`)))),
  );
  const oversized = fc.integer({ min: 270_000, max: 600_000 }).map((size) => post(`account of ${size} characters`, setAt(valid(), ['concerns', 'account'], 'x'.repeat(size))));
  const hostile = fc
    .tuple(ANY_PATH.filter((path) => path.length > 1), HOSTILE)
    .map(([path, value]) => post(`${path.join('.')} = ${show(value)}`, setAt(valid(), path, value)));
  const hostileKey = fc.tuple(fc.constantFrom('"__proto__":{"polluted":true}', '"constructor":{"prototype":{"polluted":true}}', '"prototype":{}', '"na\\u0000me":"x"', '"\\ud800":"x"'), fc.constantFrom('melder', 'household', 'concerns')).map(([member, at]): BadRequest => {
    const body = JSON.stringify(valid()).replace(`"${at}":{`, `"${at}":{${member},`);
    return { why: `${member} inside ${at}`, method: 'POST', path: '/api/v1/meldingen', contentType: 'application/json', body };
  });
  const contentType = fc.constantFrom(...NOT_JSON_TYPES).map((type): BadRequest => ({ why: `Content-Type ${type ?? '(none)'}`, method: 'POST', path: '/api/v1/meldingen', ...(type ? { contentType: type } : {}), body: JSON.stringify(valid()) }));
  const malformed = fc.oneof(
    fc.double({ min: 0, max: 0.999, noNaN: true }).map((at): BadRequest => {
      const json = JSON.stringify(valid());
      return { why: `JSON cut at ${Math.floor(at * json.length)}`, method: 'POST', path: '/api/v1/meldingen', contentType: 'application/json', body: json.slice(0, Math.floor(at * json.length)) };
    }),
    fc.constantFrom('x', '}', ',', '{', ']', "'").map((tail): BadRequest => ({ why: `JSON followed by ${tail}`, method: 'POST', path: '/api/v1/meldingen', contentType: 'application/json', body: JSON.stringify(valid()) + tail })),
    fc.constantFrom("{'melder': {}}", '{melder: 1}', '{"a":1,}', 'NaN', '"\\ud800"', '{"a":"\\x00"}', '\u0000').map((body): BadRequest => ({ why: `not JSON: ${body}`, method: 'POST', path: '/api/v1/meldingen', contentType: 'application/json', body })),
    fc.constantFrom('[]', '"melding"', '42', 'null', 'true', '[{"melder":{}}]').map((body): BadRequest => ({ why: `not an object: ${body}`, method: 'POST', path: '/api/v1/meldingen', contentType: 'application/json', body })),
  );
  const badPath = fc
    .oneof(fc.string({ minLength: 1, maxLength: 60 }).map(encodeURIComponent).filter((segment) => segment !== '.' && segment !== '..'), fc.constantFrom('%00', '%ED%A0%80', '%FF', '%', '..%2F..%2Fetc%2Fpasswd', "1'%20or%20'1'='1", '00000000-0000-0000-0000-00000000000g'))
    .map((segment): BadRequest => ({ why: `GET melding ${segment}`, method: 'GET', path: `/api/v1/meldingen/${segment}`, reader: true }));
  return fc.oneof(
    { arbitrary: required, weight: 8 },
    { arbitrary: unknownField, weight: 2 },
    { arbitrary: deep, weight: 2 },
    { arbitrary: hugeArray, weight: 1 },
    { arbitrary: oversized, weight: 1 },
    { arbitrary: hostile, weight: 3 },
    { arbitrary: hostileKey, weight: 1 },
    { arbitrary: contentType, weight: 1 },
    { arbitrary: malformed, weight: 2 },
    { arbitrary: badPath, weight: 1 },
  );
}

const KNOWN_KEYS = new Set([
  ...['receivedAt', 'lateRegistration', 'channel', 'melder', 'household', 'persons', 'concerns', 'acuteIndication', 'radar'],
  ...['kind', 'sector', 'role', 'name', 'organisation', 'phone', 'email', 'identitySealed', 'sealReason', 'sealExplanation'],
  ...['gemeenteCode', 'island', 'postcode', 'houseNumber', 'aard', 'tags', 'account', 'indicated', 'ground', 'signals'],
]);

function show(value: unknown): string {
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 60 ? `${shown.slice(0, 60)}… (${shown.length} characters)` : shown;
}

describe('intake answers every bad input with a 4xx problem and stores nothing (issue 13 point 5)', () => {
  let env: TestEnvironment;
  let intake: RunningService;
  let db: Client;
  let schema: string;

  beforeAll(async () => {
    env = testEnvironment();
    const intakeEnv = await env.serviceEnv('intake');
    schema = intakeEnv['DATABASE_SCHEMA'] as string;
    intake = await startService('intake', intakeEnv, { readyTimeoutMs: 150_000 });
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await intake?.stop();
    await db?.end();
    await env?.cleanup();
  });

  /** Rows in every table of intake's schema: meldingen, persons, keys, outbox, inbox, … */
  async function rowCounts(): Promise<Record<string, number>> {
    const { rows: tables } = await db.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by table_name`, [schema]);
    const counts: Record<string, number> = {};
    for (const { table_name } of tables) {
      const { rows } = await db.query<{ count: string }>(`select count(*) from ${schema}."${table_name}"`);
      counts[table_name] = Number(rows[0]?.count);
    }
    return counts;
  }

  it(`${RUNS} generated bad requests (seed ${SEED}) each get a 4xx problem naming a field or a code, and nothing is stored`, async () => {
    const callHandler = { authorization: env.authHeaders(['call-handler'], ['*'], 'fuzz')['authorization'] as string };
    const reader = { authorization: env.authHeaders(['triage'], ['*'], 'fuzz-reader')['authorization'] as string, 'x-access-purpose': 'veiligheidsbeoordeling' };
    const requests = fc.sample(badRequests(() => aMelding().requestBody()), { seed: SEED, numRuns: RUNS });
    const before = await rowCounts();
    const failures: string[] = [];
    const statuses = new Map<string, number>();
    let next = 0;
    const send = async (index: number, request: BadRequest) => {
      const response = await fetch(`${intake.url}${request.path}`, {
        method: request.method,
        headers: { ...(request.reader ? reader : callHandler), ...(request.contentType ? { 'content-type': request.contentType } : {}) },
        ...(request.body !== undefined ? { body: new Blob([request.body]) } : {}),
      });
      const text = await response.text();
      const fail = (problem: string) => failures.push(`#${index} (seed ${SEED}) ${request.method} ${request.path} [${request.why}] → ${response.status} ${problem}: ${text.slice(0, 300)}`);
      let body: { type?: unknown; status?: unknown; error?: unknown; fields?: Array<{ path?: unknown; code?: unknown }> } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        return fail('body is not JSON');
      }
      statuses.set(`${response.status} ${String(body.error)}`, (statuses.get(`${response.status} ${String(body.error)}`) ?? 0) + 1);
      if (response.status < 400 || response.status >= 500) return fail('not a 4xx');
      if (!/^application\/problem\+json/.test(response.headers.get('content-type') ?? '')) return fail(`content type ${response.headers.get('content-type')}`);
      if (body.status !== response.status || typeof body.error !== 'string' || !/^[a-z][a-z0-9-]*$/.test(body.error) || body.type !== `https://veilig-thuis.example/problems/${body.error}`) return fail('not a problem body with a code');
      if (body.error === 'validation-failed' && !(Array.isArray(body.fields) && body.fields.length > 0 && body.fields.every((field) => typeof field.path === 'string' && typeof field.code === 'string'))) return fail('validation-failed without the fields');
      return undefined;
    };
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < requests.length) {
          const index = next++;
          await send(index, requests[index] as BadRequest);
        }
      }),
    );
    const after = await rowCounts();
    if (failures.length > 0) console.log(`input fuzz seed ${SEED}: ${failures.length} failures; answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(after).toEqual(before);
    // Each kind of refusal is exercised, not only the first the body trips over.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining(['400 validation-failed', '400 body-too-deep', '400 malformed-json', '413 payload-too-large', '415 unsupported-media-type']));
  }, 180_000);

  it('a valid melding with SQL-like, emoji and right-to-left text is stored (hostile strings that are text are kept safely, not refused)', async () => {
    const body = aMelding().requestBody();
    const melder = { ...(body['melder'] as Body), name: "Robert'); DROP TABLE melding;-- 👩‍👧‍👦 \u202eשלום" };
    const concerns = { ...(body['concerns'] as Body), account: `' OR 1=1; -- ${'𝔘𝔫𝔦𝔠𝔬𝔡𝔢 '.repeat(500)}` };
    const response = await fetch(`${intake.url}/api/v1/meldingen`, { method: 'POST', headers: env.authHeaders(['call-handler'], ['*'], 'fuzz-baseline'), body: JSON.stringify({ ...body, melder, concerns }) });
    expect(response.status).toBe(201);
    const { meldingId } = (await response.json()) as { meldingId: string };
    const { rows } = await db.query(`select melding_id from ${schema}.melding where melding_id = $1`, [meldingId]);
    expect(rows).toHaveLength(1);
  });
});
