import { DataSource, EntityManager } from 'typeorm';
import { Consumer, IHeaders, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import { CloudEvent, deadLetterTopic, EVENT_CATALOG, EventType, HEADERS, isKnownEventType } from '@vt/contracts';
import { MessagingLogger } from './kafka-client';
import { appendToOutbox, OutboxMessage } from './outbox';
import { EventValidator } from './schema-validator';
import { ensureTopics, TopicNames } from './topic-admin';
import { describeError, isDatabaseUnavailable, isRetriable } from './errors';
import { BackoffOptions, backoffDelay } from './backoff';
import { DeadLetter, readDeadLetters } from './dead-letter-redrive';
import { eventScope } from './event-scope';
import { MessagingObserver, observe } from './observer';

export interface HandlerContext {
  /** The transaction in which the inbox entry is recorded; do every state change through it. */
  manager: EntityManager;
  /** Adds events to the outbox in the same transaction. */
  publish(messages: OutboxMessage[]): Promise<void>;
  /** The (logical, unprefixed) topic the event was read from, e.g. to know which partner wrote it. */
  topic: string;
}

export type EventHandler = (event: CloudEvent<EventType>, context: HandlerContext) => Promise<void>;

export interface ConsumerRunnerOptions {
  service: string;
  /** Logical consumer-group name; the deployment prefix is put in front of it. */
  groupId: string;
  topics: string[];
  handlers: Partial<Record<EventType, EventHandler>>;
  dataSource: DataSource;
  schema: string;
  kafka: Kafka;
  topicNames: TopicNames;
  logger: MessagingLogger;
  maxAttempts?: number;
  initialBackoffMs?: number;
  partitionsConsumedConcurrently?: number;
  /**
   * Called with true each time the consumer (re)joins its group, with false when it crashes, fails to start
   * or stops; with false, `reason` says why (what readiness shows).
   */
  onMembershipChange?: (joined: boolean, reason?: string) => void;
  /** Waits between restarts after a crash or a failed start (default 250 ms doubling up to 30 s). */
  restartBackoff?: BackoffOptions;
  /** Told about every event applied, retried and dead-lettered (metrics); optional. */
  observer?: MessagingObserver;
}

/** Where a consumer stands; for readiness and the dead-letter admin. */
export interface ConsumerState {
  groupId: string;
  joined: boolean;
  /** Restarts since the process started (crashes and failed starts). */
  restarts: number;
  /** Since when it has been failing without rejoining, with the last reason; absent while it is fine. */
  failingSince?: Date;
  lastError?: string;
}

type Disposition = { kind: 'applied' } | { kind: 'duplicate' } | { kind: 'skipped' } | { kind: 'dead-lettered'; reason: string };

export interface RedriveOptions {
  /** Who re-drives, recorded with every discarded dead letter. */
  actor: string;
  /** Dead letters (by event id, or `topic:partition:offset` for an unreadable record) to drop instead of applying, e.g. a malformed record. */
  discard?: { id: string; reason: string }[];
}

export interface RedriveResult {
  householdKey: string;
  deadLetters: number;
  applied: number;
  duplicates: number;
  discarded: number;
  deadLetteredAgain: number;
  /** True when the household's later events are applied normally again. */
  unparked: boolean;
  stillParkedBehind?: string;
}

/** How the inbox names a dead letter: its event id, or where it came from when it could not be read. */
function deadLetterId(letter: DeadLetter): string {
  return letter.eventId ?? `${letter.originTopic}:${letter.originPartition}:${letter.message.offset}`;
}

/** Why a run of records is applied one by one instead of together (see `applyRun`); not a failure. */
class RunNotApplicable extends Error {}

/** The most events `applyRun` applies in one transaction (bounds its locks and its redo after a failure). */
export const MAX_EVENTS_PER_TRANSACTION = 100;

class HouseholdParked extends Error {
  constructor(readonly firstEventId: string) {
    super(`an earlier event of this household (${firstEventId}) is in the dead-letter topic; later events wait behind it`);
  }
}

/** How long an applied record's offset may wait before it is committed (see OffsetCommitter). */
export const OFFSET_COMMIT_INTERVAL_MS = 1000;

/**
 * Commits the offsets of applied records at most once per `OFFSET_COMMIT_INTERVAL_MS` per consumer, instead of one
 * OffsetCommit request after every fetched batch: at a few events a second per group that request was as frequent as
 * the events themselves, a broker round trip each on the path to the next fetch. Safe because an offset only ever
 * says what was applied (the inbox holds each applied event, so a record read again after a crash or rebalance is a
 * duplicate, docs/adr/0002); what is lost by committing later is only that some records may come twice. The last
 * offsets are committed by a timer when no batch follows, and on `stop`.
 */
class OffsetCommitter {
  private readonly pending = new Map<string, { topic: string; partition: number; offset: string }>();
  private lastCommitAt = 0;
  private timer?: NodeJS.Timeout;
  private committing?: Promise<void>;

  constructor(
    private readonly consumer: Consumer,
    private readonly logger: MessagingLogger,
  ) {}

  /** Records that everything before `next` on the partition was applied; commits when the interval has passed. */
  async processed(topic: string, partition: number, next: string): Promise<void> {
    this.pending.set(`${topic}\u0000${partition}`, { topic, partition, offset: next });
    if (Date.now() - this.lastCommitAt >= OFFSET_COMMIT_INTERVAL_MS) await this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), Math.max(1, this.lastCommitAt + OFFSET_COMMIT_INTERVAL_MS - Date.now()));
  }

  /** Commits what is pending (one request); a failure leaves it for the next try and only means records may come again. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.committing;
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    this.lastCommitAt = Date.now();
    this.committing = this.consumer.commitOffsets(offsets).catch((error: unknown) => {
      // Not put back: the partition may have moved to another member since; its records are applied there, or here again as duplicates.
      this.logger.debug?.(`could not commit ${offsets.length} offset(s), their records may be read again: ${describeError(error)}`);
    });
    await this.committing;
  }

  /** Drops what is pending (a rebalance or crash: those partitions may be another member's now). */
  forget(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}

