import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainEvent, INVESTIGATION_OPENED, newEvent, SAFETY_ASSESSMENT_COMPLETED_V2, TOPICS } from '@vt/contracts';
import { EventHandler } from '@vt/messaging';
import { EventHandlers } from '@vt/runtime';

/**
 * The assessment's decision to investigate opens the household's one integral investigation. A later
 * decision while an investigation is open adds to that investigation instead of opening a second one.
 * What the investigation holds (plan, findings, conclusion) arrives with the investigation issue.
 */
@Injectable()
export class OpenInvestigationHandlers implements EventHandlers {
  handlers(): Partial<Record<typeof SAFETY_ASSESSMENT_COMPLETED_V2, EventHandler>> {
    return {
      [SAFETY_ASSESSMENT_COMPLETED_V2]: async (event, { manager, publish }) => {
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
      },
    };
  }
}
