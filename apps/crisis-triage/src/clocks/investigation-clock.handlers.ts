import { Injectable } from '@nestjs/common';
import { DomainEvent, INVESTIGATION_CONCLUDED_V2 } from '@vt/contracts';
import { EventHandler, TimerStore } from '@vt/messaging';
import { EventHandlers } from '@vt/runtime';

/**
 * The concluded investigation stops the 10-week `onderzoek` clock that the decision to investigate
 * started (subject: the assessment id). In time it is met (`DeadlineMet`); after the deadline it was
 * already breached and is recorded as completed late. A redelivery changes nothing.
 */
@Injectable()
export class InvestigationClockHandlers implements EventHandlers {
  constructor(private readonly timers: TimerStore) {}

  handlers(): Partial<Record<typeof INVESTIGATION_CONCLUDED_V2, EventHandler>> {
    return {
      [INVESTIGATION_CONCLUDED_V2]: async (event, { manager }) => {
        const { data } = event as DomainEvent<typeof INVESTIGATION_CONCLUDED_V2>;
        await this.timers.complete(manager, 'onderzoek', data.basedOn.assessmentId, new Date(data.concludedAt));
      },
    };
  }
}
