import { describeError } from './errors';
import { MessagingLogger } from './kafka-client';

export interface BackoffOptions {
  /** The first wait after a failure; doubled after each further failure. */
  initialMs?: number;
  /** The longest wait between attempts. */
  maxMs?: number;
}

/** The wait before attempt `failures + 1`: capped exponential (initialMs, 2×, 4× … maxMs). */
export function backoffDelay(failures: number, options: BackoffOptions = {}): number {
  const initial = options.initialMs ?? 250;
  const max = options.maxMs ?? 30_000;
  return Math.min(max, initial * 2 ** Math.max(0, failures - 1));
}

export interface RetryUntilOptions extends BackoffOptions {
  logger: MessagingLogger;
  /** True once the caller is shutting down: no further attempt is made. */
  stopped: () => boolean;
}

/**
 * Runs `attempt` until it succeeds or the caller stops, waiting a capped exponential backoff between
 * attempts and logging each failed attempt once at warn. Resolves undefined when stopped first.
 * For start-up steps that depend on the broker (creating topics, connecting): a broker that is loading or
 * briefly unreachable delays them instead of failing the service.
 */
export async function retryUntil<T>(what: string, attempt: () => Promise<T>, options: RetryUntilOptions): Promise<T | undefined> {
  for (let failures = 0; !options.stopped(); ) {
    try {
      return await attempt();
    } catch (error) {
      failures += 1;
      if (options.stopped()) return undefined;
      const delay = backoffDelay(failures, options);
      options.logger.warn(`${what} failed (attempt ${failures}), trying again in ${delay} ms: ${describeError(error)}`);
      await sleepUnless(delay, options.stopped);
    }
  }
  return undefined;
}

/** Sleeps `ms`, waking early (checking every 100 ms) once `stopped()` is true. */
export async function sleepUnless(ms: number, stopped: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!stopped() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, Math.min(100, until - Date.now())));
}
