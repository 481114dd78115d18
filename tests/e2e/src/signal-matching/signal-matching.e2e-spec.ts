import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { SIGNAL_EXPIRED, SIGNAL_REGISTERED, SIGNAL_WITHDRAWN, signalMatchesTopic, signalPseudonym, SIGNALS_MATCHED, TOPICS } from '@vt/contracts';
import { partnerPrincipal } from '@vt/kafka-access';
import { waitForLeaders } from '@vt/messaging';
import { runVt, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, vtAuditAsAuditor, waitFor } from '@vt/testing';

type Answer = { status: number; body: Record<string, unknown> };
type Envelope = { id: string; type: string; subject?: string; data: Record<string, unknown> };

// Organisations of config/signal-matching/regions.json (partners of the directory, so their principals exist).
const GGZ = 'ggz-groningen';
const WIJKTEAM = 'lokaal-team-gm0014';
const GI = 'gecertificeerde-instelling-groningen';
const FRYSLAN = 'ggz-fryslan';
const WAIT_MS = 60_000;
/** The signals' term in this file: short, so that the expiry scenario runs within the file's time. */
const TERM = 'PT4S';

/**
 * Issue 15 point 1 (docs/adr/0038): signal matching on the real broker and database. Only the signal-matching
 * service runs; organisations signal with partner tokens and read their matches as their own Kafka principals.
 */
