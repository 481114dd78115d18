import { EntityManager } from 'typeorm';
import { ACUTE_CHECK_COMPLETED, CloudEvent, CRISIS_INTERVENTION_REQUESTED, DomainEvent, EventType, SAFETY_ASSESSMENT_COMPLETED_V2 } from '@vt/contracts';
import { EventsController, InboxContext, OnEvent } from '@vt/runtime';
import { Ctx, Payload } from '@nestjs/microservices';
import { INTAKE_GROUP } from '../consumer-groups';

const ORDER = ['registered', 'acute-check-done', 'with-crisis-function', 'assessed'] as const;
type MeldingStatus = (typeof ORDER)[number];

/** Moves a melding's status forward only: a late or redelivered fact never sets it back. */
async function advance(manager: EntityManager, meldingId: string, status: MeldingStatus, at: string, outcome?: string): Promise<void> {
  await manager.query(
    `update melding set status = $2, status_changed_at = $3, assessment_outcome = coalesce($4, assessment_outcome)
      where melding_id = $1 and array_position($5::text[], status) < array_position($5::text[], $2)`,
    [meldingId, status, at, outcome ?? null, ORDER],
  );
}

/** Where each melding is in the process, from triage's facts: checked, with the crisis function, assessed. */
@EventsController()
export class MeldingStatusHandlers {
  @OnEvent(INTAKE_GROUP, ACUTE_CHECK_COMPLETED)
  async acuteCheckCompleted(@Payload() event: CloudEvent<EventType>, @Ctx() { manager }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof ACUTE_CHECK_COMPLETED>;
    await advance(manager, data.meldingId, 'acute-check-done', data.checkedAt);
  }

  @OnEvent(INTAKE_GROUP, CRISIS_INTERVENTION_REQUESTED)
  async crisisInterventionRequested(@Payload() event: CloudEvent<EventType>, @Ctx() { manager }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof CRISIS_INTERVENTION_REQUESTED>;
    await advance(manager, data.meldingId, 'with-crisis-function', data.requestedAt);
  }

  @OnEvent(INTAKE_GROUP, SAFETY_ASSESSMENT_COMPLETED_V2)
  async safetyAssessmentCompleted(@Payload() event: CloudEvent<EventType>, @Ctx() { manager }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof SAFETY_ASSESSMENT_COMPLETED_V2>;
    await advance(manager, data.meldingId, 'assessed', data.completedAt, data.outcome);
  }
}
