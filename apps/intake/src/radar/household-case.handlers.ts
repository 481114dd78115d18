import { EntityManager } from 'typeorm';
import { CloudEvent, DomainEvent, EventType, HOUSEHOLD_HANDED_OVER, HOUSEHOLD_PHASE_CHANGED_V2, HOUSEHOLD_RECORD_OPENED } from '@vt/contracts';
import { EventsController, InboxContext, OnEvent } from '@vt/runtime';
import { Ctx, Payload } from '@nestjs/microservices';
import { INTAKE_GROUP } from '../consumer-groups';
import { radarCaseStatus } from '@vt/intake-domain';

interface CaseRow {
  record_status: 'open' | 'closed';
  handed_over_at: Date | null;
  directe_veiligheid_at: Date | null;
}

/** The record's own status: the latest phase fact wins (a redelivered or late older fact changes nothing). */
async function recordPhase(manager: EntityManager, householdId: string, record: 'open' | 'closed', at: string, entersDirecteVeiligheid: boolean): Promise<void> {
  await manager.query(
    `insert into household_case (household_id, status, record_status, updated_at, directe_veiligheid_at) values ($1, $2, $2, $3, $4)
     on conflict (household_id) do update set
       record_status = case when household_case.updated_at <= excluded.updated_at then excluded.record_status else household_case.record_status end,
       updated_at = greatest(household_case.updated_at, excluded.updated_at),
       directe_veiligheid_at = greatest(household_case.directe_veiligheid_at, excluded.directe_veiligheid_at)`,
    [householdId, record, at, entersDirecteVeiligheid ? at : null],
  );
}

/**
 * An accepted overdracht, at the time the household record recorded it. A handover that arrives before any
 * phase fact (never on one partition, but cheap to get right) makes a row whose record status any phase
 * fact overrides (`-infinity`).
 */
async function recordHandover(manager: EntityManager, householdId: string, at: string): Promise<void> {
  await manager.query(
    `insert into household_case (household_id, status, record_status, updated_at, handed_over_at) values ($1, 'open', 'open', '-infinity', $2)
     on conflict (household_id) do update set handed_over_at = greatest(household_case.handed_over_at, excluded.handed_over_at)`,
    [householdId, at],
  );
}

/** What radar reads (`status`, `closed_by`), from the facts by the domain rule `radarCaseStatus`. */
async function settleStatus(manager: EntityManager, householdId: string): Promise<void> {
  const [row] = (await manager.query('select record_status, handed_over_at, directe_veiligheid_at from household_case where household_id = $1 for update', [householdId])) as CaseRow[];
  if (!row) return;
  const { status, closedBy } = radarCaseStatus({ record: row.record_status, handedOverAt: row.handed_over_at, directeVeiligheidSince: row.directe_veiligheid_at });
  await manager.query('update household_case set status = $2, closed_by = $3 where household_id = $1', [householdId, status, closedBy ?? null]);
}

/**
 * Keeps radar's view of each case (docs/adr/0018): open while the household record is open; closed once it
 * is `gesloten`, or once zicht op veiligheid was handed over by an accepted overdracht, until the household
 * enters directe veiligheid again. Applied once per event (the consumer's inbox) and order-safe (each fact
 * is kept as its latest time).
 */
@EventsController()
export class HouseholdCaseHandlers {
  @OnEvent(INTAKE_GROUP, HOUSEHOLD_RECORD_OPENED)
  async householdRecordOpened(@Payload() event: CloudEvent<EventType>, @Ctx() { manager }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof HOUSEHOLD_RECORD_OPENED>;
    // A record opens in directe veiligheid.
    await recordPhase(manager, data.householdId, 'open', data.openedAt, true);
    await settleStatus(manager, data.householdId);
  }

  @OnEvent(INTAKE_GROUP, HOUSEHOLD_PHASE_CHANGED_V2)
  async householdPhaseChanged(@Payload() event: CloudEvent<EventType>, @Ctx() { manager }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof HOUSEHOLD_PHASE_CHANGED_V2>;
    await recordPhase(manager, data.householdId, data.to === 'gesloten' ? 'closed' : 'open', data.changedAt, data.to === 'directe-veiligheid');
    await settleStatus(manager, data.householdId);
  }

  @OnEvent(INTAKE_GROUP, HOUSEHOLD_HANDED_OVER)
  async householdHandedOver(@Payload() event: CloudEvent<EventType>, @Ctx() { manager }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof HOUSEHOLD_HANDED_OVER>;
    await recordHandover(manager, data.householdId, event.time);
    await settleStatus(manager, data.householdId);
  }
}
