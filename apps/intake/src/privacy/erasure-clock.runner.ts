import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DueWorkLoop } from '@vt/messaging';
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
  private readonly loop = new DueWorkLoop({
    name: 'privacy clock',
    logger: this.logger,
    maxIntervalMs: intervalMs(),
    work: { fireDue: (now) => this.fireDue(now) },
  });

  constructor(private readonly erasures: ErasureService) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Runs a round now (after a new request was registered). */
  wake(): void {
    this.loop.wake();
  }

  /** Destruction-request clocks due at `now`, then at most one household whose retention ended. */
  private async fireDue(now: Date): Promise<number> {
    const fired = await this.erasures.transaction((manager) => this.erasures.fireDueRequests(manager, now));
    if (fired > 0) return fired;
    const done = await this.erasures.transaction((manager) => this.erasures.eraseOneExpiredHousehold(manager, now));
    if (!done) return 0;
    this.logger.log(`retention ended for household ${done.householdId}: erased ${done.erased} persons`);
    return 1;
  }
}
