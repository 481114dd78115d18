import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { keyRing, REBUILD_TOPICS, rebuildFromLog, rebuiltTableName, SERVICE_MODELS, verifyLog } from '@vt/audit';
import { TOPICS, topicSpecFor } from '@vt/contracts';
import { waitForLeaders } from '@vt/messaging';
import { cleanupTestRunDir, redactUrl, resolveInfra, runKafkaSasl, testRunDir, uniqueToken, useInfra, waitForKafkaConsumerGroups, waitForPostgres } from '@vt/testing';
import { benchSigningKeys, GeneratedRecord, ReplayLogGenerator } from './replay-log';
import { ratio, round } from './stats';
import { benchKafka, errorMessage, log, Teardown, TeardownStep } from './support';

const WATCHDOG_MS = 60 * 60_000;

function eventsFromEnv(): number {
  const text = process.env['BENCH_REPLAY_EVENTS']?.trim();
  if (!text) return 1_000_000;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1000 || value > 50_000_000) throw new Error(`BENCH_REPLAY_EVENTS must be a whole number from 1000 to 50000000 (got "${text}")`);
  return value;
}

/** `BENCH_REPLAY_WORKERS=on` (or `off`): verify and rebuild with (without) their worker threads; default as the library decides (verify on with a second core, rebuild off). */
function workersFromEnv(): { worker?: boolean } {
  const text = process.env['BENCH_REPLAY_WORKERS']?.trim();
  if (!text) return {};
  if (text !== 'on' && text !== 'off') throw new Error(`BENCH_REPLAY_WORKERS must be on or off (got "${text}")`);
  return { worker: text === 'on' };
}

/**
 * `BENCH_REPLAY_CPU_PROFILE=<dir>`: a CPU profile of this (the main) thread per phase, `<dir>/<phase>.cpuprofile`
 * (worker threads are not in it). `node --cpu-prof` would profile the whole run, log generation included.
 */
async function profiled<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env['BENCH_REPLAY_CPU_PROFILE']?.trim();
  if (!dir) return work();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${phase}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
    log(`CPU profile of ${phase} in ${path.join(dir, `${phase}.cpuprofile`)}`);
  }
}

const perSecond = (events: number, ms: number) => (ms > 0 ? Math.round((events * 1000) / ms) : 0);

