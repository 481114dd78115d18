import { availableParallelism } from 'node:os';
import { TOPICS } from '@vt/contracts';
import { AuditLogConnection, AuditRawRecord, auditKafka, readAuditLog } from '../log-reader';
import { ChainFieldsWorker } from './chain-fields-worker';
import { ChainVerifier, Finding, isChainedTopic, isUnchainedTopic, UnknownKey, VerifyStats } from './chain-verifier';
import { KeyRing } from './public-keys';

export interface VerifyLogOptions extends AuditLogConnection {
  keys: KeyRing;
  /** One topic (logical name); default every chained topic on the broker under the prefix. */
  topic?: string;
  householdId?: string;
  warn?(message: string): void;
  timeoutMs?: number;
  /**
   * Hash and parse the events in a worker thread while this thread reads the log and runs the checks (default on
   * when the machine has a second core, `os.availableParallelism() > 1`; `false` keeps everything on this thread).
   * Only where the work runs changes; the findings are the same (tests/bench/README.md has the measurements).
   */
  worker?: boolean;
}

export interface VerifyLogReport {
  topics: { topic: string; records: number }[];
  /** Topics left out because they carry no chains: dead letters and partner responses. */
  excluded: string[];
  findings: Finding[];
  stats: VerifyStats;
  /** Key ids that signed checkpoints but whose public keys were not given: their events are `unverifiable`. */
  unknownKeys: UnknownKey[];
  seconds: number;
  /** Where the events were hashed and parsed: a worker thread, or this thread (no second core, or the worker failed). */
  hashedIn: 'worker' | 'main';
  /** Where the time went: listing the topics, reading the signed chain heads, reading and checking the events, finishing. */
  timings: { listMs: number; checkpointsMs: number; eventsMs: number; finishMs: number };
}

/**
 * Handed to the worker and not applied yet: beyond this many batches or bytes the reading waits for the oldest. Wide,
 * so the reading rarely waits on a round trip to the worker (a batch is one partition's records of one fetch, often
 * few), while the memory it may hold stays bounded.
 */
const BATCHES_IN_FLIGHT = 512;
const BYTES_IN_FLIGHT = 64 * 1024 * 1024;

/**
 * Feeds batches of events to the verifier in the order read, their hashing and parsing done by a worker thread
 * when there is one: the worker works on the next batches while the verifier checks the earlier ones. A batch the
 * worker does not answer (it failed) is hashed and parsed here, by `addEvent`.
 */
export class EventFeed {
  private readonly queue: { applied: Promise<void>; bytes: number }[] = [];
  private bytesInFlight = 0;
  private tail: Promise<void> = Promise.resolve();
  private workerFailed = false;

  constructor(
    private readonly verifier: ChainVerifier,
    private readonly worker: ChainFieldsWorker | undefined,
  ) {}

  get usedWorker(): boolean {
    return this.worker !== undefined && !this.workerFailed;
  }

  async add(records: AuditRawRecord[]): Promise<void> {
    const worker = this.worker;
    if (!worker || this.workerFailed) {
      await this.tail;
      for (const record of records) this.verifier.addEvent({ topic: record.topic, partition: record.partition, offset: record.offset, value: record.value });
      return;
    }
    // Until it is applied, a batch holds only its places and its values' shared copy, not the records (nor, through
    // their values, the fetched responses they are slices of).
    const count = records.length;
    const topics: string[] = new Array(count);
    const partitions = new Int32Array(count);
    const offsets: string[] = new Array(count);
    const values: (Buffer | null)[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const record = records[i] as AuditRawRecord;
      topics[i] = record.topic;
      partitions[i] = record.partition;
      offsets[i] = record.offset;
      values[i] = record.value;
    }
    const packed = worker.pack(values);
    const computed = worker.runPacked(packed).catch(() => undefined);
    const applied = this.tail.then(async () => {
      const batch = await computed;
      for (let i = 0; i < count; i++) {
        const place = { topic: topics[i] as string, partition: partitions[i] as number, offset: offsets[i] as string };
        // A batch the worker did not answer (it failed) is hashed and parsed here, from the shared copy.
        if (batch) this.verifier.addChainFields(place, batch.fields[i] ?? undefined, batch.sums.subarray(32 * i, 32 * i + 32));
        else this.verifier.addEvent({ ...place, value: ChainFieldsWorker.valueAt(packed, i) });
      }
      if (!batch) this.workerFailed = true;
      worker.release(packed);
    });
    this.tail = applied;
    const bytes = packed.bytes.byteLength;
    this.queue.push({ applied, bytes });
    this.bytesInFlight += bytes;
    while (this.queue.length > BATCHES_IN_FLIGHT || this.bytesInFlight > BYTES_IN_FLIGHT) {
      const oldest = this.queue.shift() as { applied: Promise<void>; bytes: number };
      await oldest.applied;
      this.bytesInFlight -= oldest.bytes;
    }
  }

