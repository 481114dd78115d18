import { CloudEvent, isKnownEventType, upcastEvent } from '@vt/contracts';
import { AuditRecord } from './log-reader';

/** An event read from the log, with where it lies. */
export interface AuditEvent {
  topic: string;
  partition: number;
  offset: string;
  event: CloudEvent<string, Record<string, unknown>>;
}

/** The CloudEvent in a record, or why the record is not one (kept as evidence rather than dropped). */
export function parseLogRecord(record: AuditRecord): { ok: true; value: AuditEvent } | { ok: false; problem: string } {
  if (record.value === undefined) return { ok: false, problem: 'record has no value (a tombstone)' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.value);
  } catch {
    return { ok: false, problem: 'record value is not JSON' };
  }
  const event = parsed as Partial<CloudEvent<string, unknown>> | null;
  if (!event || typeof event !== 'object' || typeof event.type !== 'string' || typeof event.time !== 'string' || typeof event.id !== 'string') {
    return { ok: false, problem: 'record value is not a CloudEvent (no id, type or time)' };
  }
  const data = event.data && typeof event.data === 'object' ? (event.data as Record<string, unknown>) : {};
  const read = { ...(event as CloudEvent<string, unknown>), data };
  // A record of a superseded type is read as the newest version (ADR 0004); the record itself is not touched.
  const newest = isKnownEventType(read.type) ? (upcastEvent({ ...read, type: read.type }) as CloudEvent<string, Record<string, unknown>>) : read;
  return {
    ok: true,
    value: { topic: record.topic, partition: record.partition, offset: record.offset, event: newest },
  };
}

/** Orders events as a household lived them: by event time, then by where they lie on the log. */
export function byEventTime(a: AuditEvent, b: AuditEvent): number {
  const time = Date.parse(a.event.time) - Date.parse(b.event.time);
  if (time !== 0) return time;
  if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1;
  const offset = BigInt(a.offset) - BigInt(b.offset);
  return offset < 0n ? -1 : offset > 0n ? 1 : 0;
}
