import { CRISIS_ACTION_RECORDED, CRISIS_INTERVENTION_REQUESTED } from '@vt/contracts';

/**
 * The live crisis queue's rules, without Kafka or HTTP (docs/adr/0035). A notice says only that an intervention of
 * the region changed (an id, no personal data); the browser then reads the crisis queue, which checks and records
 * the read like any other.
 */
export type LiveNoticeKind = 'requested' | 'updated';

export interface LiveNotice {
  kind: LiveNoticeKind;
  interventionId: string;
}

/** What an event on the triage topic means for the live queue: a notice, and the region if the event names it. */
export function noticeOf(event: unknown): { notice: LiveNotice; region?: string } | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const { type, data } = event as { type?: unknown; data?: unknown };
  if (typeof data !== 'object' || data === null) return undefined;
  const { interventionId, crisisRegion } = data as { interventionId?: unknown; crisisRegion?: unknown };
  if (typeof interventionId !== 'string' || !UUID.test(interventionId)) return undefined;
  if (type === CRISIS_INTERVENTION_REQUESTED) return { notice: { kind: 'requested', interventionId }, ...(typeof crisisRegion === 'string' ? { region: crisisRegion } : {}) };
  if (type === CRISIS_ACTION_RECORDED) return { notice: { kind: 'updated', interventionId } };
  return undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One server-sent event; `data` is one JSON line (JSON has no raw newlines), so one `data:` field. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** How long a stream may stay open: until its token expires (0 when it has), within what a Node timer can wait. */
export function streamLifetimeMs(tokenExpiresAt: Date, now: Date): number {
  return Math.max(0, Math.min(tokenExpiresAt.getTime() - now.getTime(), 2 ** 31 - 1));
}

/** A comment line: ignored by every SSE reader, it keeps proxies from closing an idle stream. */
export const SSE_HEARTBEAT = ': heartbeat\n\n';

/** One open stream: the region its path names (national scope subscribes per region too). */
export interface LiveSubscriber {
  region: string;
  send(frame: string): void;
}

/**
 * The open streams of one instance, bounded: a crisis screen is one stream, so the bound is far above a region's
 * crisis staff, and only stops a runaway client from exhausting the instance.
 */
export class LiveSubscribers<S extends LiveSubscriber = LiveSubscriber> {
  private readonly subscribers = new Set<S>();

  constructor(readonly max: number) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** False when the instance already has `max` streams open (the route answers 503). */
  add(subscriber: S): boolean {
    if (this.subscribers.size >= this.max) return false;
    this.subscribers.add(subscriber);
    return true;
  }

  remove(subscriber: S): void {
    this.subscribers.delete(subscriber);
  }

  /** Sends the notice to the region's subscribers; returns how many got it. */
  publish(region: string, notice: LiveNotice): number {
    const frame = sseEvent('crisis-queue', notice);
    let sent = 0;
    for (const subscriber of this.subscribers) {
      if (subscriber.region !== region) continue;
      subscriber.send(frame);
      sent++;
    }
    return sent;
  }

  all(): S[] {
    return [...this.subscribers];
  }
}
