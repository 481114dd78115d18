import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ErasureService } from './erasure.service';

/** How often the clocks are looked at, unless woken: `ERASURE_CLOCK_INTERVAL_MS`, default 1 s. */
function intervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env['ERASURE_CLOCK_INTERVAL_MS']?.trim() || '1000';
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 50 || value > 3_600_000) throw new Error(`ERASURE_CLOCK_INTERVAL_MS must be whole milliseconds 50–3600000 (got "${text}")`);
  return value;
}

/**
 * Runs intake's privacy clocks: destruction requests nearing or past their deadline, and the retention
 * job that erases a household once its retention ended. Catches up at start; each round works in
 * transactions with SKIP LOCKED, so replicas share the work and never do it twice.
 */
@Injectable()
export class ErasureClockRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ErasureClock');
  private readonly interval = intervalMs();
  private timer?: NodeJS.Timeout;
  private running = false;
  private round?: Promise<void>;

  constructor(private readonly erasures: ErasureService) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
  }

  /** Runs a round now (after a new request was registered). */
  wake(): void {
    if (this.running) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.round = this.runRound();
    }, delayMs);
  }

  private async runRound(): Promise<void> {
    try {
      while (this.running && (await this.erasures.transaction((manager) => this.erasures.fireDueRequests(manager, new Date()))) > 0) {
        // until nothing is due
      }
      while (this.running) {
        const done = await this.erasures.transaction((manager) => this.erasures.eraseOneExpiredHousehold(manager, new Date()));
        if (!done) break;
        this.logger.log(`retention ended for household ${done.householdId}: erased ${done.erased} persons`);
      }
    } catch (error) {
      this.logger.warn(`privacy clock round failed, trying again: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.running) this.schedule(this.interval);
  }
}