/**
 * Consumes events with an inbox: each event is applied in one transaction with the record of its id,
 * so a redelivery is a no-op; offsets are committed only after that transaction. Events that cannot be
 * applied go to the service's dead-letter topic with the reason, and the household is parked there so
 * none of its later events is applied out of order.
 */
/** A consumer's fetch.max.wait (see startOnce). */
export const CONSUMER_MAX_WAIT_MS = 500;

export class ConsumerRunner {
  private consumer?: Consumer;
  private committer?: OffsetCommitter;
  private deadLetters?: Producer;
  private running = false;
  private joined = false;
  private failures = 0;
  private restarts = 0;
  private failingSince?: Date;
  private lastError?: string;
  private restartTimer?: NodeJS.Timeout;
  private attempt?: Promise<void>;
  private readonly validator = new EventValidator();
  /** Per type header: whether this group has a handler for it (see notHandledByType). */
  private readonly handledTypes = new Map<string, boolean>();
  private readonly physicalGroupId: string;
  private readonly counts = { applied: 0, duplicate: 0, skipped: 0, deadLettered: 0 };

  constructor(private readonly options: ConsumerRunnerOptions) {
    this.physicalGroupId = options.topicNames.physical(options.groupId);
  }

  /** The logical consumer-group name, as the inbox and parked households record it. */
  get groupId(): string {
    return this.options.groupId;
  }

  /** The (logical) topics the group reads. */
  get topics(): readonly string[] {
    return this.options.topics;
  }

  get stats(): Readonly<typeof this.counts> {
    return this.counts;
  }

  /**
   * Starts consuming and keeps the consumer alive until `stop`: a failure while creating its topics,
   * connecting, subscribing or joining, and a crash later on (kafkajs restarts only some crashes by itself;
   * here it restarts none, this does), tear the consumer down and start a fresh one after a capped
   * exponential backoff, logging each attempt once at warn. Resolves after the first attempt, whether it
   * joined or not; it never throws for a broker that is loading or unreachable (see `state()`).
   */
  async start(): Promise<void> {
    this.running = true;
    await this.runAttempt();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    // What was applied and not yet committed is committed now, so a restart does not get it again.
    await this.committer?.flush();
    this.committer?.forget();
    await this.consumer?.disconnect().catch(() => undefined);
    await this.attempt?.catch(() => undefined);
    await this.consumer?.disconnect().catch(() => undefined);
    await this.deadLetters?.disconnect().catch(() => undefined);
  }

