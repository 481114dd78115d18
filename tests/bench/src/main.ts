import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KAFKA_IMAGE, REPO_ROOT, cleanupTestRunDir, redactUrl, resolveInfra, runKafkaSasl, testRunDir, uniqueToken, useInfra, waitForKafkaConsumerGroups, waitForPostgres } from '@vt/testing';
import { CONSUMER_MAX_WAIT_MS } from '@vt/messaging';
import { KafkaRoundTripResult, PostgresInsertResult, measureKafkaRoundTrip, measurePostgresInsert } from './raw-floor';
import { runReplayBenchmark } from './replay';
import { runTriageQueueBenchmark } from './triage-queue-render';
import { HOPS, SkeletonResult, measureSkeleton } from './skeleton';
import { ratio, round } from './stats';
import { Teardown, TeardownStep, errorMessage, log } from './support';

/** Nothing here may run longer than this, whatever hangs; teardown then still runs. */
const WATCHDOG_MS = 20 * 60_000;

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const text = process.env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${text}")`);
  return value;
}

function packageVersion(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

function pinnedKafkaVersion(): string {
  const pom = fs.readFileSync(path.join(REPO_ROOT, 'infra', 'kafka', 'pom.xml'), 'utf8');
  return /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pom)?.[1] ?? 'unknown';
}

function kafkaVersion(from: string): { version: string; from: string } {
  if (from === 'local') return { version: pinnedKafkaVersion(), from: 'infra/kafka/pom.xml <kafka.version>, the jars the local launcher ran' };
  if (from === 'docker') return { version: KAFKA_IMAGE.split(':')[1] ?? 'unknown', from: `the image ${KAFKA_IMAGE}` };
  return { version: 'unknown', from: `KAFKA_BROKERS from the environment; the repository pins ${pinnedKafkaVersion()} (infra/kafka/pom.xml)` };
}

function describeSource(from: string, variable: string, launcher: string, runId: string): string {
  if (from === 'env') return `${variable} from the environment; left running`;
  if (from === 'docker') return 'a throw-away container on the Docker engine, removed at the end';
  return `started for this run by ${launcher} (through resolveInfra) in .local/test-infra/${runId}, stopped and deleted at the end`;
}

interface Report {
  benchmark: 'intake-to-partner-latency';
  timestamp: string;
  wallTimeMs?: number;
  ok?: boolean;
  error?: string;
  environment: Record<string, unknown>;
  infra?: Record<string, unknown>;
  rawFloor?: { kafkaRoundTrip: KafkaRoundTripResult; postgresInsert: PostgresInsertResult };
  skeleton?: SkeletonResult;
  ratios?: Record<string, number | null>;
  teardown?: TeardownStep[];
}

function ratios(kafka: KafkaRoundTripResult, postgres: PostgresInsertResult, skeleton: SkeletonResult): Record<string, number | null> {
  const endToEnd = skeleton.intakeToPartnerMs;
  if (!endToEnd) return {};
  const perHopP50 = endToEnd.p50 / HOPS;
  const hopFloorP50 = kafka.roundTripMs.p50 + postgres.insertCommitMs.p50;
  return {
    skeletonP50OverKafkaRoundTripP50: ratio(endToEnd.p50, kafka.roundTripMs.p50),
    skeletonP99OverKafkaRoundTripP99: ratio(endToEnd.p99, kafka.roundTripMs.p99),
    perHopP50Ms: round(perHopP50, 3),
    perHopP50OverKafkaRoundTripP50: ratio(perHopP50, kafka.roundTripMs.p50),
    hopFloorP50Ms: round(hopFloorP50, 3),
    perHopP50OverHopFloorP50: ratio(perHopP50, hopFloorP50),
    acutePathP50OverKafkaRoundTripP50: skeleton.acutePath.ms ? ratio(skeleton.acutePath.ms.p50, kafka.roundTripMs.p50) : null,
    acutePathP99OverKafkaRoundTripP99: skeleton.acutePath.ms ? ratio(skeleton.acutePath.ms.p99, kafka.roundTripMs.p99) : null,
  };
}