  /** Every batch given so far, applied. */
  async drained(): Promise<void> {
    await this.tail;
    this.queue.length = 0;
    this.bytesInFlight = 0;
  }
}

/** Reads the signed chain heads, then the chained topics, each once from the beginning, and verifies them. */
export async function verifyLog(options: VerifyLogOptions): Promise<VerifyLogReport> {
  const started = process.hrtime.bigint();
  const since = (from: bigint) => Math.round(Number(process.hrtime.bigint() - from) / 1e6);
  const prefix = options.topicPrefix ?? '';
  const useWorker = (options.worker ?? true) && availableParallelism() > 1;
  // Started first: the worker loads its code while the topics and the chain heads are read.
  const worker = useWorker ? ChainFieldsWorker.start() : undefined;
  try {
    const admin = auditKafka(options, options.warn).admin();
    await admin.connect();
    let onBroker: string[];
    try {
      onBroker = (await admin.listTopics()).filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length)).filter((name) => name.startsWith('vt.'));
    } finally {
      await admin.disconnect();
    }
    const listMs = since(started);
    const excluded = onBroker.filter(isUnchainedTopic).sort();
    if (options.topic && !isChainedTopic(options.topic)) {
      throw new Error(`${options.topic} carries no chains (dead letters, partner responses and ${TOPICS.auditChainHeads} are not verified)`);
    }
    const topics = options.topic ? [options.topic] : onBroker.filter(isChainedTopic).sort();

    const verifier = new ChainVerifier({ keys: options.keys, ...(options.householdId ? { householdId: options.householdId } : {}) });
    const base = { brokers: options.brokers, topicPrefix: prefix, ...(options.sasl ? { sasl: options.sasl } : {}), ...(options.warn ? { warn: options.warn } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
    // One reading (one consumer group join, one reading of the end offsets): the chain heads first, every one of
    // them given to the verifier before the first event (the event topics stay paused until then).
    const checkpointsStarted = process.hrtime.bigint();
    let eventsStarted = checkpointsStarted;
    let checkpointsMs = 0;
    const feed = new EventFeed(verifier, worker);
    const reading = await readAuditLog({
      ...base,
      first: {
        topics: [TOPICS.auditChainHeads],
        onRecord: (record) => verifier.addCheckpoint(record),
        onDone: () => {
          checkpointsMs = since(checkpointsStarted);
          eventsStarted = process.hrtime.bigint();
          for (const topic of topics) verifier.readTopic(topic);
        },
      },
      topics,
      onBatch: (records) => feed.add(records),
    });
    await feed.drained();
    const eventsMs = since(eventsStarted);
    const finishStarted = process.hrtime.bigint();
    const { findings, stats, unknownKeys } = verifier.finish();
    const finishMs = since(finishStarted);
    return {
      topics: reading.topics,
      excluded,
      findings,
      stats,
      unknownKeys,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      hashedIn: feed.usedWorker ? 'worker' : 'main',
      timings: { listMs, checkpointsMs, eventsMs, finishMs },
    };
  } finally {
    await worker?.stop();
  }
}
