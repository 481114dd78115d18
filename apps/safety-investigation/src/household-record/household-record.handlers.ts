import { ACUTE_CHECK_COMPLETED, CloudEvent, CRISIS_ACTION_RECORDED, DomainEvent, EventType } from '@vt/contracts';
import { EventsController, InboxContext, OnEvent } from '@vt/runtime';
import { Ctx, Payload } from '@nestjs/microservices';
import { SAFETY_INVESTIGATION_GROUP } from '../consumer-groups';
import { onAcuteCheckCompleted } from '@vt/household-domain';
import { householdVtRegion } from './household-access';
import { SealedText } from '../free-text/sealed-text';
import { recordHouseholdDecision } from './record-household-decision';

/** What the record says of a confirmation by the crisis function (crisis staff's own note stays with crisis-triage). */
export const CONFIRMED_BY_CRISIS_FUNCTION = 'confirmed by the crisis function';

/**
 * A checked melding opens the household's safety record in the melding's VT region, or is added to the record
 * it already has.
 * When crisis staff confirm a person's immediate safety, the household record records it too, so the
 * phase can follow what the crisis function established. Its `how` is sealed under the person's key like any
 * other (ADR 0020; `how` is about that person), though here it is the service's own sentence.
 */
@EventsController()
export class HouseholdRecordHandlers {
  constructor(private readonly texts: SealedText) {}

  @OnEvent(SAFETY_INVESTIGATION_GROUP, ACUTE_CHECK_COMPLETED)
  async acuteCheckCompleted(@Payload() event: CloudEvent<EventType>, @Ctx() { manager, publish }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof ACUTE_CHECK_COMPLETED>;
    // The household's VT region: the check's (added in v1), or for an older check its gemeente's.
    const vtRegion = householdVtRegion(data);
    await recordHouseholdDecision({
      manager,
      publish,
      householdId: data.householdId,
      commandFor: (state) => onAcuteCheckCompleted({ ...data, ...(vtRegion ? { vtRegion } : {}) }, state, 'system:safety-investigation'),
      now: new Date(),
      causedBy: event,
    });
  }

  @OnEvent(SAFETY_INVESTIGATION_GROUP, CRISIS_ACTION_RECORDED)
  async crisisActionRecorded(@Payload() event: CloudEvent<EventType>, @Ctx() { manager, publish }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof CRISIS_ACTION_RECORDED>;
    if (data.action !== 'immediate-safety-confirmed' || !data.personId) return;
    const personId = data.personId;
    await recordHouseholdDecision({
      manager,
      publish,
      householdId: data.householdId,
      commandFor: async (_state, transaction) => ({ type: 'ConfirmImmediateSafety', personId, how: await this.texts.seal(personId, CONFIRMED_BY_CRISIS_FUNCTION, transaction), actor: data.actor }),
      now: new Date(),
      causedBy: event,
    });
  }
}
