import { DataSource } from 'typeorm';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { ADVIESVRAAG_RECEIVED, deadLetterTopic, DomainEvent, HEADERS, MELDING_RECEIVED, TOPICS } from '@vt/contracts';
import { appendToOutbox, ConsumerRunner, createKafka, ensureTopics, EventHandler, RetriableError, TopicNames } from '@vt/messaging';
import { AllowDiscardedDeadLetters1764300000010, CreateEventChains1764300000090, CreateMessagingTables1764300000000, createServiceDataSource, migrate, OutboxTraceparent1764300000095 } from '@vt/persistence';
import { aMelding, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

const quiet = { error: () => undefined, warn: () => undefined, log: () => undefined };

describe('consumer runner on a real broker and database', () => {
  let env: TestEnvironment;
  let dataSource: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  let names: TopicNames;
  let schema: string;
  const runners: ConsumerRunner[] = [];
  const readers: TopicReader[] = [];

  beforeEach(async () => {
    env = testEnvironment();
    const serviceEnv = await env.serviceEnv('consumer');
    schema = serviceEnv['DATABASE_SCHEMA'] as string;
    dataSource = createServiceDataSource({ url: serviceEnv['DATABASE_URL'] as string, schema, migrations: [CreateMessagingTables1764300000000, AllowDiscardedDeadLetters1764300000010, CreateEventChains1764300000090, OutboxTraceparent1764300000095] });
    await dataSource.initialize();
    await migrate(dataSource);
    // `tx`: the transaction that applied the event (txid_current() of the insert), to see which events were applied together.
    await dataSource.query('create table effect (seq bigserial, event_id text not null, household_id text not null, melding_id text not null, tx bigint not null default txid_current())');
    names = new TopicNames(env.topicPrefix);
    kafka = createKafka({ ...env.kafkaConnection(), clientId: 'consumer-spec' }, quiet);
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, names, [TOPICS.meldingen, deadLetterTopic('test-service')]);
    await admin.disconnect();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    for (const reader of readers.splice(0)) await reader.stop();
    await producer.disconnect();
    await dataSource.destroy();
    await env.cleanup();
  });

  const recordEffect: EventHandler = async (event, { manager }) => {
    const { data } = event as DomainEvent<typeof MELDING_RECEIVED>;
    await manager.query('insert into effect (event_id, household_id, melding_id) values ($1, $2, $3)', [event.id, data.householdId, data.meldingId]);
  };

  async function startRunner(handler: EventHandler = recordEffect): Promise<ConsumerRunner> {
    const runner = new ConsumerRunner({
      service: 'test-service',
      groupId: 'test-service',
      topics: [TOPICS.meldingen],
      handlers: { [MELDING_RECEIVED]: handler },
      dataSource,
      schema,
      kafka,
      topicNames: names,
      logger: quiet,
      initialBackoffMs: 10,
    });
    await runner.start();
    runners.push(runner);
    return runner;
  }

  async function send(key: string, value: string): Promise<void> {
    await producer.send({ topic: names.physical(TOPICS.meldingen), acks: -1, messages: [{ key, value }] });
  }

  async function effects(): Promise<{ event_id: string; household_id: string }[]> {
    return dataSource.query('select event_id, household_id from effect order by melding_id');
  }

  it('applies a redelivered event once', async () => {
    const event = aMelding().event();
    await send(event.householdid, JSON.stringify(event));
    await send(event.householdid, JSON.stringify(event));
    const later = aMelding().forHousehold(event.householdid).event();
    await send(later.householdid, JSON.stringify(later));
    const runner = await startRunner();

    await waitFor(() => runner.stats.applied + runner.stats.duplicate === 3 || undefined, { description: 'three records handled' });
    expect(runner.stats).toMatchObject({ applied: 2, duplicate: 1, deadLettered: 0 });
    expect((await effects()).map((row) => row.event_id).sort()).toEqual([event.id, later.id].sort());
  });

  // Rule: every event is applied exactly once and in its partition's order (brief ground rule 4), also when the records a
  // fetch brought are applied in one transaction (issue 14 point 4: fewer round trips per hop); what each handler
  // publishes keeps that order in its chain.
  it('applies records fetched together in one transaction: each once, in order, and publishes in that order', async () => {
    const household = aMelding().event().householdid;
    const events = Array.from({ length: 6 }, () => aMelding().forHousehold(household).event());
    const [first, second] = events as [(typeof events)[0], (typeof events)[0]];
    for (const event of [first, second, second, ...events.slice(2)]) await send(household, JSON.stringify(event));
    const published = new Map<string, string[]>();
    const recordAndPublish: EventHandler = async (event, context) => {
      await recordEffect(event, context);
      const followUp = aMelding().forHousehold(household).event();
      // As a timer or a service does it: straight into the outbox of the same transaction, after what was published.
      const direct = aMelding().forHousehold(household).event();
      published.set(event.id, [followUp.id, direct.id]);
      await context.publish([{ topic: TOPICS.meldingen, event: followUp }]);
      await appendToOutbox(context.manager, schema, [{ topic: TOPICS.meldingen, event: direct }]);
    };
    const runner = await startRunner(recordAndPublish);

    await waitFor(() => runner.stats.applied + runner.stats.duplicate === 7 || undefined, { description: 'all seven records handled' });
    expect(runner.stats).toMatchObject({ applied: 6, duplicate: 1, deadLettered: 0 });
    const applied = (await dataSource.query('select event_id, tx from effect order by seq')) as { event_id: string; tx: string }[];
    expect(applied.map((row) => row.event_id)).toEqual(events.map((event) => event.id));
    // All seven came in one fetch (sent before the runner started): fewer transactions than events.
    expect(new Set(applied.map((row) => row.tx)).size).toBeLessThan(events.length);
    // The chain in the order the events were applied, each event's own appends together, as in separate transactions.
    const outbox = (await dataSource.query('select event_id, chain_seq from outbox order by position')) as { event_id: string; chain_seq: string }[];
    expect(outbox.map((row) => row.event_id)).toEqual(events.flatMap((event) => published.get(event.id)));
    expect(outbox.map((row) => Number(row.chain_seq))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  // Rule: a group reads whole topics but checks only what it handles: a record whose type header names a type it has no
  // handler for is skipped unread; one of a type it handles is checked, and dead-lettered when it is not a valid event.
  it('skips records of types it does not handle by their type header, and still checks those it does', async () => {
    const dlq = await new TopicReader(env.kafkaBrokers.split(','), [names.physical(deadLetterTopic('test-service'))]).start();
    readers.push(dlq);
    const household = aMelding().event().householdid;
    const topic = names.physical(TOPICS.meldingen);
    // Not parsed: an AdviesvraagReceived as it says of itself, whatever else its value holds.
    await producer.send({ topic, acks: -1, messages: [{ key: household, value: `{"type":"${ADVIESVRAAG_RECEIVED}", not json`, headers: { [HEADERS.eventType]: ADVIESVRAAG_RECEIVED } }] });
    // Parsed and checked: a MeldingReceived labelled as an AdviesvraagReceived (a sender's bug), and a malformed MeldingReceived.
    const mislabelled = aMelding().event();
    await producer.send({ topic, acks: -1, messages: [{ key: mislabelled.householdid, value: JSON.stringify(mislabelled), headers: { [HEADERS.eventType]: ADVIESVRAAG_RECEIVED } }] });
    await producer.send({ topic, acks: -1, messages: [{ key: household, value: 'not a cloud event', headers: { [HEADERS.eventType]: MELDING_RECEIVED } }] });
    const runner = await startRunner();

    // The runner counts a dead letter after its record is on the dead-letter topic (and after the inbox says so), so
    // the topic can show it before the count does: both are awaited.
    await waitFor(() => (dlq.records[0] && runner.stats.applied === 1 && runner.stats.deadLettered === 1) || undefined, { description: 'the malformed MeldingReceived dead-lettered, the mislabelled one applied' });
    expect(runner.stats).toMatchObject({ skipped: 1, deadLettered: 1, applied: 1 });
    expect(dlq.records).toHaveLength(1);
    expect(dlq.records[0]?.headers[HEADERS.dlqReason]).toBe('invalid-event');
    expect((await effects()).map((row) => row.event_id)).toEqual([mislabelled.id]);
  });

  // Rule: offsets say only what was applied, and are committed (within OFFSET_COMMIT_INTERVAL_MS) even when no record
  // follows, so that a restarted consumer does not read everything again and "caught up" can be seen from outside.
  it('commits the offsets of what it applied shortly after, also when nothing more comes', async () => {
    const events = Array.from({ length: 3 }, () => aMelding().event());
    for (const event of events) await send(event.householdid, JSON.stringify(event));
    const runner = await startRunner();
    await waitFor(() => runner.stats.applied === 3 || undefined, { description: 'three applied' });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topic = names.physical(TOPICS.meldingen);
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
      await waitFor(
        async () => {
          const [committed] = await admin.fetchOffsets({ groupId: names.physical('test-service'), topics: [topic] });
          return committed?.partitions.every((p) => p.offset === ends.get(p.partition) || (p.offset === '-1' && ends.get(p.partition) === '0')) || undefined;
        },
        { description: 'every partition committed up to its end', timeoutMs: 10_000 },
      );
    } finally {
      await admin.disconnect();
    }
  });

  // Rule: one failing event does not hold back or undo the others fetched with it; it alone is dead-lettered with its
  // reason (brief ground rule 4), the others are applied once.
  it('applies the others fetched with an event that fails for good once each, and dead-letters that one alone', async () => {
    const dlq = await new TopicReader(env.kafkaBrokers.split(','), [names.physical(deadLetterTopic('test-service'))]).start();
    readers.push(dlq);
    const events = Array.from({ length: 5 }, () => aMelding().event());
    const failing = events[2] as (typeof events)[0];
    // Five households on one partition, so that one fetch brings them together.
    await producer.send({ topic: names.physical(TOPICS.meldingen), acks: -1, messages: events.map((event) => ({ key: event.householdid, value: JSON.stringify(event), partition: 0 })) });
    const runner = await startRunner(async (event, context) => {
      await recordEffect(event, context);
      if (event.id === failing.id) throw new Error('no lokaal team for gemeente GM9999');
    });

    await waitFor(() => (runner.stats.applied === 4 && dlq.records.length === 1) || undefined, { description: 'four applied, one dead letter' });
    expect(runner.stats).toMatchObject({ applied: 4, deadLettered: 1 });
    expect(dlq.records[0]?.json<{ id: string }>().id).toBe(failing.id);
    expect(dlq.records[0]?.headers[HEADERS.dlqReason]).toBe('handler-failed');
    const applied = (await dataSource.query('select event_id from effect order by seq')) as { event_id: string }[];
    expect(applied.map((row) => row.event_id)).toEqual(events.filter((event) => event !== failing).map((event) => event.id));
  });

  it('sends a malformed event to the dead-letter topic with its reason, parks that household behind it, and keeps going for others', async () => {
    const dlq = await new TopicReader(env.kafkaBrokers.split(','), [names.physical(deadLetterTopic('test-service'))]).start();
    readers.push(dlq);
    const parkedHousehold = aMelding().event().householdid;
    const other = aMelding().event();
    const laterOfParked = aMelding().forHousehold(parkedHousehold).event();
    await send(parkedHousehold, '{"specversion":"1.0", "this is not": json');
    await send(other.householdid, JSON.stringify(other));
    await send(parkedHousehold, JSON.stringify(laterOfParked));
    const runner = await startRunner();

    await waitFor(() => dlq.records.length === 2 || undefined, { description: 'two dead letters' });
    await waitFor(() => runner.stats.applied === 1 || undefined, { description: 'the other household applied' });
    const [malformed, parked] = dlq.records;
    expect(malformed?.headers[HEADERS.dlqReason]).toBe('invalid-event');
    expect(malformed?.headers[HEADERS.dlqError]).toMatch(/value is not JSON/);
    expect(malformed?.headers[HEADERS.dlqOriginTopic]).toBe(names.physical(TOPICS.meldingen));
    expect(malformed?.key).toBe(parkedHousehold);
    expect(parked?.headers[HEADERS.dlqReason]).toBe('household-parked');
    expect(parked?.json<{ id: string }>().id).toBe(laterOfParked.id);
    expect(await effects()).toEqual([{ event_id: other.id, household_id: other.householdid }]);
  });

  it('retries a retriable failure with backoff and applies the event once it succeeds', async () => {
    let failuresLeft = 2;
    const flaky: EventHandler = async (event, context) => {
      if (failuresLeft-- > 0) throw new RetriableError('partner directory is reloading');
      await recordEffect(event, context);
    };
    const event = aMelding().event();
    await send(event.householdid, JSON.stringify(event));
    const runner = await startRunner(flaky);

    await waitFor(() => runner.stats.applied === 1 || undefined, { description: 'the event applied after two retries' });
    expect(runner.stats.deadLettered).toBe(0);
    expect(await effects()).toHaveLength(1);
  });

  it('dead-letters an event whose handler fails for good, without applying half of it', async () => {
    const dlq = await new TopicReader(env.kafkaBrokers.split(','), [names.physical(deadLetterTopic('test-service'))]).start();
    readers.push(dlq);
    const failing: EventHandler = async (event, context) => {
      await recordEffect(event, context);
      throw new Error('no lokaal team for gemeente GM9999');
    };
    const event = aMelding().event();
    await send(event.householdid, JSON.stringify(event));
    await startRunner(failing);

    await waitFor(() => dlq.records[0], { description: 'a dead letter' });
    expect(dlq.records[0]?.headers[HEADERS.dlqReason]).toBe('handler-failed');
    expect(dlq.records[0]?.headers[HEADERS.dlqError]).toContain('no lokaal team for gemeente GM9999');
    expect(await effects()).toEqual([]);
  });

  it('re-drives a parked household in order once the cause is fixed, and lets its later events flow again', async () => {
    let broken = true;
    const first = aMelding().event();
    const fragile: EventHandler = async (event, context) => {
      if (broken && event.householdid === first.householdid) throw new Error('partner directory has no entry yet');
      await recordEffect(event, context);
    };
    const second = aMelding().forHousehold(first.householdid).event();
    const other = aMelding().event();
    for (const event of [first, second, other]) await send(event.householdid, JSON.stringify(event));
    const runner = await startRunner(fragile);
    await waitFor(() => runner.stats.deadLettered === 2 || undefined, { description: 'the household parked behind its first event' });
    await waitFor(async () => (await runner.parked()).length === 1 || undefined, { description: 'the park recorded' });

    await waitFor(() => runner.stats.applied === 1 || undefined, { description: 'the other household applied' });
    broken = false;
    const result = await runner.redrive(first.householdid, { actor: 'user:operator-1' });
    expect(result).toMatchObject({ deadLetters: 2, applied: 2, deadLetteredAgain: 0, unparked: true });
    expect(await runner.parked()).toEqual([]);

    const later = aMelding().forHousehold(first.householdid).event();
    await send(later.householdid, JSON.stringify(later));
    await waitFor(async () => (await effects()).length === 4 || undefined, { description: 'the later event applied normally' });
    const ofHousehold = (await dataSource.query('select event_id from effect where household_id = $1 order by seq', [first.householdid])) as { event_id: string }[];
    expect(ofHousehold.map((row) => row.event_id)).toEqual([first.id, second.id, later.id]);
  });

  it('keeps a household parked behind a record that fails again, until an operator discards it with a reason', async () => {
    const household = aMelding().event().householdid;
    const waiting = aMelding().forHousehold(household).event();
    await send(household, 'not a cloud event');
    await send(household, JSON.stringify(waiting));
    const runner = await startRunner();
    await waitFor(() => runner.stats.deadLettered === 2 || undefined, { description: 'both dead-lettered' });

    const again = await runner.redrive(household, { actor: 'user:operator-1' });
    expect(again).toMatchObject({ applied: 0, deadLetteredAgain: 1, unparked: false });
    const malformedId = again.stillParkedBehind as string;
    expect(malformedId).toMatch(new RegExp(`^${names.physical(TOPICS.meldingen).replace(/\./g, '\\.')}:\\d+:\\d+$`));

    const discarded = await runner.redrive(household, { actor: 'user:operator-1', discard: [{ id: malformedId, reason: 'not a CloudEvent; the sender was told' }] });
    expect(discarded).toMatchObject({ discarded: 1, applied: 1, unparked: true });
    expect(await effects()).toEqual([{ event_id: waiting.id, household_id: household }]);
    const note = (await dataSource.query(`select note from inbox where event_id = $1`, [malformedId])) as { note: string }[];
    expect(note[0]?.note).toBe('discarded by user:operator-1: not a CloudEvent; the sender was told');
  });
});