/** The raw floor: a plain kafkajs consumer of a throw-away group, `eachBatch` doing nothing, from the beginning to the high-water marks. */
async function rawConsume(kafka: Kafka, topics: string[]): Promise<{ records: number; ms: number }> {
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, bigint>();
  for (const topic of topics) for (const p of await admin.fetchTopicOffsets(topic)) if (BigInt(p.high) > BigInt(p.low)) remaining.set(`${topic}:${p.partition}`, BigInt(p.high));
  const groupId = `vt-bench-replay-raw-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, maxBytes: 64 * 1024 * 1024, maxBytesPerPartition: 8 * 1024 * 1024, allowAutoTopicCreation: false });
  let records = 0;
  const startedAt = performance.now();
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, (event) => (event.payload.restart ? undefined : reject(event.payload.error)));
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            records += batch.messages.length;
            const id = `${batch.topic}:${batch.partition}`;
            const high = remaining.get(id);
            if (high !== undefined && BigInt(batch.lastOffset()) + 1n >= high) {
              remaining.delete(id);
              if (remaining.size === 0) resolve();
            }
          },
        })
        .catch(reject);
      if (remaining.size === 0) resolve();
    });
    return { records, ms: performance.now() - startedAt };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

interface ProducedLog {
  events: number;
  checkpoints: number;
  households: number;
  /** Wall time of generating and producing, interleaved. */
  ms: number;
  /** Of which generating: building, sealing the free text and personal data, checking against the catalog, chaining and hashing. */
  generateMs: number;
  bytes: number;
  eventsByType: Record<string, number>;
}

async function produceLog(kafka: Kafka, prefix: string, target: number): Promise<ProducedLog> {
  const keys = benchSigningKeys();
  const generator = new ReplayLogGenerator(keys.privateKeys);
  const producer = kafka.producer({ allowAutoTopicCreation: false, maxInFlightRequests: 1, idempotent: true });
  await producer.connect();
  let households = 0;
  let bytes = 0;
  let generateMs = 0;
  const startedAt = performance.now();
  try {
    let pending: GeneratedRecord[] = [];
    const flush = async () => {
      const byTopic = new Map<string, { key: string; value: string }[]>();
      for (const record of pending) {
        const list = byTopic.get(record.topic) ?? [];
        list.push({ key: record.key, value: record.value });
        byTopic.set(record.topic, list);
        bytes += record.value.length;
      }
      pending = [];
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic: prefix + topic, messages })) });
    };
    let nextLog = 100_000;
    while (generator.events < target) {
      const begun = performance.now();
      pending.push(...generator.nextHousehold());
      generateMs += performance.now() - begun;
      households++;
      if (pending.length >= 10_000) await flush();
      if (generator.events >= nextLog) {
        log(`produced ${generator.events.toLocaleString('en-US')} of ${target.toLocaleString('en-US')} events`);
        nextLog += 100_000;
      }
    }
    pending.push(...generator.checkpointsNow());
    await flush();
    const eventsByType = Object.fromEntries([...generator.eventsByType].sort(([a], [b]) => (a < b ? -1 : 1)));
    return { events: generator.events, checkpoints: generator.checkpoints, households, ms: performance.now() - startedAt, generateMs, bytes, eventsByType };
  } finally {
    await producer.disconnect();
    benchPublicKeys = keys.publicKeys;
  }
}

let benchPublicKeys: ReturnType<typeof benchSigningKeys>['publicKeys'] | undefined;

interface ReplayReport {
  benchmark: 'replay';
  timestamp: string;
  ok?: boolean;
  error?: string;
  wallTimeMs?: number;
  environment: Record<string, unknown>;
  log?: Record<string, unknown>;
  rawConsume?: Record<string, unknown>;
  verify?: Record<string, unknown>;
  rebuildWriteOnly?: Record<string, unknown>;
  rebuild?: Record<string, unknown>;
  ratios?: Record<string, number | null>;
  teardown?: TeardownStep[];
}

/** Columns a stand-in live table needs beyond the rebuilt ones: person_key is compared on its destroyed keys only. */
const LIVE_ONLY_COLUMNS: Record<string, string> = { person_key: 'now()::timestamptz as destroyed_at' };

/**
 * `npm run bench -- replay`: a generated log of BENCH_REPLAY_EVENTS events (default 1,000,000) under a fresh
 * topic prefix; the raw kafkajs consume rate of its topics beside `audit verify` and `audit rebuild` over them.
 */
export async function runReplayBenchmark(): Promise<number> {
  const startedAt = performance.now();
  const teardown = new Teardown();
  let interrupted = false;
  const abandon = (why: string, code: number): void => {
    if (interrupted) return;
    interrupted = true;
    log(`${why}: cleaning up and exiting`);
    void teardown.run().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => abandon('SIGINT', 130));
  process.on('SIGTERM', () => abandon('SIGTERM', 143));
  setTimeout(() => abandon(`still running after ${WATCHDOG_MS / 60_000} minutes`, 1), WATCHDOG_MS).unref();

  const report: ReplayReport = {
    benchmark: 'replay',
    timestamp: new Date().toISOString(),
    environment: { node: process.version, cores: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: round(os.totalmem() / 2 ** 30, 1) },
  };
  let failure: unknown;
  let ok = false;
  try {
    const target = eventsFromEnv();
    const runId = `bench-${uniqueToken(10)}`;
    teardown.add('remove the run folder under .local/test-infra', () => cleanupTestRunDir(testRunDir(runId)));
    const infra = await resolveInfra({ runId });
    teardown.add('stop the infrastructure resolveInfra started', () => infra.stop(), 120_000);
    useInfra(infra);
    const sasl = runKafkaSasl();
    await Promise.all([waitForKafkaConsumerGroups(infra.kafkaBrokers, 60_000, sasl), waitForPostgres(infra.databaseUrl)]);
    report.environment['kafkaLogin'] = sasl ? `SASL/SCRAM-SHA-512 as ${sasl.username} (secured broker with ACLs)` : 'plaintext';
    report.environment['kafka'] = infra.kafkaBrokers.join(',');
    report.environment['postgres'] = redactUrl(infra.databaseUrl);

    const token = uniqueToken(8);
    const prefix = `bench-replay-${token}.`;
    const kafka = benchKafka(infra.kafkaBrokers, 'vt-bench-replay');
    const topics = [...REBUILD_TOPICS, TOPICS.auditChainHeads];
    const admin = kafka.admin();
    await admin.connect();
    teardown.add('disconnect the admin client', async () => admin.disconnect());
    await admin.createTopics({ topics: topics.map((topic) => ({ topic: prefix + topic, numPartitions: topicSpecFor(topic).numPartitions, replicationFactor: -1 })), waitForLeaders: false });
    teardown.add(`delete the topics under ${prefix}`, async () => admin.deleteTopics({ topics: topics.map((topic) => prefix + topic) }));
    await waitForLeaders(admin, topics.map((topic) => prefix + topic));

    log(`generating and producing ${target.toLocaleString('en-US')} chained events under ${prefix}`);
    const produced = await produceLog(kafka, prefix, target);
    report.log = {
      topicPrefix: prefix,
      events: produced.events,
      households: produced.households,
      checkpoints: produced.checkpoints,
      averageEventBytes: Math.round(produced.bytes / (produced.events + produced.checkpoints)),
      produce: {
        ms: Math.round(produced.ms),
        eventsPerSecond: perSecond(produced.events, produced.ms),
        generateMs: Math.round(produced.generateMs),
        sendMs: Math.round(produced.ms - produced.generateMs),
        how: 'generated in this process (personal data and free text sealed with AES-256-GCM under in-memory data keys, each event checked against the catalog, chained and hashed), sendBatch of ~10,000, acks=-1, idempotent; not part of any ratio',
      },
      eventsByType: produced.eventsByType,
    };

    log('raw floor: plain kafkajs eachBatch over the same topics');
    const raw = await rawConsume(kafka, topics.map((topic) => prefix + topic));
    const rawRate = perSecond(raw.records, raw.ms);
    report.rawConsume = { records: raw.records, ms: Math.round(raw.ms), recordsPerSecond: rawRate, how: 'kafkajs consumer, eachBatch doing nothing, every topic of the log from the beginning to its high-water marks' };

    log('audit verify (libs/audit verifyLog): signed chain heads, then every chained topic');
    const workers = workersFromEnv();
    report.environment['workers'] =
      workers.worker === undefined ? `library default (verify: ${os.availableParallelism() > 1 ? 'on' : 'off'}, a second core; rebuild: off)` : workers.worker ? 'on' : 'off';
    const verified = await profiled('verify', () => verifyLog({ ...workers, brokers: infra.kafkaBrokers, ...(sasl ? { sasl } : {}), topicPrefix: prefix, keys: keyRing([{ name: 'bench keys', content: benchPublicKeys }]) }));
    const verifyMs = verified.seconds * 1000;
    report.verify = {
      events: verified.stats.events,
      checkpoints: verified.stats.checkpoints,
      findings: verified.findings.length,
      ms: Math.round(verifyMs),
      eventsPerSecond: perSecond(verified.stats.events, verifyMs),
      timings: verified.timings,
      hashedIn: verified.hashedIn,
      how: 'verifyLog: one consumer reads the chain-heads topic, then the chained topics (the raw record value of each event hashed with SHA-256 and parsed once, in a worker thread unless BENCH_REPLAY_WORKERS=off or one core; no re-canonicalisation; one Ed25519 check per checkpoint)',
    };

    const db = new Client({ connectionString: infra.databaseUrl, application_name: 'vt-bench-replay' });
    await db.connect();
    teardown.add('close the database connection', async () => db.end());
    const rebuiltSchema = `bench_rebuilt_${token}`;
    const liveSchemas = Object.fromEntries(SERVICE_MODELS.map((model) => [model.service, `bench_live_${token}_${model.defaultSchema}`]));
    teardown.add('drop the benchmark schemas', async () => {
      for (const schema of [rebuiltSchema, ...Object.values(liveSchemas)]) await db.query(`drop schema if exists "${schema}" cascade`);
    });

    log('audit rebuild, writing only: replay, fold, write the fresh schema (kept as the "live" state)');
    const writeOnly = await profiled('rebuild-write-only', () => rebuildFromLog({ ...workers, kafka, databaseUrl: infra.databaseUrl, topicPrefix: prefix, compare: false, keep: true, schema: rebuiltSchema }));
    report.rebuildWriteOnly = { events: writeOnly.events, notDeployed: writeOnly.notDeployed, timings: writeOnly.timings, eventsPerSecond: writeOnly.eventsPerSecond };

    // Stand-in live databases: copies of what the log determines, so the full comparison runs and finds nothing.
    // A service the log has nothing of (signal matching, shelter placement) is not deployed here: no stand-in schema,
    // so the rebuild leaves it out again (`notDeployed`).
    const leftOut = new Set<string>(writeOnly.notDeployed);
    for (const model of SERVICE_MODELS) {
      if (leftOut.has(model.service)) continue;
      const live = liveSchemas[model.service] as string;
      await db.query(`create schema "${live}"`);
      for (const spec of model.tables) {
        // A table compared on some of its live rows only (`liveRows`) needs the column that filter reads.
        const liveOnly = spec.liveRows ? LIVE_ONLY_COLUMNS[spec.table] : undefined;
        if (spec.liveRows && !liveOnly) throw new Error(`${model.service}.${spec.table} is compared where ${spec.liveRows}: say in LIVE_ONLY_COLUMNS what its stand-in needs`);
        await db.query(`create table "${live}"."${spec.table}" as select *${liveOnly ? `, ${liveOnly}` : ''} from "${rebuiltSchema}"."${rebuiltTableName(model, spec)}"`);
      }
    }
    log('audit rebuild: replay, fold, write a fresh schema and compare with the stand-in live tables');
    const rebuilt = await profiled('rebuild', () => rebuildFromLog({ ...workers, kafka, databaseUrl: infra.databaseUrl, topicPrefix: prefix, liveSchemas }));
    report.rebuild = {
      events: rebuilt.events,
      differences: rebuilt.differenceCount,
      notDeployed: rebuilt.notDeployed,
      ...(rebuilt.differenceCount > 0 ? { firstDifferences: rebuilt.differences.slice(0, 10) } : {}),
      rows: rebuilt.tables.reduce((sum, table) => sum + table.rebuiltRows, 0),
      timings: rebuilt.timings,
      eventsPerSecond: rebuilt.eventsPerSecond,
      how: 'rebuildFromLog: read (eachBatch) and fold in memory, write every table with COPY into unlogged tables (parts of 20,000 rows over two connections), compare each with EXCEPT ALL both ways (tables shared over the two connections)',
    };
    report.ratios = {
      verifyOverRawConsume: ratio(perSecond(verified.stats.events, verifyMs), rawRate),
      rebuildOverRawConsume: ratio(rebuilt.eventsPerSecond, rawRate),
      rebuildWriteOnlyOverRawConsume: ratio(writeOnly.eventsPerSecond, rawRate),
    };
    ok = verified.findings.length === 0 && rebuilt.ok && rebuilt.events === produced.events;
  } catch (error) {
    failure = error;
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    log('tearing down');
    report.teardown = await teardown.run();
  }
  report.ok = failure === undefined && ok && (report.teardown ?? []).every((step) => step.ok);
  if (failure !== undefined) report.error = errorMessage(failure).split('\n')[0];
  report.wallTimeMs = Math.round(performance.now() - startedAt);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return report.ok ? 0 : 1;
}
