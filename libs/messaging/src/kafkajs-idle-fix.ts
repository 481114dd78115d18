/**
 * kafkajs 2.2.4 keeps every broker connection it ever used busy: `RequestQueue.scheduleCheckPendingRequests` sets a
 * timer even when no request is pending and no throttle is in force, with a negative delay (`throttledUntil` starts
 * at -1), which Node runs after 1 ms; the timer calls `checkPendingRequests`, which schedules the next one. So each
 * connection checks an empty queue about a thousand times a second for as long as the process lives
 * (tulios/kafkajs#1556 and #1704; the fix of PR #1667 is not released, and kafkajs has had no release since 2.2.4).
 * Measured here: ~48 CPU-ms a second for one queue, and 40-70 CPU-ms a second for each idle service (tests/bench/README.md).
 *
 * The fix, applied once per process to kafkajs' own class: with nothing pending and no throttle there is nothing to
 * check, so no timer is set. Every other case goes to kafkajs' code unchanged; a request pushed later schedules its
 * own check (`push` calls this method again), and a response arriving calls `checkPendingRequests` itself.
 */
interface RequestQueueLike {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: unknown;
  scheduleCheckPendingRequests(): void;
}

const FIXED = Symbol.for('vt.kafkajs-idle-fix');

/** The kafkajs class the fix changes (its module path is not part of kafkajs' public API; see the spec). */
export function kafkajsRequestQueue(): { prototype: RequestQueueLike } {
  return require('kafkajs/src/network/requestQueue/index.js') as { prototype: RequestQueueLike };
}

/** Applies the fix (idempotent); returns false when the kafkajs installed has no such method to fix. */
export function applyKafkajsIdleFix(): boolean {
  const prototype = kafkajsRequestQueue().prototype as RequestQueueLike & { [FIXED]?: true };
  if (prototype[FIXED]) return true;
  const original = prototype.scheduleCheckPendingRequests;
  if (typeof original !== 'function') return false;
  prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueueLike): void {
    if (!this.throttleCheckTimeoutId && this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    original.call(this);
  };
  prototype[FIXED] = true;
  return true;
}
