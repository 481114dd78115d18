import { EntityManager } from 'typeorm';
import { CHAIN_GENESIS, chainedEventRecord, CloudEvent, EVENT_CATALOG, EventType, isSuperseded } from '@vt/contracts';
import { outboxChannel, queryDeferred } from '@vt/persistence';
import { eventScope } from './event-scope';

export interface OutboxMessage {
  /** Logical topic name (without deployment prefix). */
  topic: string;
  event: CloudEvent;
  /** Defaults to the household id, so one household's events stay in order on one partition. */
  key?: string;
}

interface ChainHeadRow {
  source: string;
  topic: string;
  household_id: string;
  last_seq: string;
  last_hash: string;
}

const chainKey = (source: string, topic: string, householdId: string): string => JSON.stringify([source, topic, householdId]);

/**
 * Writes events into the service's outbox inside the caller's transaction. The NOTIFY is delivered
 * only when that transaction commits, which wakes the relay; a rollback leaves neither trace.
 *
 * Each event gets its place in its (source, topic, household) chain here (docs/adr/0009): the chain's
 * head row is locked until the transaction ends, so concurrent writers to one chain serialize and a
 * rollback leaves no gap. The stored payload carries `vtseq` and `prevhash` and is the event's canonical
 * JSON (RFC 8785), computed once here: the exact text the chain hash covers, which the relay publishes byte
 * for byte (the `payload` column is `text`, which keeps it as written; `jsonb` would not). The event objects
 * passed in are left as they were.
 */
export async function appendToOutbox(manager: EntityManager, schema: string, messages: OutboxMessage[]): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('appendToOutbox must run inside the transaction that changes the state the events describe');
  }
  if (messages.length === 0) return;
  for (const { event, topic } of messages) {
    if (!event.householdid) throw new Error(`event ${event.id} (${event.type}) for ${topic} has no householdid: every event belongs to a household chain`);
    // A superseded version is only read (upcast), never written again (ADR 0004, ADR 0020): writing one would put
    // back on the permanent log what its successor took off it, e.g. free text in clear.
    if (event.type in EVENT_CATALOG && isSuperseded(event.type as EventType)) {
      throw new Error(`event ${event.id} is of type ${event.type}, which is superseded by ${String((EVENT_CATALOG[event.type as EventType] as { supersededBy?: string }).supersededBy)}: producers write the newest version only (ADR 0004)`);
    }
  }

  const keys = new Map<string, { source: string; topic: string; householdId: string }>();
  for (const { event, topic } of messages) keys.set(chainKey(event.source, topic, event.householdid), { source: event.source, topic, householdId: event.householdid });
  const chains = [...keys.values()].sort((a, b) => (a.source + '\u0000' + a.topic + '\u0000' + a.householdId < b.source + '\u0000' + b.topic + '\u0000' + b.householdId ? -1 : 1));
  const columns = [chains.map((c) => c.source), chains.map((c) => c.topic), chains.map((c) => c.householdId)];
  // One round trip: a new chain starts at genesis, an existing head is locked (ON CONFLICT DO UPDATE locks the
  // row as FOR UPDATE would) and returned as it is. Rows are inserted in the fixed order above, so two
  // transactions touching the same chains cannot deadlock on them.
  const heads = (await manager.query(
    `insert into event_chain (source, topic, household_id, last_seq, last_hash)
     select s, t, h, 0, $4 from unnest($1::text[], $2::text[], $3::text[]) with ordinality as c(s, t, h, n) order by n
     on conflict (source, topic, household_id) do update set last_seq = event_chain.last_seq
     returning source, topic, household_id, last_seq, last_hash`,
    [...columns, CHAIN_GENESIS],
  )) as ChainHeadRow[];
  const state = new Map(heads.map((row) => [chainKey(row.source, row.topic, row.household_id), { seq: Number(row.last_seq), hash: row.last_hash }]));

  // The trace of the request or event being handled (docs/adr/0023); an event that already names one keeps it.
  const traceparent = eventScope().traceparent();
  const values: unknown[] = [];
  const rows = messages.map((message, i) => {
    const head = state.get(chainKey(message.event.source, message.topic, message.event.householdid));
    if (!head) throw new Error(`no chain head for ${message.event.source} ${message.topic} ${message.event.householdid}`);
    const traced = message.event.traceparent ?? traceparent;
    const chained: CloudEvent = { ...message.event, ...(traced ? { traceparent: traced } : {}), vtseq: head.seq + 1, prevhash: head.hash };
    const { value, hash } = chainedEventRecord(chained);
    head.seq += 1;
    head.hash = hash;
    values.push(chained.id, message.topic, message.key ?? chained.householdid, value, chained.source, head.seq, hash, traced ?? null);
    const at = i * 8;
    return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}, $${at + 8})`;
  });
  const updates = [...state].map(([key, head]) => ({ ...(keys.get(key) as { source: string; topic: string; householdId: string }), ...head }));
  const at = values.length;
  values.push(
    updates.map((u) => u.source),
    updates.map((u) => u.topic),
    updates.map((u) => u.householdId),
    updates.map((u) => u.seq),
    updates.map((u) => u.hash),
    outboxChannel(schema),
  );
  // The rows, the new chain heads and the relay's wake-up (delivered at commit) in one statement, sent in front of the
  // transaction's next statement or its COMMIT (docs/adr/0043): nothing reads its result, and it runs before them.
  await queryDeferred(manager,
    `with appended as (
       insert into outbox (event_id, topic, message_key, payload, chain_source, chain_seq, chain_hash, traceparent) values ${rows.join(', ')}
     ), advanced as (
       update event_chain e set last_seq = c.seq, last_hash = c.hash
         from unnest($${at + 1}::text[], $${at + 2}::text[], $${at + 3}::text[], $${at + 4}::bigint[], $${at + 5}::text[]) as c(s, t, h, seq, hash)
        where e.source = c.s and e.topic = c.t and e.household_id = c.h
     )
     select pg_notify($${at + 6}, '')`,
    values,
  );
}
