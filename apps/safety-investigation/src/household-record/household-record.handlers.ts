import { Injectable } from '@nestjs/common';
import { ACUTE_CHECK_COMPLETED, CRISIS_ACTION_RECORDED, DomainEvent } from '@vt/contracts';
import { EventHandler } from '@vt/messaging';
import { EventHandlers } from '@vt/runtime';
import { onAcuteCheckCompleted } from '@vt/household-domain';
import { householdVtRegion } from './household-access';
import { recordHouseholdDecision } from './record-household-decision';

/**
 * A checked melding opens the household's safety record in the melding's VT region, or is added to the record
 * it already has.
 * When crisis staff confirm a person's immediate safety, the household record records it too, so the
 * phase can follow what the crisis function established.
 */
@Injectable()
export class HouseholdRecordHandlers implements EventHandlers {
  handlers(): Partial<Record<typeof ACUTE_CHECK_COMPLETED | typeof CRISIS_ACTION_RECORDED, EventHandler>> {
    return {
      [ACUTE_CHECK_COMPLETED]: async (event, { manager, publish }) => {
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
      },
      [CRISIS_ACTION_RECORDED]: async (event, { manager, publish }) => {
        const { data } = event as DomainEvent<typeof CRISIS_ACTION_RECORDED>;
        if (data.action !== 'immediate-safety-confirmed' || !data.personId) return;
        const personId = data.personId;
        await recordHouseholdDecision({
          manager,
          publish,
          householdId: data.householdId,
          commandFor: () => ({ type: 'ConfirmImmediateSafety', personId, how: 'confirmed by the crisis function', actor: data.actor }),
          now: new Date(),
          causedBy: event,
        });
      },
    };
  }
}
