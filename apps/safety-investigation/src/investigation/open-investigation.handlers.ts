import { randomUUID } from 'node:crypto';
import { CloudEvent, DomainEvent, EventType, INVESTIGATION_OPENED, newEvent, SAFETY_ASSESSMENT_COMPLETED_V2, TOPICS } from '@vt/contracts';
import { EventsController, InboxContext, OnEvent } from '@vt/runtime';
import { Ctx, Payload } from '@nestjs/microservices';
import { SAFETY_INVESTIGATION_GROUP } from '../consumer-groups';

/**
 * The assessment's decision to investigate opens the household's one integral investigation. A later
 * decision while an investigation is open adds to that investigation instead of opening a second one.
 * What the investigation holds (plan, findings, conclusion) arrives with the investigation issue.
 */
@EventsController()
export class OpenInvestigationHandlers {
  @OnEvent(SAFETY_INVESTIGATION_GROUP, SAFETY_ASSESSMENT_COMPLETED_V2)
  async safetyAssessmentCompleted(@Payload() event: CloudEvent<EventType>, @Ctx() { manager, publish }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof SAFETY_ASSESSMENT_COMPLETED_V2>;
    if (data.outcome !== 'onderzoek') return;
    const now = new Date();
    const investigationId = randomUUID();
    const opened = (await manager.query(
      `insert into investigation (investigation_id, household_id, assessment_id, melding_id, opened_at)
       values ($1, $2, $3, $4, $5) on conflict do nothing returning investigation_id`,
      [investigationId, data.householdId, data.assessmentId, data.meldingId, now],
    )) as unknown[];
    if (opened.length === 0) return;
    await publish([
      {
        topic: TOPICS.investigations,
        event: newEvent({
          type: INVESTIGATION_OPENED,
          service: 'safety-investigation',
          householdId: data.householdId,
          subject: investigationId,
          time: now,
          causedBy: event,
          data: {
            investigationId,
            householdId: data.householdId,
            basedOn: { assessmentId: data.assessmentId, meldingId: data.meldingId },
            openedAt: now.toISOString(),
            actor: 'system:safety-investigation',
          },
        }),
      },
    ]);
  }
}
