import { Injectable } from '@nestjs/common';
import { ACUTE_CHECK_COMPLETED, DomainEvent } from '@vt/contracts';
import { EventHandler } from '@vt/messaging';
import { EventHandlers } from '@vt/runtime';
import { onAcuteCheckCompleted } from '@vt/household-domain';
import { recordHouseholdDecision } from './record-household-decision';

/** A checked melding opens the household's safety record, or is added to the record it already has. */
@Injectable()
export class HouseholdRecordHandlers implements EventHandlers {
  handlers(): Partial<Record<typeof ACUTE_CHECK_COMPLETED, EventHandler>> {
    return {
      [ACUTE_CHECK_COMPLETED]: async (event, { manager, publish }) => {
        const { data } = event as DomainEvent<typeof ACUTE_CHECK_COMPLETED>;
        await recordHouseholdDecision({
          manager,
          publish,
          householdId: data.householdId,
          commandFor: (state) => onAcuteCheckCompleted(data, state, 'system:safety-investigation'),
          now: new Date(),
          causedBy: event,
        });
      },
    };
  }
}
