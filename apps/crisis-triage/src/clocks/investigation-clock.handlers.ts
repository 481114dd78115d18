import { CloudEvent, DomainEvent, EventType, INVESTIGATION_CONCLUDED_V2 } from '@vt/contracts';
import { TimerStore } from '@vt/messaging';
import { EventsController, InboxContext, OnEvent } from '@vt/runtime';
import { Ctx, Payload } from '@nestjs/microservices';
import { CRISIS_TRIAGE_GROUP } from '../consumer-groups';

/**
 * The concluded investigation stops the 10-week `onderzoek` clock that the decision to investigate
 * started (subject: the assessment id). In time it is met (`DeadlineMet`); after the deadline it was
 * already breached and is recorded as completed late. A redelivery changes nothing.
 */
@EventsController()
export class InvestigationClockHandlers {
  constructor(private readonly timers: TimerStore) {}

  @OnEvent(CRISIS_TRIAGE_GROUP, INVESTIGATION_CONCLUDED_V2)
  async investigationConcluded(@Payload() event: CloudEvent<EventType>, @Ctx() { manager }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof INVESTIGATION_CONCLUDED_V2>;
    await this.timers.complete(manager, 'onderzoek', data.basedOn.assessmentId, new Date(data.concludedAt));
  }
}
