import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MONITORING_CHECK_IN_DUE } from '@vt/contracts';
import { durationMs, HouseholdState } from '@vt/household-domain';
import { Outbox } from '@vt/runtime';
import { recordHouseholdDecision } from '../household-record/record-household-decision';
import { schedule, ScheduledFact, ScheduledFactRunner } from '../scheduled-facts/scheduled-facts';
import { MonitoringPlanner } from './monitoring-planner';

const SYSTEM = 'system:safety-investigation';

/**
 * A due monitoring check-in becomes `RegisterMonitoringCheckInDue` for the household's decider, and schedules
 * its answer time (the region's `answerWithin`): if no result answered it by then, `MonitoringCheckInOverdue`.
 */
@Injectable()
export class MonitoringCheckIns implements OnModuleInit {
  constructor(
    private readonly runner: ScheduledFactRunner,
    private readonly outbox: Outbox,
    private readonly planner: MonitoringPlanner,
  ) {}

  onModuleInit(): void {
    this.runner.register('monitoring-check-in', (manager, fact, now) => this.due(manager, fact, now));
    this.runner.register('monitoring-check-in-overdue', (manager, fact, now) => this.overdue(manager, fact, now));
  }

  private async due(manager: EntityManager, fact: ScheduledFact, now: Date): Promise<void> {
    const { monitoringId, checkIn } = fact.payload as { monitoringId: string; checkIn: number };
    let state: HouseholdState | undefined;
    const decided = await recordHouseholdDecision({
      manager,
      publish: (messages) => this.outbox.publish(manager, messages),
      householdId: fact.householdId,
      commandFor: (loaded) => {
        state = loaded;
        return { type: 'RegisterMonitoringCheckInDue', monitoringId, checkIn, actor: SYSTEM };
      },
      now,
    });
    const announced = decided.find((event) => event.type === MONITORING_CHECK_IN_DUE);
    if (!announced || !state) return;
    const answerWithin = this.planner.answerWithin(state);
    await schedule(manager, [
      {
        kind: 'monitoring-check-in-overdue',
        householdId: fact.householdId,
        subjectId: monitoringId,
        dueAt: new Date(Date.parse(announced.data.dueAt) + durationMs(answerWithin)),
        payload: { monitoringId, checkIn, answerWithin },
      },
    ]);
  }

  private async overdue(manager: EntityManager, fact: ScheduledFact, now: Date): Promise<void> {
    const { monitoringId, checkIn, answerWithin } = fact.payload as { monitoringId: string; checkIn: number; answerWithin: string };
    await recordHouseholdDecision({
      manager,
      publish: (messages) => this.outbox.publish(manager, messages),
      householdId: fact.householdId,
      commandFor: () => ({ type: 'RegisterMonitoringCheckInOverdue', monitoringId, checkIn, answerWithin, actor: SYSTEM }),
      now,
    });
  }
}
