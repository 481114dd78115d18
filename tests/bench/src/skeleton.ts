import { waitForLeaders } from '@vt/messaging';
import { ACUTE_CHECK_COMPLETED, CloudEvent, CRISIS_INTERVENTION_REQUESTED, PARTNER_REFERRAL_ISSUED_V2, PartnerReferralIssuedV2Data, partnerReferralsTopic, TOPICS, topicSpecFor } from '@vt/contracts';
import { AppName, expectedHouseholdReference, RunningService, startService, testEnvironment } from '@vt/testing';
import os from 'node:os';
import { CpuPerUnit, cpuPerUnit, cpuSnapshot } from './cpu';
import { Summary, round, summarize } from './stats';
import { Teardown, benchKafka, errorMessage, log, sleep, withTimeout } from './support';

/** The walking skeleton's chain, in the order an acute melding travels it; each service is one hop. */
const CHAIN: { name: AppName; schema: string }[] = [
  { name: 'intake', schema: 'intake' },
  { name: 'crisis-triage', schema: 'crisis_triage' },
  { name: 'safety-investigation', schema: 'safety_investigation' },
  { name: 'referral', schema: 'referral' },
];
export const HOPS = CHAIN.length;

const PARTNER_ID = 'lokaal-team-gm0363';
/**
 * A melding about a new household each time: no BSN and no date of birth, so radar finds no earlier case
 * and every melding opens a household of its own, which is what the latency is matched on. Only an
 * assessment outcome refers a household: the bench plays the triage worker and posts the
 * veiligheidsbeoordeling (`overdracht-lokaal-team`) as soon as it reads the melding's AcuteCheckCompleted,
 * so the measured path is intake POST → acute check → assessment POST → referral → partner topic.
 */
const melding = (): string =>
  JSON.stringify({
    // Received the moment it is sent: a live call, registered at once.
    receivedAt: new Date().toISOString(),
    channel: 'telefoon',
    melder: { kind: 'professional', sector: 'politie-justitie', role: 'melder', name: 'Agent Test', phone: '0201234567' },
    household: { gemeenteCode: 'GM0363', postcode: '1011ab', houseNumber: '1' },
    persons: [{ role: 'victim', name: 'Test Persoon' }],
    concerns: { aard: ['ex-partnergeweld'], account: 'Buren hoorden geschreeuw en glasgerinkel.' },
    acuteIndication: { indicated: true, ground: 'threat', signals: ['physical-violence'] },
  });

export interface SkeletonOptions {
  ratePerSecond: number;
  durationSeconds: number;
  warmupRequests: number;
  /** How long to wait, after the last request, for the partner records still on their way. */
  drainTimeoutMs: number;
  serviceReadyTimeoutMs: number;
  requestTimeoutMs: number;
  serviceStopTimeoutMs: number;
  consumerMaxWaitTimeInMs: number;
}

export interface SkeletonResult {
  hops: number;
  services: AppName[];
  topicPrefix: string;
  partnerTopic: string;
  benchConsumer: { maxWaitTimeInMs: number };
  serviceStartMs: number;
  warmup: { requests: number; received: number; ms: number };
  ratePerSecond: number;
  durationSeconds: number;
  sent: number;
  accepted: number;
  rejected: number;
  received: number;
  lost: number;
  duplicates: number;
  unmatchedRecords: number;
  achievedRatePerSecond: number | null;
  /** How late each request left compared with its open-loop schedule. */
  sendLagMs: Summary;
  /** From sending the POST to the partner record arriving at the bench's consumer. */
  intakeToPartnerMs: Summary | null;
  /** From sending the POST to the 201 response body being read. */
  http201Ms: Summary | null;
  acutePath: { from: string; to: string; received: number; lost: number; ms: Summary | null };
  rejections: string[];
  /**
   * CPU per accepted melding over the measured window (first POST until every partner record arrived): per
   * service process, their sum, and the whole machine (services, broker, Postgres, the bench itself).
   */
  cpuPerMelding: CpuPerUnit;
  /**
   * What each service spends with nothing to do (polling loops, heartbeats, metrics), in CPU-ms per second,
   * over `idleWindowMs` after the warm-up drained: part of `cpuPerMelding` is this, paid whatever the load.
   */
  idleCpuMsPerSecond: Record<string, number | null>;
  idleWindowMs: number;
  /** Lines with ERROR or WARN in each service's output, up to the end of the measurement. */
  serviceLogProblemLines: Record<string, number>;
}