  /** Whether the consumer is in its group, and since when and why not. */
  state(): ConsumerState {
    return {
      groupId: this.options.groupId,
      joined: this.joined,
      restarts: this.restarts,
      ...(this.failingSince ? { failingSince: this.failingSince } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  private runAttempt(): Promise<void> {
    this.attempt = this.startOnce().finally(() => {
      this.attempt = undefined;
    });
    return this.attempt;
  }

  private async startOnce(): Promise<void> {
    if (!this.running) return;
    const { kafka, topicNames } = this.options;
    const consumer = kafka.consumer({
      groupId: this.physicalGroupId,
      // How long the broker may hold a fetch when none of the partitions has a record. Not a latency bound: the
      // broker answers as soon as a record arrives (fetch.min.bytes 1). At 50 ms every idle consumer sent 20
      // fetches a second and the four services spent 13-15 % of a core each doing nothing; 500 ms is Kafka's own default.
      maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      allowAutoTopicCreation: false,
      // kafkajs restarts a crashed consumer only for errors it deems retriable, and never again when the
      // restart itself fails; every restart is left to `restartAfter` instead.
      retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5000, restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    this.committer = new OffsetCommitter(consumer, this.options.logger);
    const committer = this.committer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (consumer !== this.consumer) return;
      // Offsets of partitions held before the rebalance are not committed any more: their records come again (duplicates).
      committer.forget();
      if (this.failingSince) this.options.logger.log(`consumer group ${this.options.groupId} joined again after ${this.failures} failed attempt(s)`);
      this.joined = true;
      this.failures = 0;
      this.failingSince = undefined;
      this.lastError = undefined;
      this.options.onMembershipChange?.(true);
    });
    consumer.on(consumer.events.CRASH, (event) => {
      committer.forget();
      this.restartAfter(consumer, `crashed: ${describeError(event.payload.error)}`);
    });
    consumer.on(consumer.events.STOP, () => {
      if (consumer !== this.consumer) return;
      this.joined = false;
      this.options.onMembershipChange?.(false, this.running ? 'stopped' : 'shutting down');
    });
    try {
      const admin = kafka.admin();
      await admin.connect();
      try {
        await ensureTopics(admin, topicNames, [...this.options.topics, deadLetterTopic(this.options.service)]);
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
      await this.connectDeadLetters();
      if (!this.running) return;
      await consumer.connect();
      await consumer.subscribe({ topics: this.options.topics.map((topic) => topicNames.physical(topic)), fromBeginning: true });
      // run() resolves once the run loop is started; failures while joining arrive as CRASH.
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          let next: string | undefined;
          const { messages } = batch;
          for (let start = 0; start < messages.length; ) {
            if (!isRunning() || isStale()) break;
            // What the fetch brought is applied in one transaction where it can be (`applyRun`); when it cannot, or a
            // single record came, each record on its own as before. Either way each event is applied once, in order.
            const run = messages.slice(start, start + MAX_EVENTS_PER_TRANSACTION);
            if (run.length < 2 || !(await this.applyRun(batch.topic, batch.partition, run))) {
              for (const message of run) {
                if (!isRunning() || isStale()) break;
                await this.process(batch.topic, batch.partition, message);
                resolveOffset(message.offset);
                next = (BigInt(message.offset) + 1n).toString();
                await heartbeat();
              }
              if (next === undefined || next !== (BigInt((run[run.length - 1] as KafkaMessage).offset) + 1n).toString()) break;
            } else {
              const last = run[run.length - 1] as KafkaMessage;
              resolveOffset(last.offset);
              next = (BigInt(last.offset) + 1n).toString();
              await heartbeat();
            }
            start += run.length;
          }
          if (next !== undefined) await this.committer?.processed(batch.topic, batch.partition, next);
        },
      });
    } catch (error) {
      this.restartAfter(consumer, `could not start: ${describeError(error)}`);
    }
  }

  /** A fresh dead-letter producer for each attempt, so one that lost its broker is never reused. */
  private async connectDeadLetters(): Promise<void> {
    await this.deadLetters?.disconnect().catch(() => undefined);
    this.deadLetters = this.options.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.deadLetters.connect();
  }

  /** Tears the failed consumer down and starts a fresh one after the backoff; once per failure of the current consumer. */
  private restartAfter(consumer: Consumer, reason: string): void {
    if (!this.running || consumer !== this.consumer || this.restartTimer) return;
    this.joined = false;
    this.failures += 1;
    this.restarts += 1;
    this.failingSince ??= new Date();
    this.lastError = reason;
    this.options.onMembershipChange?.(false, reason);
    const delay = backoffDelay(this.failures, this.options.restartBackoff);
    this.options.logger.warn(`consumer group ${this.options.groupId} ${reason}; restarting it in ${delay} ms (attempt ${this.failures})`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => this.runAttempt());
    }, delay);
  }

  /** Households parked in this consumer group, with what they are parked behind and why. */
  async parked(): Promise<{ householdId: string; firstEventId: string; reason: string; parkedAt: Date }[]> {
    return this.options.dataSource.query(
      `select household_id as "householdId", first_event_id as "firstEventId", reason, parked_at as "parkedAt" from parked_households where consumer_group = $1 order by parked_at`,
      [this.options.groupId],
    );
  }

  /**
   * Applies a parked household's dead letters again, in the order they were dead-lettered, with the
   * handlers as they are now. If one fails again it is dead-lettered again and everything after it stays
   * parked behind it. When all went through, the household is unparked under a lock that makes live
   * events of the household wait, so none overtakes the re-driven ones.
   */
  async redrive(householdKey: string, options: RedriveOptions): Promise<RedriveResult> {
    const dlqTopic = this.options.topicNames.physical(deadLetterTopic(this.options.service));
    const result: RedriveResult = { householdKey, deadLetters: 0, applied: 0, duplicates: 0, discarded: 0, deadLetteredAgain: 0, unparked: false };
    const discard = new Map((options.discard ?? []).map((d) => [d.id, d.reason]));
    const seen = new Set<string>();
    for (let round = 0; round < 10; round++) {
      // A record dead-lettered more than once (an earlier re-drive) is the same event: replay it once.
      const letters = (await readDeadLetters(this.options.kafka, dlqTopic, this.physicalGroupId, householdKey)).filter((letter) => {
        const position = `${letter.dlqPartition}:${letter.dlqOffset}`;
        const id = deadLetterId(letter);
        const fresh = !seen.has(position) && !seen.has(id);
        seen.add(position).add(id);
        return fresh;
      });
      result.deadLetters += letters.length;
      const failed = await this.replay(letters, discard, options.actor, result);
      if (failed) {
        result.stillParkedBehind = failed;
        return result;
      }
      if (await this.unparkIfNothingNew(householdKey, dlqTopic, seen)) {
        result.unparked = true;
        return result;
      }
    }
    return result;
  }

  /** Returns the id of the dead letter that failed again, if one did. */
  private async replay(letters: DeadLetter[], discard: Map<string, string>, actor: string, result: RedriveResult): Promise<string | undefined> {
    const ids = letters.map(deadLetterId);
    await this.options.dataSource.query(`delete from inbox where consumer_group = $1 and outcome = 'dead-lettered' and event_id = any($2)`, [this.options.groupId, ids]);
    for (const [index, letter] of letters.entries()) {
      const id = ids[index] as string;
      const reason = discard.get(id);
      if (reason !== undefined) {
        await this.options.dataSource.query(
          `insert into inbox (consumer_group, event_id, outcome, topic, partition, "offset", note) values ($1, $2, 'discarded', $3, $4, $5, $6) on conflict do nothing`,
          [this.options.groupId, id, letter.originTopic, letter.originPartition, letter.message.offset, `discarded by ${actor}: ${reason}`],
        );
        result.discarded += 1;
        continue;
      }
      const disposition = await this.dispose(letter.originTopic, letter.originPartition, letter.message, true);
      if (disposition.kind === 'applied') result.applied += 1;
      else if (disposition.kind === 'duplicate' || disposition.kind === 'skipped') result.duplicates += 1;
      else {
        result.deadLetteredAgain += 1;
        await this.options.dataSource.query(
          `update parked_households set first_event_id = $3, reason = $4, parked_at = now() where consumer_group = $1 and household_id = $2`,
          [this.options.groupId, letter.message.key?.toString('utf8'), id, disposition.reason.slice(0, 2000)],
        );
        // What follows stays parked behind it, in order, for the next re-drive.
        for (const later of letters.slice(index + 1)) await this.dispose(later.originTopic, later.originPartition, later.message);
        return id;
      }
    }
    return undefined;
  }

  private async unparkIfNothingNew(householdKey: string, dlqTopic: string, seen: Set<string>): Promise<boolean> {
    return this.options.dataSource.transaction(async (manager) => {
      await manager.query('select 1 from parked_households where consumer_group = $1 and household_id = $2 for update', [this.options.groupId, householdKey]);
      const fresh = (await readDeadLetters(this.options.kafka, dlqTopic, this.physicalGroupId, householdKey)).filter((letter) => !seen.has(`${letter.dlqPartition}:${letter.dlqOffset}`));
      if (fresh.length > 0) return false;
      await manager.query('delete from parked_households where consumer_group = $1 and household_id = $2', [this.options.groupId, householdKey]);
      return true;
    });
  }

  /**
   * Applies a run of records fetched together from one partition in ONE transaction: one statement records them all
   * in the inbox and finds parked households, and each handler runs in its event's context, sees what the earlier
   * ones did and appends to the outbox as it would in a transaction of its own, so every chain gets the same order.
   * It saves a transaction, its commit and the inbox round trip per event, which is what a hop costs
   * (tests/bench/README.md), and grows with the backlog: the further behind, the bigger the runs.
   *
   * Only the plain case: every record readable, no household of the run parked, every handler succeeding. Anything
   * else (a record to dead-letter, a parked household, a handler or database failure) rolls the whole run back and
   * returns false; the caller then applies the run record by record (`process`), with the retries, dead letters and
   * parking of each, exactly as if this had not been tried. Handlers only change the database (the transaction), so
   * trying them once more is safe.
   */
  private async applyRun(topic: string, partition: number, messages: KafkaMessage[]): Promise<boolean> {
    const events: { event: CloudEvent<EventType>; handler: EventHandler; householdKey: string; offset: string }[] = [];
    let skipped = 0;
    for (const message of messages) {
      if (this.notHandledByType(message)) {
        skipped += 1;
        continue;
      }
      const parsed = this.validator.parse(message.value);
      if (!parsed.ok) return false;
      const handler = this.options.handlers[parsed.event.type];
      if (!handler) {
        skipped += 1;
        continue;
      }
      events.push({ event: parsed.event, handler, householdKey: message.key?.toString('utf8') || parsed.event.householdid, offset: message.offset });
    }
    if (events.length === 0) {
      this.counts.skipped += skipped;
      return true;
    }
    const logicalTopic = this.options.topicNames.logical(topic);
    let applied: typeof events;
    try {
      applied = await this.options.dataSource.transaction(async (manager) => {
        const [state] = (await manager.query(
          `with recorded as (
             insert into inbox (consumer_group, event_id, outcome, topic, partition, "offset")
             select $1, e.id, 'applied', $3, $4, e.o from unnest($2::text[], $5::bigint[]) with ordinality as e(id, o, n) order by n
             on conflict do nothing returning event_id
           )
           select coalesce((select array_agg(event_id) from recorded), '{}') as recorded,
                  exists (select 1 from parked_households where consumer_group = $1 and household_id = any($6::text[]) for share) as parked`,
          [this.options.groupId, events.map((e) => e.event.id), topic, partition, events.map((e) => e.offset), [...new Set(events.map((e) => e.householdKey))]],
        )) as { recorded: string[]; parked: boolean }[];
        if (!state || state.parked) throw new RunNotApplicable('a household of the run is parked');
        const fresh = new Set(state.recorded);
        const done: typeof events = [];
        for (const entry of events) {
          // A record that came twice in one fetch (a relay's resend) is applied at its first place only.
          if (!fresh.delete(entry.event.id)) continue;
          await eventScope().handle(entry.event, logicalTopic, async () => {
            // Published at once, as in a transaction of its own: handlers also append through timers and services
            // directly, so deferring only what goes through `publish` would reorder a household's chain.
            await entry.handler(entry.event, { manager, publish: (messages) => appendToOutbox(manager, this.options.schema, messages), topic: logicalTopic });
            return { kind: 'applied' };
          });
          done.push(entry);
        }
        return done;
      });
    } catch (error) {
      // The record-by-record path that follows reports the failure (retries, dead letter) where it belongs.
      if (!(error instanceof RunNotApplicable)) this.options.logger.debug?.(`applying ${messages.length} records of ${topic}[${partition}] together failed, applying them one by one: ${describeError(error)}`);
      return false;
    }
    this.counts.skipped += skipped;
    this.counts.duplicate += events.length - applied.length;
    this.counts.applied += applied.length;
    for (const { event } of applied) observe(this.options.observer, 'eventApplied', { group: this.options.groupId, type: event.type });
    return true;
  }

  private async process(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    const disposition = await this.dispose(topic, partition, message);
    switch (disposition.kind) {
      case 'applied':
        this.counts.applied += 1;
        break;
      case 'duplicate':
        this.counts.duplicate += 1;
        break;
      case 'skipped':
        this.counts.skipped += 1;
        break;
      case 'dead-lettered':
        this.counts.deadLettered += 1;
        this.options.logger.warn(`dead-lettered ${topic}[${partition}]@${message.offset}: ${disposition.reason}`);
        break;
    }
  }

  /**
   * True when the record's type header names a type (or an older version of one) this group has no handler for, and
   * the record carries that type: it is skipped without being parsed. A group reads whole topics and handles a few of their types; parsing and validating the
   * rest cost as much as the ones it applies. A record without the header, or of a type the catalog does not know,
   * is read and checked as before (and dead-lettered when it is not a valid event); a group that handles a type
   * checks every record of it.
   */
  private notHandledByType(message: KafkaMessage): boolean {
    const header = message.headers?.[HEADERS.eventType];
    const value = Array.isArray(header) ? header[0] : header;
    if (value === undefined) return false;
    const type = value.toString();
    let handled = this.handledTypes.get(type);
    if (handled === undefined) {
      if (!isKnownEventType(type)) return false;
      // A superseded version is upcast to the newest one before it is handled (ADR 0004).
      let newest: EventType = type;
      for (let contract = EVENT_CATALOG[newest] as { supersededBy?: EventType }; contract.supersededBy; contract = EVENT_CATALOG[newest] as { supersededBy?: EventType }) newest = contract.supersededBy;
      handled = this.options.handlers[newest] !== undefined;
      this.handledTypes.set(type, handled);
    }
    // Trusted only when the record says the same of itself (the envelope's `"type":"…"` as every producer writes it), so
    // that a record labelled with another type than it carries (a partner's bug) is read, checked and handled or
    // dead-lettered rather than skipped.
    return !handled && message.value !== null && message.value.includes(`"type":${JSON.stringify(type)}`);
  }

  private async dispose(topic: string, partition: number, message: KafkaMessage, ignorePark = false): Promise<Disposition> {
    if (this.notHandledByType(message)) return { kind: 'skipped' };
    const householdKey = message.key?.toString('utf8') || undefined;
    const parsed = this.validator.parse(message.value);
    if (!parsed.ok) {
      return this.deadLetter(topic, partition, message, { reason: 'invalid-event', detail: parsed.reason, eventId: undefined, householdKey, attempts: 0 });
    }
    const event = parsed.event;
    const handler = this.options.handlers[event.type];
    if (!handler) return { kind: 'skipped' };
    // In the event's context and trace span (docs/adr/0023): its log lines carry its ids, what it publishes its trace.
    return eventScope().handle(event, this.options.topicNames.logical(topic), () => this.attempts(event, handler, topic, partition, message, householdKey, ignorePark));
  }

  private async attempts(event: CloudEvent<EventType>, handler: EventHandler, topic: string, partition: number, message: KafkaMessage, householdKey: string | undefined, ignorePark: boolean): Promise<Disposition> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await this.apply(event, handler, householdKey ?? event.householdid, topic, partition, message.offset, ignorePark);
        if (applied) observe(this.options.observer, 'eventApplied', { group: this.options.groupId, type: event.type });
        return applied ? { kind: 'applied' } : { kind: 'duplicate' };
      } catch (error) {
        if (isDatabaseUnavailable(error) && attempt >= maxAttempts) {
          // Not this event's fault: the batch is tried again (offsets stay uncommitted), the consumer restarts with backoff.
          throw error;
        }
        if (error instanceof HouseholdParked) {
          return this.deadLetter(topic, partition, message, { reason: 'household-parked', detail: error.message, eventId: event.id, householdKey: householdKey ?? event.householdid, attempts: attempt, type: event.type });
        }
        if ((isRetriable(error) || isDatabaseUnavailable(error)) && attempt < maxAttempts) {
          const delay = (this.options.initialBackoffMs ?? 100) * 2 ** (attempt - 1);
          observe(this.options.observer, 'eventRetried', { group: this.options.groupId, type: event.type, attempt });
          this.options.logger.warn(`retrying ${event.type} ${event.id} in ${delay} ms (attempt ${attempt} of ${maxAttempts}): ${describeError(error)}`);
          await new Promise((resolve) => setTimeout(resolve, delay));
          continue;
        }
        const reason = isRetriable(error) ? 'retries-exhausted' : 'handler-failed';
        return this.deadLetter(topic, partition, message, { reason, detail: describeError(error), eventId: event.id, householdKey: householdKey ?? event.householdid, attempts: attempt, type: event.type });
      }
    }
  }

  /** Returns false when the inbox already holds the event (a redelivery). */
  private async apply(event: CloudEvent<EventType>, handler: EventHandler, householdKey: string, topic: string, partition: number, offset: string, ignorePark: boolean): Promise<boolean> {
    return this.options.dataSource.transaction(async (manager) => {
      // One round trip: record the event in the inbox (nothing when it is a redelivery) and see whether its household
      // is parked. FOR SHARE waits for a re-drive that is unparking this household, so nothing overtakes it.
      const [state] = (await manager.query(
        `with recorded as (
           insert into inbox (consumer_group, event_id, outcome, topic, partition, "offset")
           values ($1, $2, 'applied', $3, $4, $5) on conflict do nothing returning event_id
         )
         select exists (select 1 from recorded) as recorded,
                case when $7::boolean then null
                     else (select first_event_id from parked_households where consumer_group = $1 and household_id = $6 for share) end as parked`,
        [this.options.groupId, event.id, topic, partition, offset, householdKey, ignorePark],
      )) as { recorded: boolean; parked: string | null }[];
      if (!state?.recorded) return false;
      const parked = state.parked === null ? undefined : { first_event_id: state.parked };
      if (parked) throw new HouseholdParked(parked.first_event_id);
      await handler(event, { manager, publish: (messages) => appendToOutbox(manager, this.options.schema, messages), topic: this.options.topicNames.logical(topic) });
      return true;
    });
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    failure: { reason: string; detail: string; eventId: string | undefined; householdKey: string | undefined; attempts: number; type?: string },
  ): Promise<Disposition> {
    const headers: IHeaders = {
      ...message.headers,
      [HEADERS.dlqReason]: failure.reason,
      [HEADERS.dlqError]: failure.detail.slice(0, 4000),
      [HEADERS.dlqOriginTopic]: topic,
      [HEADERS.dlqOriginPartition]: String(partition),
      [HEADERS.dlqOriginOffset]: message.offset,
      [HEADERS.dlqConsumerGroup]: this.physicalGroupId,
      [HEADERS.dlqTime]: new Date().toISOString(),
      [HEADERS.dlqAttempts]: String(failure.attempts),
    };
    await this.deadLetters?.send({
      topic: this.options.topicNames.physical(deadLetterTopic(this.options.service)),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    const inboxId = failure.eventId ?? `${topic}:${partition}:${message.offset}`;
    await this.options.dataSource.transaction(async (manager) => {
      await manager.query(
        `insert into inbox (consumer_group, event_id, outcome, topic, partition, "offset")
         values ($1, $2, 'dead-lettered', $3, $4, $5) on conflict do nothing`,
        [this.options.groupId, inboxId, topic, partition, message.offset],
      );
      if (failure.householdKey) {
        await manager.query(
          `insert into parked_households (consumer_group, household_id, first_event_id, reason)
           values ($1, $2, $3, $4) on conflict do nothing`,
          [this.options.groupId, failure.householdKey, inboxId, `${failure.reason}: ${failure.detail}`.slice(0, 2000)],
        );
      }
    });
    observe(this.options.observer, 'eventDeadLettered', { group: this.options.groupId, type: failure.type ?? 'unreadable', reason: failure.reason });
    return { kind: 'dead-lettered', reason: `${failure.reason}: ${failure.detail}` };
  }
}
