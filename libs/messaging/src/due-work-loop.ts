import { describeError } from './errors';
import { MessagingLogger } from './kafka-client';

/**
 * Work that falls due at a time kept in Postgres: statutory timers, a referral's answer time, a
 * monitoring check-in, a destruction request's deadline. `fireDue` handles what is due at `now` in its
 * own transaction (rows taken with FOR UPDATE SKIP LOCKED, so replicas share the work and never do it
 * twice) and says how much it handled; `nextDue` says when the next item falls due, when that is known.
 */
export interface DueWork {
  fireDue(now: Date): Promise<number>;
  nextDue?(): Promise<Date | undefined>;
}

export interface DueWorkLoopOptions {
  /** Names the loop in log lines. */
  name: string;
  work: DueWork;
  logger: MessagingLogger;
  /** The longest it sleeps between rounds, so work another replica scheduled is not missed for long. */
  maxIntervalMs?: number;
  now?: () => Date;
}

/**
 * The one loop behind every durable clock: fires what is due at start (catching up on what fell due
 * while the service was down), keeps firing until nothing is due, then sleeps until the next due time
 * or the maximum interval, whichever comes first. A failed round is logged and tried again.
 */
export class DueWorkLoop {
  private timer?: NodeJS.Timeout;
  private running = false;
  private loop?: Promise<void>;

  constructor(private readonly options: DueWorkLoopOptions) {}

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.loop;
  }

  /** Runs a round now (e.g. after new work was scheduled); safe to call at any time. */
  wake(): void {
    if (this.running) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.loop = this.round();
    }, delayMs);
  }

  private async round(): Promise<void> {
    const { work, logger, name } = this.options;
    const now = () => this.options.now?.() ?? new Date();
    const maxInterval = this.options.maxIntervalMs ?? 1000;
    try {
      while (this.running && (await work.fireDue(now())) > 0) {
        // keep going until nothing is due
      }
      const next = await work.nextDue?.();
      const delay = next ? Math.max(0, Math.min(maxInterval, next.getTime() - now().getTime())) : maxInterval;
      if (this.running) this.schedule(delay);
    } catch (error) {
      logger.warn(`${name} round failed, trying again: ${describeError(error)}`);
      if (this.running) this.schedule(maxInterval);
    }
  }
}
