import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Outbox } from '@vt/runtime';
import { recordHouseholdDecision } from '../household-record/record-household-decision';
import { ScheduledFact, ScheduledFactRunner } from '../scheduled-facts/scheduled-facts';

/** A due monitoring check-in becomes `RegisterMonitoringCheckInDue` for the household's decider. */
@Injectable()
export class MonitoringCheckIns implements OnModuleInit {
  constructor(
    private readonly runner: ScheduledFactRunner,
    private readonly outbox: Outbox,
  ) {}

  onModuleInit(): void {
    this.runner.register('monitoring-check-in', (manager, fact, now) => this.due(manager, fact, now));
  }

  private async due(manager: EntityManager, fact: ScheduledFact, now: Date): Promise<void> {
    const { monitoringId, checkIn } = fact.payload as { monitoringId: string; checkIn: number };
    await recordHouseholdDecision({
      manager,
      publish: (messages) => this.outbox.publish(manager, messages),
      householdId: fact.householdId,
      commandFor: () => ({ type: 'RegisterMonitoringCheckInDue', monitoringId, checkIn, actor: 'system:safety-investigation' }),
      now,
    });
  }
}
