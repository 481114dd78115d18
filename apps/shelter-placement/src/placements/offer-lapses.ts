import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DueWorkLoop } from '@vt/messaging';
import { Placements } from './placements';

/**
 * An offer's answer term: still open at its `answer_due_at`, it lapses (`LapseOffer`) and the request moves on to the
 * next shelter or escalates. Durable (the due time is a column), caught up at start, and safe with several replicas
 * (SKIP LOCKED, then the decision lock), as signal matching's expiry.
 */
@Injectable()
export class OfferLapses implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop = new DueWorkLoop({
    name: 'shelter offer lapse',
    logger: new Logger('OfferLapses'),
    work: { fireDue: (now) => this.placements.lapseDue(now), nextDue: () => this.placements.nextDue() },
  });

  constructor(private readonly placements: Placements) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** After a new offer: its answer term may be the next one due. */
  wake(): void {
    this.loop.wake();
  }
}