async function main(): Promise<number> {
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

  const config = {
    kafka: { warmup: 50, samples: intFromEnv('BENCH_KAFKA_SAMPLES', 500, 10, 100_000), valueBytes: 512, maxWaitTimeInMs: 10, sampleTimeoutMs: 10_000 },
    postgres: { warmup: 50, rows: intFromEnv('BENCH_PG_ROWS', 1000, 10, 1_000_000), rowBytes: 512 },
    skeleton: {
      ratePerSecond: intFromEnv('BENCH_RATE', 20, 1, 1000),
      durationSeconds: intFromEnv('BENCH_DURATION_S', 60, 1, 600),
      warmupRequests: 20,
      drainTimeoutMs: 30_000,
      serviceReadyTimeoutMs: 120_000,
      requestTimeoutMs: 10_000,
      serviceStopTimeoutMs: 30_000,
      // What the services use (CONSUMER_MAX_WAIT_MS): the broker answers a fetch as soon as a record arrives, so this
      // bounds only idle polling. At 10 ms the bench's own reader made ~100 fetches a second: the broker spent ~200
      // CPU-ms a second and the bench ~80 serving it while idle, CPU taken from what is measured (tests/bench/README.md).
      consumerMaxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
    },
  };

  const report: Report = {
    benchmark: 'intake-to-partner-latency',
    timestamp: new Date().toISOString(),
    environment: {
      node: process.version,
      kafkajs: packageVersion('kafkajs'),
      pg: packageVersion('pg'),
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    },
  };

  let failure: unknown;
  try {
    const given = { kafka: Boolean(process.env['KAFKA_BROKERS']?.trim()), postgres: Boolean(process.env['DATABASE_URL']?.trim()) };
    const runId = `bench-${uniqueToken(10)}`;
    teardown.add('remove the run folder under .local/test-infra', () => cleanupTestRunDir(testRunDir(runId)));
    log(given.kafka && given.postgres ? 'using KAFKA_BROKERS and DATABASE_URL from the environment' : 'starting throw-away infrastructure (resolveInfra)');
    const infraStartedAt = performance.now();
    const infra = await resolveInfra({ runId });
    teardown.add('stop the infrastructure resolveInfra started', () => infra.stop(), 120_000);
    useInfra(infra);
    await Promise.all([waitForKafkaConsumerGroups(infra.kafkaBrokers, 60_000, runKafkaSasl()), waitForPostgres(infra.databaseUrl)]);
    const kafkaFrom = given.kafka ? 'env' : infra.source;
    const postgresFrom = given.postgres ? 'env' : infra.source;
    report.environment['kafka'] = kafkaVersion(kafkaFrom);
    report.infra = {
      kafka: { brokers: infra.kafkaBrokers, from: kafkaFrom, detail: describeSource(kafkaFrom, 'KAFKA_BROKERS', 'infra/kafka/kafka.mjs', runId) },
      postgres: { url: redactUrl(infra.databaseUrl), from: postgresFrom, detail: describeSource(postgresFrom, 'DATABASE_URL', 'infra/postgres/postgres.mjs', runId) },
      readyMs: Math.round(performance.now() - infraStartedAt),
    };
    log(`infrastructure ready in ${String(report.infra['readyMs'])} ms: Kafka ${infra.kafkaBrokers.join(',')} (${kafkaFrom}), Postgres ${redactUrl(infra.databaseUrl)} (${postgresFrom})`);

    log(`raw floor: ${config.kafka.samples} Kafka round trips`);
    const kafkaRoundTrip = await measureKafkaRoundTrip(infra.kafkaBrokers, config.kafka);
    log(`raw floor: ${config.postgres.rows} Postgres inserts`);
    const postgresInsert = await measurePostgresInsert(infra.databaseUrl, config.postgres);
    report.rawFloor = { kafkaRoundTrip, postgresInsert };

    const skeleton = await measureSkeleton(infra.kafkaBrokers, config.skeleton, teardown);
    report.skeleton = skeleton;
    report.ratios = ratios(kafkaRoundTrip, postgresInsert, skeleton);
  } catch (error) {
    failure = error;
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    log('tearing down');
    report.teardown = await teardown.run();
  }
  const lostOrRejected = report.skeleton ? report.skeleton.lost + report.skeleton.rejected : 0;
  const teardownFailed = (report.teardown ?? []).some((step) => !step.ok);
  report.ok = failure === undefined && lostOrRejected === 0 && !teardownFailed;
  if (failure !== undefined) report.error = errorMessage(failure).split('\n')[0];
  report.wallTimeMs = Math.round(performance.now() - startedAt);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return report.ok ? 0 : 1;
}

// `npm run bench -- replay`: the replay benchmark (tests/bench/src/replay.ts) instead of the latency one;
// `npm run bench -- triage-queue`: the workspace's triage queue in Chromium (tests/bench/src/triage-queue-render.ts).
(process.argv[2] === 'replay' ? runReplayBenchmark() : process.argv[2] === 'triage-queue' ? runTriageQueueBenchmark() : main()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`crashed: ${errorMessage(error)}`);
    process.exitCode = 1;
  },
);
