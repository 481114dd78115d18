import { Injectable } from '@nestjs/common';
import { ACUTE_CHECK_COMPLETED, DomainEvent, newEvent, TOPICS } from '@vt/contracts';
import { EventHandler } from '@vt/messaging';
import { EventHandlers } from '@vt/runtime';
import { decide } from '@vt/household-domain';
import { loadHousehold, storeHouseholdEvent } from './household-record.repository';

/** A checked melding opens the household's safety record (in directe veiligheid) if it has none yet. */
@Injectable()
export class HouseholdRecordHandlers implements EventHandlers {
  handlers(): Partial<Record<typeof ACUTE_CHECK_COMPLETED, EventHandler>> {
    return {
      [ACUTE_CHECK_COMPLETED]: async (event, { manager, publish }) => {
        const { data } = event as DomainEvent<typeof ACUTE_CHECK_COMPLETED>;
        const now = new Date();
        const state = await loadHousehold(manager, data.householdId);
        const decided = decide(
          {
            type: 'OpenHouseholdRecord',
            householdId: data.householdId,
            gemeenteCode: data.gemeenteCode,
            persons: data.persons,
            basedOn: { meldingId: data.meldingId, acuteCheckId: data.checkId, acute: data.acute },
            actor: 'system:safety-investigation',
          },
          state,
          now,
        );
        for (const fact of decided) {
          const outgoing = newEvent({ type: fact.type, service: 'safety-investigation', householdId: data.householdId, subject: data.householdId, time: now, causedBy: event, data: fact.data });
          await storeHouseholdEvent(manager, outgoing.id, fact);
          await publish([{ topic: TOPICS.householdPhases, event: outgoing }]);
        }
      },
    };
  }
}
