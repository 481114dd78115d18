import { EntityManager } from 'typeorm';
import { CloudEvent } from '@vt/contracts';
import { outboxChannel } from '@vt/persistence';

export interface OutboxMessage {
  /** Logical topic name (without deployment prefix). */
  topic: string;
  event: CloudEvent;
  /** Defaults to the household id, so one household's events stay in order on one partition. */
  key?: string;
}

/**
 * Writes events into the service's outbox inside the caller's transaction. The NOTIFY is delivered
 * only when that transaction commits, which wakes the relay; a rollback leaves neither trace.
 */
export async function appendToOutbox(manager: EntityManager, schema: string, messages: OutboxMessage[]): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('appendToOutbox must run inside the transaction that changes the state the events describe');
  }
  if (messages.length === 0) return;
  const values: unknown[] = [];
  const rows = messages.map((message, i) => {
    values.push(message.event.id, message.topic, message.key ?? message.event.householdid, JSON.stringify(message.event));
    return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
  });
  await manager.query(`insert into outbox (event_id, topic, message_key, payload) values ${rows.join(', ')}`, values);
  await manager.query('select pg_notify($1, $2)', [outboxChannel(schema), '']);
}
