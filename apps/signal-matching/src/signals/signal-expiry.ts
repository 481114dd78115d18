import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DueWorkLoop } from '@vt/messaging';
import { Signals } from './signals';

/**
 * A signal's term: still active at its `expires_at`, it expires, its pseudonym is cleared and its data key destroyed.
 * Durable (the due time is a column), caught up at start, and safe with several replicas (SKIP LOCKED), as referral's
 * answer clock.
 */
@Injectable()
export class SignalExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop = new DueWorkLoop({
    name: 'signal expiry',
    logger: new Logger('SignalExpiry'),
    work: { fireDue: (now) => this.signals.expireDue(now), nextDue: () => this.signals.nextExpiry() },
  });

  constructor(private readonly signals: Signals) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** After a registration: its expiry may be the next one due. */
  wake(): void {
    this.loop.wake();
  }
}