interface Posted {
  sentAt: number;
  respondedAt?: number;
  status?: number;
  householdId?: string;
  error?: string;
}

/** Remembers when each household's record (found by `householdOf`) first arrived. */
class TopicWatcher {
  readonly arrivals = new Map<string, number>();
  duplicates = 0;
  unmatched = 0;

  constructor(private readonly householdOf: (value: Buffer | null) => string | undefined) {}

  record(value: Buffer | null, arrivedAt: number): void {
    const householdReference = this.householdOf(value);
    if (householdReference === undefined) this.unmatched += 1;
    else if (this.arrivals.has(householdReference)) this.duplicates += 1;
    else this.arrivals.set(householdReference, arrivedAt);
  }

  /** Waits until every id has arrived or the time is up; returns the ids still missing. */
  async waitForAll(ids: string[], timeoutMs: number): Promise<string[]> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const missing = ids.filter((id) => !this.arrivals.has(id));
      if (missing.length === 0 || performance.now() >= deadline) return missing;
      await sleep(20);
    }
  }
}

/** The acute path ends when the crisis function can read the request: CrisisInterventionRequested on the triage topic. */
function crisisRequestHousehold(value: Buffer | null): string | undefined {
  try {
    const event = JSON.parse(value?.toString('utf8') ?? '') as Partial<CloudEvent<string, { householdId?: unknown }>>;
    return event.type === CRISIS_INTERVENTION_REQUESTED && typeof event.data?.householdId === 'string' ? event.data.householdId : undefined;
  } catch {
    return undefined;
  }
}

/** The melding id of an AcuteCheckCompleted record: the bench then completes its veiligheidsbeoordeling. */
function checkedMelding(value: Buffer | null): string | undefined {
  try {
    const event = JSON.parse(value?.toString('utf8') ?? '') as Partial<CloudEvent<string, { meldingId?: unknown }>>;
    return event.type === ACUTE_CHECK_COMPLETED && typeof event.data?.meldingId === 'string' ? event.data.meldingId : undefined;
  } catch {
    return undefined;
  }
}

function partnerHouseholdReference(value: Buffer | null): string | undefined {
  try {
    const event = JSON.parse(value?.toString('utf8') ?? '') as Partial<CloudEvent<string, Partial<PartnerReferralIssuedV2Data>>>;
    return event.type === PARTNER_REFERRAL_ISSUED_V2 && typeof event.data?.householdReference === 'string' ? event.data.householdReference : undefined;
  } catch {
    return undefined;
  }
}

