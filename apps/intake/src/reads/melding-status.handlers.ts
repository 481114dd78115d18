import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ACUTE_CHECK_COMPLETED, CRISIS_INTERVENTION_REQUESTED, DomainEvent, SAFETY_ASSESSMENT_COMPLETED_V2 } from '@vt/contracts';
import { EventHandler } from '@vt/messaging';
import { EventHandlers } from '@vt/runtime';

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
@Injectable()
export class MeldingStatusHandlers implements EventHandlers {
  handlers(): Partial<Record<typeof ACUTE_CHECK_COMPLETED | typeof CRISIS_INTERVENTION_REQUESTED | typeof SAFETY_ASSESSMENT_COMPLETED_V2, EventHandler>> {
    return {
      [ACUTE_CHECK_COMPLETED]: async (event, { manager }) => {
        const { data } = event as DomainEvent<typeof ACUTE_CHECK_COMPLETED>;
        await advance(manager, data.meldingId, 'acute-check-done', data.checkedAt);
      },
      [CRISIS_INTERVENTION_REQUESTED]: async (event, { manager }) => {
        const { data } = event as DomainEvent<typeof CRISIS_INTERVENTION_REQUESTED>;
        await advance(manager, data.meldingId, 'with-crisis-function', data.requestedAt);
      },
      [SAFETY_ASSESSMENT_COMPLETED_V2]: async (event, { manager }) => {
        const { data } = event as DomainEvent<typeof SAFETY_ASSESSMENT_COMPLETED_V2>;
        await advance(manager, data.meldingId, 'assessed', data.completedAt, data.outcome);
      },
    };
  }
}
