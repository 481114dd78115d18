import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { runKafkaSasl } from '@vt/testing';

/** Progress lines; stdout is reserved for the result document. */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/**
 * A kafkajs client whose log lines go to stderr; on the run's secured broker (`useInfra` from @vt/testing) it logs
 * in as the admin, so the raw floor and the measured code pay the same SASL and ACL costs.
 */
export function benchKafka(brokers: string[], clientId: string): Kafka {
  const sasl = runKafkaSasl();
  return new Kafka({
    clientId,
    brokers,
    ...(sasl ? { sasl } : {}),
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, log: entry }: LogEntry) =>
        process.stderr.write(`[bench kafkajs ${namespace}] ${entry.message}${entry['error'] ? ` (${String(entry['error'])})` : ''}\n`),
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, description: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A value of about `bytes` bytes: the given fields plus padding. */
export function paddedPayload(fields: Record<string, unknown>, bytes: number): string {
  const bare = JSON.stringify({ ...fields, pad: '' });
  return JSON.stringify({ ...fields, pad: 'x'.repeat(Math.max(0, bytes - Buffer.byteLength(bare))) });
}

export interface TeardownStep {
  step: string;
  ok: boolean;
  ms: number;
  detail?: string;
}

/**
 * Cleanup steps, run last-added first, each bounded by its own timeout. `run` is idempotent so the
 * normal path and a signal handler can both call it.
 */
export class Teardown {
  private readonly steps: { description: string; run: () => Promise<string | void>; timeoutMs: number }[] = [];
  private ran?: Promise<TeardownStep[]>;

  add(description: string, run: () => Promise<string | void>, timeoutMs = 60_000): void {
    this.steps.push({ description, run, timeoutMs });
  }

  run(): Promise<TeardownStep[]> {
    this.ran ??= this.runAll();
    return this.ran;
  }

  private async runAll(): Promise<TeardownStep[]> {
    const results: TeardownStep[] = [];
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      const startedAt = performance.now();
      try {
        const detail = await withTimeout(step.run(), step.timeoutMs, step.description);
        results.push({ step: step.description, ok: true, ms: Math.round(performance.now() - startedAt), ...(detail ? { detail } : {}) });
      } catch (error) {
        log(`teardown: ${step.description} failed: ${errorMessage(error)}`);
        results.push({ step: step.description, ok: false, ms: Math.round(performance.now() - startedAt), detail: errorMessage(error) });
      }
    }
    return results;
  }
}
