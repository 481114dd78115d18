import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, HOUSEHOLD_PHASE_CHANGED_V2, HOUSEHOLD_RECORD_OPENED } from '@vt/contracts';
import { EventHandler } from '@vt/messaging';
import { EventHandlers } from '@vt/runtime';

async function recordCase(manager: EntityManager, householdId: string, status: 'open' | 'closed', at: string): Promise<void> {
  await manager.query(
    `insert into household_case (household_id, status, updated_at) values ($1, $2, $3)
     on conflict (household_id) do update set status = excluded.status, updated_at = excluded.updated_at where household_case.updated_at <= excluded.updated_at`,
    [householdId, status, at],
  );
}

/** Keeps radar's view of each case: open while the household record is open, closed once it is closed. */
@Injectable()
export class HouseholdCaseHandlers implements EventHandlers {
  handlers(): Partial<Record<typeof HOUSEHOLD_RECORD_OPENED | typeof HOUSEHOLD_PHASE_CHANGED_V2, EventHandler>> {
    return {
      [HOUSEHOLD_RECORD_OPENED]: async (event, { manager }) => {
        const { data } = event as DomainEvent<typeof HOUSEHOLD_RECORD_OPENED>;
        await recordCase(manager, data.householdId, 'open', data.openedAt);
      },
      [HOUSEHOLD_PHASE_CHANGED_V2]: async (event, { manager }) => {
        const { data } = event as DomainEvent<typeof HOUSEHOLD_PHASE_CHANGED_V2>;
        await recordCase(manager, data.householdId, data.to === 'gesloten' ? 'closed' : 'open', data.changedAt);
      },
    };
  }
}
