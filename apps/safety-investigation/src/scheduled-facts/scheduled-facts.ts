import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DueWorkLoop } from '@vt/messaging';
import { DATA_SOURCE } from '@vt/runtime';

/** What falls due later: a monitoring check-in or the time its answer was expected, or a huisverbod's end approaching or reached. */
export type ScheduledKind = 'monitoring-check-in' | 'monitoring-check-in-overdue' | 'huisverbod-end-approaching' | 'huisverbod-ended';

export interface ScheduledFact {
  scheduledId: string;
  kind: ScheduledKind;
  householdId: string;
  subjectId: string;
  dueAt: Date;
  payload: Record<string, unknown>;
}

/** Schedules a fact in the caller's transaction, so it exists exactly when the fact that caused it does. */
export async function schedule(manager: EntityManager, facts: Omit<ScheduledFact, 'scheduledId'>[]): Promise<void> {
  for (const fact of facts) {
    await manager.query('insert into scheduled_fact (scheduled_id, kind, household_id, subject_id, due_at, payload) values ($1, $2, $3, $4, $5, $6)', [
      randomUUID(),
      fact.kind,
      fact.householdId,
      fact.subjectId,
      fact.dueAt,
      JSON.stringify(fact.payload),
    ]);
  }
}

/** Cancels what is still pending for a subject (an extended huisverbod reschedules its clock). */
export async function cancelScheduled(manager: EntityManager, subjectId: string, kinds: ScheduledKind[]): Promise<void> {
  await manager.query(`update scheduled_fact set state = 'cancelled' where subject_id = $1 and kind = any($2) and state = 'pending'`, [subjectId, kinds]);
}

export type ScheduledFactHandler = (manager: EntityManager, fact: ScheduledFact, now: Date) => Promise<void>;

/**
 * Fires due facts, in the manner of the statutory timers (docs/adr/0008): due rows are taken with
 * FOR UPDATE SKIP LOCKED, handled and marked fired in one transaction with the events they cause, so two
 * replicas never fire one twice and a restart catches up on what fell due while the service was down.
 */
@Injectable()
export class ScheduledFactRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly handlers = new Map<ScheduledKind, ScheduledFactHandler>();
  private readonly loop = new DueWorkLoop({
    name: 'scheduled facts',
    logger: new Logger('ScheduledFacts'),
    work: {
      fireDue: (now) => this.dataSource.transaction((manager) => this.fireDue(manager, now)),
      nextDue: async () => {
        const [next] = (await this.dataSource.query(`select min(due_at) as next from scheduled_fact where state = 'pending'`)) as { next: Date | null }[];
        return next?.next ?? undefined;
      },
    },
  });

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  register(kind: ScheduledKind, handler: ScheduledFactHandler): void {
    this.handlers.set(kind, handler);
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  async fireDue(manager: EntityManager, now: Date, limit = 100): Promise<number> {
    const due = (await manager.query(`select * from scheduled_fact where state = 'pending' and due_at <= $1 order by due_at limit $2 for update skip locked`, [now, limit])) as {
      scheduled_id: string;
      kind: ScheduledKind;
      household_id: string;
      subject_id: string;
      due_at: Date;
      payload: Record<string, unknown>;
    }[];
    for (const row of due) {
      const handler = this.handlers.get(row.kind);
      if (!handler) throw new Error(`no handler for scheduled fact kind ${row.kind}`);
      await handler(manager, { scheduledId: row.scheduled_id, kind: row.kind, householdId: row.household_id, subjectId: row.subject_id, dueAt: row.due_at, payload: row.payload }, now);
      await manager.query(`update scheduled_fact set state = 'fired', fired_at = $2 where scheduled_id = $1`, [row.scheduled_id, now]);
    }
    return due.length;
  }
}
