import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ACUTE_CHECK_COMPLETED, DomainEvent, MELDING_RECEIVED, newEvent, TOPICS } from '@vt/contracts';
import { EventHandler } from '@vt/messaging';
import { EventHandlers } from '@vt/runtime';
import { checkAcute } from '@vt/triage-domain';

/** Every melding is checked for acute unsafety the moment it arrives. */
@Injectable()
export class AcuteCheckHandlers implements EventHandlers {
  handlers(): Partial<Record<typeof MELDING_RECEIVED, EventHandler>> {
    return {
      [MELDING_RECEIVED]: async (event, { manager, publish }) => {
        const { data } = event as DomainEvent<typeof MELDING_RECEIVED>;
        const now = new Date();
        const decision = checkAcute({ acuteIndication: data.acuteIndication });
        const checkId = randomUUID();
        await manager.query(
          `insert into acute_check (check_id, melding_id, household_id, gemeente_code, acute, grounds, rule_set_version, checked_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [checkId, data.meldingId, data.householdId, data.gemeenteCode, decision.acute, decision.grounds, decision.ruleSetVersion, now],
        );
        await publish([
          {
            topic: TOPICS.triageAssessments,
            event: newEvent({
              type: ACUTE_CHECK_COMPLETED,
              service: 'crisis-triage',
              householdId: data.householdId,
              subject: data.meldingId,
              time: now,
              causedBy: event,
              data: {
                checkId,
                meldingId: data.meldingId,
                householdId: data.householdId,
                gemeenteCode: data.gemeenteCode,
                acute: decision.acute,
                grounds: decision.grounds,
                ruleSetVersion: decision.ruleSetVersion,
                persons: data.persons,
                checkedAt: now.toISOString(),
                actor: 'system:crisis-triage',
              },
            }),
          },
        ]);
      },
    };
  }
}
