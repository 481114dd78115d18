import { EntityManager } from 'typeorm';
import { MONITORING_STARTED, newEvent, TOPICS } from '@vt/contracts';
import { OutboxMessage } from '@vt/messaging';
import { decide, HouseholdCommand, HouseholdEvent, HouseholdState } from '@vt/household-domain';
import { appendHouseholdEvents, loadHousehold } from './household-record.repository';
import { schedule } from '../scheduled-facts/scheduled-facts';

export interface HouseholdDecision {
  manager: EntityManager;
  publish(messages: OutboxMessage[]): Promise<void>;
  householdId: string;
  /**
   * The command, which may depend on what the record holds (an acute check opens it or adds to it). It gets the
   * transaction, so that free text is sealed (`SealedText`) in the transaction that records it (ADR 0020).
   */
  commandFor(state: HouseholdState, manager: EntityManager): HouseholdCommand | Promise<HouseholdCommand>;
  now: Date;
  causedBy?: { id: string; correlationid: string };
}

/**
 * Loads the household (locked), lets the decider decide, and stores the new events on the record and in
 * the outbox, all in the caller's transaction. Returns the decided events, a refusal among them.
 */
export async function recordHouseholdDecision({ manager, publish, householdId, commandFor, now, causedBy }: HouseholdDecision): Promise<HouseholdEvent[]> {
  const loaded = await loadHousehold(manager, householdId);
  const decided = decide(await commandFor(loaded.state, manager), loaded.state, now);
  const envelopes = decided.map((fact) => ({
    fact,
    envelope: newEvent({ type: fact.type, service: 'safety-investigation', householdId, subject: householdId, time: now, data: fact.data, causedBy }),
  }));
  await appendHouseholdEvents(
    manager,
    householdId,
    loaded,
    envelopes.map(({ fact, envelope }) => ({ eventId: envelope.id, recordedAt: envelope.time, event: fact })),
  );
  await publish(envelopes.map(({ envelope }) => ({ topic: TOPICS.householdPhases, event: envelope })));
  // A monitoring period's check-ins become durable timers in the same transaction as MonitoringStarted.
  for (const fact of decided) {
    if (fact.type !== MONITORING_STARTED) continue;
    const { monitoringId, checkInsDueAt } = fact.data;
    await schedule(
      manager,
      checkInsDueAt.map((dueAt, i) => ({ kind: 'monitoring-check-in' as const, householdId, subjectId: monitoringId, dueAt: new Date(dueAt), payload: { monitoringId, checkIn: i + 1 } })),
    );
  }
  return decided;
}