async function postMelding(intakeUrl: string, headers: Record<string, string>, timeoutMs: number): Promise<Posted> {
  const sentAt = performance.now();
  try {
    const response = await fetch(`${intakeUrl}/api/v1/meldingen`, {
      method: 'POST',
      headers,
      body: melding(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { householdId?: unknown };
    const respondedAt = performance.now();
    if (response.status === 201 && typeof body.householdId === 'string') return { sentAt, respondedAt, status: response.status, householdId: body.householdId };
    return { sentAt, respondedAt, status: response.status, error: `HTTP ${response.status}: ${JSON.stringify(body).slice(0, 300)}` };
  } catch (error) {
    return { sentAt, error: errorMessage(error) };
  }
}

/** Sends `count` requests on a fixed schedule, never waiting for earlier answers before sending the next. */
async function openLoop(count: number, ratePerSecond: number, send: () => Promise<Posted>): Promise<{ posted: Posted[]; lags: number[] }> {
  const intervalMs = 1000 / ratePerSecond;
  const startAt = performance.now();
  const inflight: Promise<Posted>[] = [];
  const lags: number[] = [];
  for (let i = 0; i < count; i++) {
    const due = startAt + i * intervalMs;
    while (performance.now() < due) await sleep(due - performance.now());
    lags.push(performance.now() - due);
    inflight.push(send());
  }
  return { posted: await Promise.all(inflight), lags };
}

function summarizeOrNull(samples: number[]): Summary | null {
  return samples.length > 0 ? summarize(samples) : null;
}

function problemLines(service: RunningService): string[] {
  return service
    .output()
    .split('\n')
    .filter((line) => /\b(ERROR|WARN)\b/.test(line));
}

async function startChain(env: ReturnType<typeof testEnvironment>, options: SkeletonOptions, teardown: Teardown): Promise<RunningService[]> {
  const started = await Promise.allSettled(
    CHAIN.map(async ({ name, schema }) => {
      const service = await startService(name, await env.serviceEnv(schema), { readyTimeoutMs: options.serviceReadyTimeoutMs });
      teardown.add(`stop ${name}`, () => stopService(service, options.serviceStopTimeoutMs), options.serviceStopTimeoutMs + 10_000);
      return service;
    }),
  );
  const failures = started.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failures.length > 0) throw new Error(`services failed to start:\n${failures.map((failure) => errorMessage(failure.reason)).join('\n')}`);
  return started.map((result) => (result as PromiseFulfilledResult<RunningService>).value);
}

/** SIGTERM, then SIGKILL if it does not exit in time; an exit other than by SIGTERM or code 0 is reported with the output. */
async function stopService(service: RunningService, timeoutMs: number): Promise<string> {
  const startedAt = performance.now();
  try {
    await withTimeout(service.stop(), timeoutMs, `${service.name} to exit after SIGTERM`);
  } catch (error) {
    await service.kill();
    throw new Error(`${errorMessage(error)}; killed it. Its output:\n${service.output().slice(-4000)}`);
  }
  const { exitCode, signalCode } = service.process;
  const how = exitCode !== null ? `exit code ${exitCode}` : `signal ${String(signalCode)}`;
  if (exitCode !== 0 && signalCode !== 'SIGTERM') throw new Error(`${service.name} ended with ${how}; its output:\n${service.output().slice(-4000)}`);
  return `${how}, ${Math.round(performance.now() - startedAt)} ms after SIGTERM`;
}

/**
 * Starts the four services on their own schemas and topic prefix, reads the lokaal team's partner topic
 * with a plain consumer, and times acute meldingen from the intake POST to the partner record.
 * Everything it starts is registered with `teardown`.
 */
export async function measureSkeleton(brokers: string[], options: SkeletonOptions, teardown: Teardown): Promise<SkeletonResult> {
  const env = testEnvironment();
  teardown.add('drop the service schemas and roles', () => env.cleanup());
  const kafka = benchKafka(brokers, 'vt-bench-skeleton');
  const admin = kafka.admin();
  await admin.connect();
  teardown.add('disconnect the admin client', () => admin.disconnect());
  teardown.add(`delete topics and groups prefixed ${env.topicPrefix}`, async () => {
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((id) => id.startsWith(env.topicPrefix));
    if (groups.length > 0) await admin.deleteGroups(groups);
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(env.topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    return `${topics.length} topics, ${groups.length} groups`;
  });

  const logicalPartnerTopic = partnerReferralsTopic(PARTNER_ID);
  const partnerTopic = `${env.topicPrefix}${logicalPartnerTopic}`;
  const spec = topicSpecFor(logicalPartnerTopic);
  const triageTopic = `${env.topicPrefix}${TOPICS.triageAssessments}`;
  const triageSpec = topicSpecFor(TOPICS.triageAssessments);
  await admin.createTopics({
    topics: [
      { topic: partnerTopic, numPartitions: spec.numPartitions, replicationFactor: -1, configEntries: [{ name: 'retention.ms', value: String(spec.retentionMs) }] },
      { topic: triageTopic, numPartitions: triageSpec.numPartitions, replicationFactor: -1, configEntries: [{ name: 'retention.ms', value: String(triageSpec.retentionMs) }] },
    ],
    waitForLeaders: false,
  });
  await waitForLeaders(admin, [partnerTopic, triageTopic]);

  const watcher = new TopicWatcher(partnerHouseholdReference);
  // The partner record names the household by the partner's own reference (docs/adr/0016), derived from the run's key.
  const refOf = (householdId: string) => expectedHouseholdReference(env.partnerReferenceKey, PARTNER_ID, householdId);
  const crisisWatcher = new TopicWatcher(crisisRequestHousehold);
  const groupId = `${env.topicPrefix}vt-bench-partner-reader`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: options.consumerMaxWaitTimeInMs, allowAutoTopicCreation: false });
  await consumer.connect();
  teardown.add('disconnect the partner-topic consumer', () => consumer.disconnect());
  const joined = new Promise<void>((resolve) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => {
      off();
      resolve();
    });
  });
  await consumer.subscribe({ topics: [partnerTopic, triageTopic], fromBeginning: true });
  const triage: { url?: string } = {};
  const assessments: Promise<void>[] = [];
  const assessmentFailures: string[] = [];
  const triageWorker = env.authHeaders(['triage']);
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const arrivedAt = performance.now();
      if (topic === partnerTopic) watcher.record(message.value, arrivedAt);
      else {
        crisisWatcher.record(message.value, arrivedAt);
        const meldingId = checkedMelding(message.value);
        if (meldingId && triage.url) {
          assessments.push(
            fetch(`${triage.url}/api/v1/meldingen/${meldingId}/safety-assessment`, {
              method: 'POST',
              headers: triageWorker,
              body: JSON.stringify({ taxatie: 'acuut', outcome: 'overdracht-lokaal-team', reasoning: 'Bench: overdracht aan het lokaal team.' }),
            }).then(
              (response) => {
                if (response.status !== 201) assessmentFailures.push(`assessment of ${meldingId}: HTTP ${response.status}`);
              },
              (error: unknown) => {
                assessmentFailures.push(`assessment of ${meldingId}: ${errorMessage(error)}`);
              },
            ),
          );
        }
      }
    },
  });
  await withTimeout(joined, 30_000, `the partner-topic consumer to join group ${groupId}`);

  log(`starting ${CHAIN.map((service) => service.name).join(', ')} (topic prefix ${env.topicPrefix})`);
  const serviceStartedAt = performance.now();
  const services = await startChain(env, options, teardown);
  const serviceStartMs = Math.round(performance.now() - serviceStartedAt);
  const callHandler = env.authHeaders(['call-handler']);
  const intake = services.find((service) => service.name === 'intake');
  if (!intake) throw new Error('intake did not start');
  triage.url = services.find((service) => service.name === 'crisis-triage')?.url;
  const outputTails = (): string => services.map((service) => `--- ${service.name} output ---\n${service.output().slice(-3000)}`).join('\n');

  log(`services ready in ${serviceStartMs} ms; warming up with ${options.warmupRequests} meldingen`);
  const warmupStartedAt = performance.now();
  const warmup = await openLoop(options.warmupRequests, options.ratePerSecond, () => postMelding(intake.url, callHandler, options.requestTimeoutMs));
  const warmupIds = warmup.posted.flatMap((posted) => (posted.householdId ? [posted.householdId] : []));
  if (warmupIds.length < options.warmupRequests) {
    const errors = warmup.posted.flatMap((posted) => (posted.error ? [posted.error] : []));
    throw new Error(`warm-up: intake accepted ${warmupIds.length} of ${options.warmupRequests} meldingen: ${errors.slice(0, 3).join('; ')}\n${outputTails()}`);
  }
  const warmupMissing = await watcher.waitForAll(warmupIds.map(refOf), 60_000);
  if (warmupMissing.length > 0) throw new Error(`warm-up: ${warmupMissing.length} of ${warmupIds.length} partner records did not arrive within 60 s\n${outputTails()}`);
  const warmupMs = Math.round(performance.now() - warmupStartedAt);

  const count = Math.round(options.ratePerSecond * options.durationSeconds);
  const pids = Object.fromEntries(services.map((service) => [service.name, service.process.pid]));
  await Promise.all(assessments);
  const idleWindowMs = 10_000;
  log(`measuring what the services spend idle for ${idleWindowMs / 1000} s`);
  const idleBefore = cpuSnapshot(pids);
  await sleep(idleWindowMs);
  const idle = cpuPerUnit(idleBefore, cpuSnapshot(pids), idleWindowMs / 1000, os.availableParallelism());

  log(`measuring: ${count} meldingen at ${options.ratePerSecond}/s`);
  const cpuBefore = cpuSnapshot(pids);
  const run = await openLoop(count, options.ratePerSecond, () => postMelding(intake.url, callHandler, options.requestTimeoutMs));
  const accepted = run.posted.filter((posted): posted is Posted & { householdId: string; respondedAt: number } => posted.householdId !== undefined);
  const missing = new Set(await watcher.waitForAll(accepted.map((posted) => refOf(posted.householdId)), options.drainTimeoutMs));
  const crisisMissing = await crisisWatcher.waitForAll(accepted.map((posted) => posted.householdId), options.drainTimeoutMs);
  const cpu = cpuPerUnit(cpuBefore, cpuSnapshot(pids), accepted.length, os.availableParallelism());
  const acutePath = accepted.flatMap((posted) => {
    const arrivedAt = crisisWatcher.arrivals.get(posted.householdId);
    return arrivedAt === undefined ? [] : [arrivedAt - posted.respondedAt];
  });
  const endToEnd = accepted.flatMap((posted) => {
    const arrivedAt = watcher.arrivals.get(refOf(posted.householdId));
    return arrivedAt === undefined ? [] : [arrivedAt - posted.sentAt];
  });
  await Promise.all(assessments);
  if (assessmentFailures.length > 0) log(`${assessmentFailures.length} assessments failed, e.g. ${assessmentFailures.slice(0, 3).join('; ')}`);
  const problems = Object.fromEntries(services.map((service) => [service.name, problemLines(service)]));
  const rejected = run.posted.length - accepted.length;
  if (missing.size > 0 || rejected > 0) log(`${missing.size} lost, ${rejected} rejected; service output follows\n${outputTails()}`);
  for (const [name, lines] of Object.entries(problems)) if (lines.length > 0) log(`${name} logged ${lines.length} ERROR/WARN lines, the last ones:\n${lines.slice(-10).join('\n')}`);

  const first = run.posted[0];
  const last = run.posted[run.posted.length - 1];
  return {
    hops: HOPS,
    services: CHAIN.map((service) => service.name),
    topicPrefix: env.topicPrefix,
    partnerTopic,
    benchConsumer: { maxWaitTimeInMs: options.consumerMaxWaitTimeInMs },
    serviceStartMs,
    warmup: { requests: options.warmupRequests, received: warmupIds.length, ms: warmupMs },
    ratePerSecond: options.ratePerSecond,
    durationSeconds: options.durationSeconds,
    sent: run.posted.length,
    accepted: accepted.length,
    rejected,
    received: endToEnd.length,
    lost: missing.size,
    duplicates: watcher.duplicates,
    unmatchedRecords: watcher.unmatched,
    achievedRatePerSecond: first && last && last.sentAt > first.sentAt ? round(((run.posted.length - 1) * 1000) / (last.sentAt - first.sentAt), 2) : null,
    sendLagMs: summarize(run.lags),
    intakeToPartnerMs: summarizeOrNull(endToEnd),
    http201Ms: summarizeOrNull(accepted.map((posted) => posted.respondedAt - posted.sentAt)),
    acutePath: {
      from: 'HTTP 201 (melding accepted, committed)',
      to: `CrisisInterventionRequested readable on ${triageTopic}`,
      received: acutePath.length,
      lost: crisisMissing.length,
      ms: summarizeOrNull(acutePath),
    },
    rejections: [...new Set(run.posted.flatMap((posted) => (posted.householdId === undefined && posted.error ? [posted.error] : [])))].slice(0, 5),
    cpuPerMelding: cpu,
    idleCpuMsPerSecond: idle.perProcessMs,
    idleWindowMs,
    serviceLogProblemLines: Object.fromEntries(Object.entries(problems).map(([name, lines]) => [name, lines.length])),
  };
}