describe('signal matching: organisations signal a young person by pseudonym, and each hears whom to contact', () => {
  let env: TestEnvironment;
  let service: RunningService;
  let schema: string;
  let db: Client;
  let record: TopicReader;
  let serviceEnv: Record<string, string>;
  const readers = new Map<string, TopicReader>();
  // The organisations' shared key: theirs, generated here; the service never sees it.
  const sharedKey = randomBytes(32);
  const pseudonymOf = (bsn: string, key = sharedKey): string => signalPseudonym(bsn, key);
  const matchesTopic = (organisationId: string): string => env.topicPrefix + signalMatchesTopic(organisationId);
  const recordTopic = (): string => env.topicPrefix + TOPICS.signals;

  beforeAll(async () => {
    env = testEnvironment();
    serviceEnv = (await env.serviceEnv('signal_matching')) as Record<string, string>;
    schema = serviceEnv['DATABASE_SCHEMA'] as string;
    const admin = env.kafkaClient().admin();
    await admin.connect();
    const topics = [recordTopic(), ...[GGZ, WIJKTEAM, GI, FRYSLAN].map(matchesTopic)];
    try {
      // As Veilig Thuis creates an organisation's topic when a region admits it.
      await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3, replicationFactor: -1 })), waitForLeaders: false });
      await waitForLeaders(admin, topics, 30_000);
    } finally {
      await admin.disconnect();
    }
    [service] = await Promise.all([startService('signal-matching', { ...serviceEnv, SIGNAL_TERM: TERM }, { readyTimeoutMs: WAIT_MS })]);
    const brokers = env.kafkaBrokers.split(',');
    // Each organisation reads its own topic as itself, in a consumer group named for it.
    for (const organisationId of [GGZ, WIJKTEAM]) {
      const sasl = env.kafkaSasl(partnerPrincipal(organisationId));
      readers.set(organisationId, await new TopicReader(brokers, [matchesTopic(organisationId)], { ...(sasl ? { sasl } : {}), groupId: `${env.topicPrefix}${partnerPrincipal(organisationId)}.e2e` }).start());
    }
    record = await new TopicReader(brokers, [recordTopic()]).start();
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
  }, 3 * WAIT_MS);

  afterAll(async () => {
    await db?.end();
    await record?.stop();
    await Promise.all([...readers.values()].map((reader) => reader.stop()));
    await service?.stop();
    await env?.cleanup();
  });

  async function signal(organisationId: string, body: unknown): Promise<Answer> {
    const response = await fetch(`${service.url}/api/v1/signals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${env.partnerToken(organisationId)}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function withdraw(organisationId: string, signalId: string): Promise<Answer> {
    const response = await fetch(`${service.url}/api/v1/signals/${signalId}/withdrawal`, { method: 'POST', headers: { authorization: `Bearer ${env.partnerToken(organisationId)}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const recorded = (type: string, signalId: string): Envelope | undefined =>
    record
      .on(recordTopic())
      .map((r) => r.json<Envelope>())
      .find((event) => event.type === type && event.subject === signalId);
  const matchesOf = (organisationId: string): Envelope[] => (readers.get(organisationId)?.on(matchesTopic(organisationId)) ?? []).map((r) => r.json<Envelope>());
  const matchRows = async (signalId: string): Promise<number> => Number(((await db.query(`select count(*) as n from ${schema}.signal_match where $1 in (signal_a, signal_b)`, [signalId])).rows[0] as { n: string }).n);
  const signalRows = async (): Promise<number> => Number(((await db.query(`select count(*) as n from ${schema}.signal`)).rows[0] as { n: string }).n);

  // Registered first, so that its term runs out while the other scenarios run.
  let expiring: string;
  const expiringPseudonym = (): string => pseudonymOf('999990019');
  it('registers a signal that will expire (its term is this file\'s SIGNAL_TERM)', async () => {
    const answer = await signal(GGZ, { pseudonym: expiringPseudonym(), region: 'vt-groningen', birthMonth: '2012-03' });
    expect(answer).toMatchObject({ status: 201, body: { renewed: false } });
    expiring = answer.body['signalId'] as string;
  });

  it('two organisations signal the same pseudonym: each reads exactly one match on its own topic, naming the other and nothing else', async () => {
    const pseudonym = pseudonymOf('999993653');
    const first = await signal(GGZ, { pseudonym, region: 'vt-groningen', birthMonth: '2010-05' });
    const second = await signal(WIJKTEAM, { pseudonym, region: 'vt-groningen', birthMonth: '2010-05' });
    // Registering again extends the signal (within its short term here) and matches nothing twice.
    const again = await signal(GGZ, { pseudonym, region: 'vt-groningen', birthMonth: '2010-05' });
    expect(first).toMatchObject({ status: 201, body: { signalId: expect.any(String), renewed: false } });
    // The answer says nothing about other organisations' signals.
    expect(Object.keys(second.body).sort()).toEqual(['expiresAt', 'renewed', 'signalId']);
    const [ggzSignal, wijkteamSignal] = [first.body['signalId'] as string, second.body['signalId'] as string];
    expect(again).toMatchObject({ status: 201, body: { signalId: ggzSignal, renewed: true } });
    expect(await matchRows(ggzSignal)).toBe(1);

    const ggzMatch = await waitFor(() => matchesOf(GGZ).find((m) => m.data['signalId'] === ggzSignal), { description: 'the match on the GGZ topic', timeoutMs: 30_000 });
    const wijkteamMatch = await waitFor(() => matchesOf(WIJKTEAM).find((m) => m.data['signalId'] === wijkteamSignal), { description: 'the match on the wijkteam topic', timeoutMs: 30_000 });
    expect(ggzMatch).toMatchObject({ type: 'nl.veiligthuis.signals.MatchFound.v1', subject: ggzSignal });
    expect(ggzMatch.data).toEqual({
      matchId: wijkteamMatch.data['matchId'],
      organisationId: GGZ,
      signalId: ggzSignal,
      region: 'vt-groningen',
      contact: { organisationId: WIJKTEAM, name: 'Lokaal team Groningen', phone: '050 000 0003', email: 'signalering@wijkteam-groningen.example.nl' },
      otherSignalId: wijkteamSignal,
      matchedAt: expect.any(String),
    });
    expect(wijkteamMatch.data).toMatchObject({ organisationId: WIJKTEAM, signalId: wijkteamSignal, otherSignalId: ggzSignal, contact: { organisationId: GGZ, name: 'GGZ, Groningen' } });
    expect(matchesOf(GGZ).filter((m) => m.data['otherSignalId'] === wijkteamSignal)).toHaveLength(1);

    // The audit record: both registrations (the only lookups) with who made them, and the match with both legal bases.
    expect(recorded(SIGNAL_REGISTERED, wijkteamSignal)?.data).toMatchObject({ organisationId: WIJKTEAM, region: 'vt-groningen', legalBasis: expect.stringContaining('convenant'), actor: `user:partner:${WIJKTEAM}:medewerker-${WIJKTEAM}` });
    const matched = await waitFor(() => record.on(recordTopic()).map((r) => r.json<Envelope>()).find((e) => e.type === SIGNALS_MATCHED && e.data['matchId'] === ggzMatch.data['matchId']), { description: 'SignalsMatched on the record' });
    expect((matched.data['signals'] as { signalId: string }[]).map((s) => s.signalId).sort()).toEqual([ggzSignal, wijkteamSignal].sort());
    // The pseudonym is on no topic in clear: only encrypted under the signal's key.
    expect(record.on(recordTopic()).some((r) => r.value?.includes(pseudonym))).toBe(false);
    // Nor in the database: the signal table keeps a keyed digest under the current master key (docs/adr/0038), so a
    // leaked table and the organisations' key together still do not tell which BSNs were signalled.
    const { rows: stored } = await db.query(`select pseudonym, digest_key_id from ${schema}.signal where signal_id = any($1) order by pseudonym`, [[ggzSignal, wijkteamSignal]]);
    const currentKeyId = (serviceEnv['PERSONAL_DATA_MASTER_KEYS'] as string).split(':')[0];
    expect(stored).toEqual([
      { pseudonym: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), digest_key_id: currentKeyId },
      { pseudonym: (stored[0] as { pseudonym: string }).pseudonym, digest_key_id: currentKeyId },
    ]);
    expect((stored[0] as { pseudonym: string }).pseudonym).not.toBe(pseudonym);
    expect(recorded(SIGNAL_REGISTERED, ggzSignal)?.data['pseudonym']).toMatchObject({ personId: ggzSignal, alg: 'A256GCM' });
  });

  it("a third organisation cannot read another organisation's matches topic: the broker refuses it", async () => {
    if (!env.secured) return;
    const sasl = env.kafkaSasl(partnerPrincipal(GI));
    const kafka = new Kafka({ clientId: 'signal-acl-e2e', brokers: env.kafkaBrokers.split(','), ...(sasl ? { sasl } : {}), logLevel: logLevel.NOTHING, retry: { retries: 1, initialRetryTime: 100 } });
    const consumer = kafka.consumer({ groupId: `${env.topicPrefix}${partnerPrincipal(GI)}.peek`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      const refused = new Promise<unknown>((resolve) => consumer.on(consumer.events.CRASH, (event) => resolve(event.payload.error)));
      const outcome = await consumer
        .subscribe({ topics: [matchesTopic(GGZ)], fromBeginning: true })
        .then(() => consumer.run({ eachMessage: async () => undefined }))
        .then(() => refused, (error: unknown) => error);
      expect(String((outcome as { type?: string; message?: string }).type ?? (outcome as Error).message)).toMatch(/TOPIC_AUTHORIZATION_FAILED|Not authorized/i);
    } finally {
      await consumer.disconnect();
    }
  });

  it('a region that has not opted in gets nothing, stores nothing, and answers alike whether or not anyone signalled', async () => {
    const known = pseudonymOf('999993653');
    const unknown = pseudonymOf('999990408');
    const before = await signalRows();
    const forKnown = await signal(FRYSLAN, { pseudonym: known, region: 'vt-fryslan', birthMonth: '2010-05' });
    const forUnknown = await signal(FRYSLAN, { pseudonym: unknown, region: 'vt-fryslan', birthMonth: '2010-05' });
    expect(forKnown.status).toBe(403);
    expect(forKnown.body).toMatchObject({ error: 'region-not-opted-in', fields: [{ path: 'region', code: 'region-not-opted-in' }] });
    const comparable = (body: Record<string, unknown>) => ({ status: body['status'], error: body['error'], detail: body['detail'], fields: body['fields'] });
    expect(comparable(forUnknown.body)).toEqual(comparable(forKnown.body));
    // An organisation admitted elsewhere is refused there the same way.
    expect(await signal(GGZ, { pseudonym: known, region: 'vt-fryslan', birthMonth: '2010-05' })).toMatchObject({ status: 403, body: { error: 'region-not-opted-in' } });
    expect(await signalRows()).toBe(before);
    const { rows } = await db.query(`select count(*) as n from ${schema}.signal where organisation_id = $1`, [FRYSLAN]);
    expect(rows[0]).toEqual({ n: '0' });
  });

  it('bad input is a 4xx naming the field, and nothing is stored', async () => {
    const before = await signalRows();
    const missing = await signal(GGZ, { region: 'vt-groningen', birthMonth: '2010-05' });
    expect(missing.status).toBe(400);
    expect(missing.body['fields']).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'pseudonym' })]));
    const bsnInstead = await signal(GGZ, { pseudonym: '999993653', region: 'vt-groningen', birthMonth: '2010-05' });
    expect(bsnInstead).toMatchObject({ status: 400, body: { fields: [expect.objectContaining({ path: 'pseudonym' })] } });
    // The refusal never echoes what was sent.
    expect(JSON.stringify(bsnInstead.body)).not.toContain('999993653');
    const tooOld = await signal(GGZ, { pseudonym: pseudonymOf('999990408'), region: 'vt-groningen', birthMonth: '1990-01' });
    expect(tooOld).toMatchObject({ status: 422, body: { fields: [{ path: 'birthMonth', code: 'over-age-limit' }] } });
    const notAdmitted = await signal('ggz-drenthe', { pseudonym: pseudonymOf('999990408'), region: 'vt-groningen', birthMonth: '2010-05' });
    expect(notAdmitted).toMatchObject({ status: 403, body: { error: 'organisation-not-admitted' } });
    const noToken = await fetch(`${service.url}/api/v1/signals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    expect(await signalRows()).toBe(before);
  });

  it("withdrawal stops matches, clears the pseudonym and destroys the signal's key; another organisation cannot withdraw it", async () => {
    const pseudonym = pseudonymOf('999990408');
    const first = await signal(GGZ, { pseudonym, region: 'vt-groningen', birthMonth: '2011-09' });
    const signalId = first.body['signalId'] as string;
    expect(await withdraw(WIJKTEAM, signalId)).toMatchObject({ status: 404, body: { error: 'signal-not-found' } });
    expect(await withdraw(GGZ, signalId)).toMatchObject({ status: 200, body: { signalId } });
    expect(await withdraw(GGZ, signalId)).toMatchObject({ status: 409, body: { error: 'signal-not-active' } });
    const later = await signal(WIJKTEAM, { pseudonym, region: 'vt-groningen', birthMonth: '2011-09' });
    expect(later.status).toBe(201);
    const withdrawn = await waitFor(() => recorded(SIGNAL_WITHDRAWN, signalId), { description: 'SignalWithdrawn on the record' });
    expect(withdrawn.data).toMatchObject({ organisationId: GGZ, actor: `user:partner:${GGZ}:medewerker-${GGZ}` });
    // A match would have been stored in the registration's transaction, committed before the 201: there is none.
    expect(await matchRows(signalId)).toBe(0);
    const { rows } = await db.query(`select s.pseudonym, k.wrapped_key, k.destroyed_at from ${schema}.signal s join ${schema}.person_key k on k.person_id = s.signal_id where s.signal_id = $1`, [signalId]);
    expect(rows).toEqual([{ pseudonym: null, wrapped_key: null, destroyed_at: expect.any(Date) }]);
  });

  it('a signal expires at the end of its term (durable clock): its key is destroyed and it matches nothing any more', async () => {
    const expired = await waitFor(() => recorded(SIGNAL_EXPIRED, expiring), { description: 'SignalExpired on the record', timeoutMs: 30_000 });
    expect(expired.data).toMatchObject({ organisationId: GGZ, actor: 'system:signal-matching' });
    const later = await signal(WIJKTEAM, { pseudonym: expiringPseudonym(), region: 'vt-groningen', birthMonth: '2012-03' });
    expect(later.status).toBe(201);
    expect(await matchRows(expiring)).toBe(0);
    expect(await matchRows(later.body['signalId'] as string)).toBe(0);
    const { rows } = await db.query(`select k.wrapped_key from ${schema}.person_key k where k.person_id = $1`, [expiring]);
    expect(rows).toEqual([{ wrapped_key: null }]);
  });

  it('the auditor verifies the chains on both topics and rebuilds signal and signal_match equal to the live tables', async () => {
    await waitFor(async () => Number(((await db.query(`select count(*) as n from ${schema}.outbox where published_at is null`)).rows[0] as { n: string }).n) === 0 || undefined, { description: 'the outbox drained' });
    const vt = (args: string[]) => vtAuditAsAuditor(env, args);
    const [verify, rebuild] = await Promise.all([
      vt(['verify', '--keys', env.auditKeysFile()]),
      vt(['rebuild', '--database-url', env.adminDatabaseUrl, '--service', 'signal-matching', '--schema', `signal-matching=${schema}`]),
    ]);
    expect({ code: verify.code, findings: (JSON.parse(verify.stdout || '{}') as { findings?: unknown[] }).findings, stderr: verify.stderr }).toEqual({ code: 0, findings: [], stderr: '' });
    const rebuilt = JSON.parse(rebuild.stdout || '{}') as { ok?: boolean; differences?: unknown[]; tables?: { table: string; rebuiltRows: number }[] };
    expect({ code: rebuild.code, ok: rebuilt.ok, differences: rebuilt.differences }).toEqual({ code: 0, ok: true, differences: [] });
    expect(rebuilt.tables?.find((table) => table.table === `${schema}.signal`)?.rebuiltRows).toBeGreaterThan(0);
    expect(rebuilt.tables?.find((table) => table.table === `${schema}.signal_match`)?.rebuiltRows).toBe(1);
  });

  it('refuses to start without the master key the active signals are stored under, saying which key and until when', async () => {
    // One signal held active for the length of this test: this file's term (SIGNAL_TERM) is seconds short, and a
    // service with no active signal has nothing to refuse.
    const held = await signal(GI, { pseudonym: pseudonymOf('999990032'), region: 'vt-groningen', birthMonth: '2011-01' });
    expect(held.status).toBe(201);
    const heldId = held.body['signalId'] as string;
    await db.query(`update ${schema}.signal set expires_at = now() + interval '1 hour' where signal_id = $1`, [heldId]);
    try {
      // A rotation that dropped the old key too early: the signals stored under it could never match again.
      const otherKeys = `mk-other:${randomBytes(32).toString('base64')}`;
      const outcome = await startService('signal-matching', { ...serviceEnv, SIGNAL_TERM: TERM, PERSONAL_DATA_MASTER_KEYS: otherKeys }, { readyTimeoutMs: 90_000 }).then(
        async (started) => {
          await started.stop();
          return new Error('signal-matching started without the master key its active signals are stored under');
        },
        (error: unknown) => error as Error,
      );
      expect(outcome.message).toMatch(
        /signal-matching exited \(1\) before it was ready[\s\S]*active signal\(s\) until [^ ]+ are stored under master key "[^"]+"[^\n]*keep a retired master key configured until the signals stored under it have ended/,
      );
    } finally {
      expect((await withdraw(GI, heldId)).status).toBe(200);
    }
  }, 120_000);

  it('an organisation works from the command line: `vt signals register` sends only the pseudonym, `vt signals matches` shows whom to contact once, `vt signals withdraw` ends the signal', async () => {
    // The key the organisations share, in a file of the organisation's own (hex), as `--key-file` reads it.
    const dir = mkdtempSync(join(tmpdir(), 'vt-signals-'));
    const keyFile = join(dir, 'shared-key.hex');
    writeFileSync(keyFile, sharedKey.toString('hex'), { mode: 0o600 });
    const bsn = '999990020';
    const asOrganisation = (organisationId: string) => {
      const sasl = env.kafkaSasl(partnerPrincipal(organisationId));
      return {
        VT_SIGNAL_MATCHING_URL: service.url,
        VT_PARTNER_TOKEN: env.partnerToken(organisationId),
        KAFKA_BROKERS: env.kafkaBrokers,
        TOPIC_PREFIX: env.topicPrefix,
        ...(sasl ? { VT_PARTNER_USERNAME: sasl.username, VT_PARTNER_PASSWORD: sasl.password } : {}),
      };
    };
    try {
      const register = (organisationId: string) => runVt(['signals', 'register', '--organisation', organisationId, '--bsn', bsn, '--region', 'vt-groningen', '--birth-month', '2011-09', '--key-file', keyFile, '--json'], asOrganisation(organisationId));
      // This file's term (SIGNAL_TERM) is 4 s, for the expiry test; the CLI runs below take longer than that on a
      // loaded machine (CI once withdrew an expired signal here and got a 409). Each signal is held active for the
      // length of this test as soon as it is registered, as the master-key test does; the expiry clock reads the
      // column, so it simply finds nothing due.
      const registerHeld = async (organisationId: string) => {
        const run = await register(organisationId);
        expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
        const signalId = (JSON.parse(run.stdout) as { signalId: string }).signalId;
        const held = await db.query(`update ${schema}.signal set expires_at = now() + interval '1 hour' where signal_id = $1 and status = 'active'`, [signalId]);
        expect({ signalId, heldActive: held.rowCount }).toEqual({ signalId, heldActive: 1 });
        return signalId;
      };
      const giSignal = await registerHeld(GI);
      const ggzSignal = await registerHeld(GGZ);
      // What reached the service is the pseudonym the organisations' key gives, never the BSN.
      const registered = await waitFor(() => recorded(SIGNAL_REGISTERED, giSignal), { description: 'the CLI registration on the record' });
      expect(JSON.stringify(registered)).not.toContain(bsn);
      expect(await matchRows(giSignal)).toBe(1);

      // The match, read as the organisation's own principal from its own topic; a second run finds nothing new.
      const matches = async () => runVt(['signals', 'matches', '--organisation', GI, '--once', '--json'], asOrganisation(GI));
      const first = await waitFor(
        async () => {
          const run = await matches();
          return run.stdout.includes(giSignal) ? run : undefined;
        },
        { description: 'the match in `vt signals matches --once`', timeoutMs: 30_000 },
      );
      expect(first.code).toBe(0);
      const lines = first.stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; event?: Envelope });
      const match = lines.find((line) => line.kind === 'match' && line.event?.data['signalId'] === giSignal)?.event;
      expect(match?.data).toMatchObject({ organisationId: GI, signalId: giSignal, otherSignalId: ggzSignal, contact: { organisationId: GGZ, name: 'GGZ, Groningen' } });
      const again = await matches();
      expect({ code: again.code, stdout: again.stdout }).toEqual({ code: 0, stdout: JSON.stringify({ kind: 'notice', message: `no new matches for ${GI}` }) + '\n' });

      const withdrawn = await runVt(['signals', 'withdraw', '--organisation', GI, '--signal', giSignal], asOrganisation(GI));
      // stderr in the comparison so that a failure says what the CLI said.
      expect({ code: withdrawn.code, stdout: withdrawn.stdout.startsWith(`signal ${giSignal} withdrawn at `), stderr: withdrawn.stderr }).toEqual({ code: 0, stdout: true, stderr: '' });
      expect(await waitFor(() => recorded(SIGNAL_WITHDRAWN, giSignal), { description: 'the CLI withdrawal on the record' })).toBeDefined();
      // Another organisation's signal cannot be withdrawn: the service's 404 as the CLI's exit code 1 and message.
      const foreign = await runVt(['signals', 'withdraw', '--organisation', GI, '--signal', ggzSignal], asOrganisation(GI));
      expect({ code: foreign.code, says404: foreign.stderr.includes('404') }).toEqual({ code: 1, says404: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("never writes a pseudonym, or the BSN one organisation sent by mistake, to the service's log", () => {
    const output = service.output();
    expect(output.length).toBeGreaterThan(0);
    for (const bsn of ['999993653', '999990408', '999990019', '999990020']) {
      expect(output).not.toContain(pseudonymOf(bsn));
      expect(output).not.toContain(bsn);
    }
  });
});
