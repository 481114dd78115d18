/** What a POST answered, or that it never got an answer. */
export type Attempt = { kind: 'answered'; status: number; body: unknown; retryAfterSeconds?: number } | { kind: 'network-error'; message: string };

/** Statuses that say nothing was done and asking again may work: 502/503/504 (503 `database-unavailable` stores nothing). */
const RETRYABLE = new Set([502, 503, 504]);

export interface RetryOptions {
  /** Default 4 attempts in all. */
  attempts?: number;
  /** Wait before attempt n+1 is `delaysMs[n]` (or the last), unless the answer's Retry-After says longer (capped at 10 s). */
  delaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Sends one POST, and again with the same Idempotency-Key while it failed on the network or with a retryable
 * status: intake answers a repeat of a stored request with the first answer, never a second melding.
 */
export async function sendIdempotently(send: (idempotencyKey: string) => Promise<Attempt>, idempotencyKey: string, options: RetryOptions = {}): Promise<Attempt & { attempts: number }> {
  const attempts = options.attempts ?? 4;
  const delays = options.delaysMs ?? [500, 1000, 2000];
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let last: Attempt = { kind: 'network-error', message: 'not sent' };
  for (let n = 1; n <= attempts; n++) {
    last = await send(idempotencyKey);
    if (last.kind === 'answered' && !RETRYABLE.has(last.status)) return { ...last, attempts: n };
    if (n < attempts) {
      const planned = delays[Math.min(n - 1, delays.length - 1)] ?? 0;
      const asked = last.kind === 'answered' && last.retryAfterSeconds !== undefined ? Math.min(last.retryAfterSeconds * 1000, 10_000) : 0;
      await sleep(Math.max(planned, asked));
    }
  }
  return { ...last, attempts };
}

/**
 * One key per body: the same body sent again (the call handler presses Registreren after a network failure)
 * keeps its key, so a request that did reach intake is not registered twice; a changed body gets a new key, as
 * does the next melding after a success (a key reused for another body is refused: 422 `idempotency-key-reused`).
 */
export class IdempotencyKeys {
  private current: { body: string; key: string } | undefined;

  constructor(private readonly newKey: () => string = () => globalThis.crypto.randomUUID()) {}

  keyFor(body: string): string {
    if (this.current?.body !== body) this.current = { body, key: this.newKey() };
    return this.current.key;
  }

  /** After a definitive answer to the body (stored: 201), the next body, even an identical one, is a new melding. */
  settled(): void {
    this.current = undefined;
  }
}
