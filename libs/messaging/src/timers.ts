import { DataSource, EntityManager } from 'typeorm';
import {
  DEADLINE_APPROACHING,
  DEADLINE_BREACHED,
  DEADLINE_EXTENDED_V2,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DeadlineFacts,
  EncryptedText,
  newEvent,
  TOPICS,
} from '@vt/contracts';
import { appendToOutbox, OutboxMessage } from './outbox';
import { MessagingLogger } from './kafka-client';
import { DueWorkLoop } from './due-work-loop';

export interface StartTimer {
  timerId: string;
  clock: string;
  legalBasis: string;
  counting: string;
  calendar: string;
  householdId: string;
  subjectId: string;
  startedAt: Date;
  dueAt: Date;
  approachingAt: Date;
  warnings: string[];
}

interface TimerRow {
  timer_id: string;
  clock: string;
  legal_basis: string;
  counting: string;
  calendar: string;
  household_id: string;
  subject_id: string;
  started_at: Date;
  due_at: Date;
  approaching_at: Date;
  extensions: number;
  state: 'running' | 'approaching' | 'breached' | 'met' | 'completed-late' | 'cancelled';
}

function facts(row: TimerRow): DeadlineFacts {
  return {
    timerId: row.timer_id,
    clock: row.clock,
    legalBasis: row.legal_basis,
    householdId: row.household_id,
    subjectId: row.subject_id,
    startedAt: row.started_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    counting: row.counting,
    calendar: row.calendar,
  };
}

/** Statutory clocks as durable rows; every change is a fact on `vt.triage.deadlines.v1` via the outbox. */
export class TimerStore {
  constructor(
    private readonly schema: string,
    private readonly service: string,
  ) {}

  private message(type: Parameters<typeof newEvent>[0]['type'], row: TimerRow, extra: Record<string, unknown>, now: Date): OutboxMessage {
    return {
      topic: TOPICS.triageDeadlines,
      event: newEvent({ type, service: this.service, householdId: row.household_id, subject: row.subject_id, time: now, data: { ...facts(row), ...extra } as never }),
    };
  }

  /** Starts a clock in the caller's transaction; starting the same clock for the same subject twice is a no-op. */
  async start(manager: EntityManager, timer: StartTimer): Promise<boolean> {
    const inserted = (await manager.query(
      `insert into timer (timer_id, clock, legal_basis, counting, calendar, household_id, subject_id, started_at, due_at, approaching_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (clock, subject_id) do nothing returning *`,
      [timer.timerId, timer.clock, timer.legalBasis, timer.counting, timer.calendar, timer.householdId, timer.subjectId, timer.startedAt, timer.dueAt, timer.approachingAt],
    )) as TimerRow[];
    const row = inserted[0];
    if (!row) return false;
    await appendToOutbox(manager, this.schema, [this.message(DEADLINE_STARTED, row, { approachingAt: row.approaching_at.toISOString(), warnings: timer.warnings }, timer.startedAt)]);
    return true;
  }

  /** The work the clock measures is done: met when before the deadline, else recorded as completed late. */
  async complete(manager: EntityManager, clock: string, subjectId: string, now: Date): Promise<{ dueAt: Date; met: boolean } | undefined> {
    const [row] = (await manager.query('select * from timer where clock = $1 and subject_id = $2 for update', [clock, subjectId])) as TimerRow[];
    if (!row) return undefined;
    const met = now.getTime() <= row.due_at.getTime();
    if (row.state === 'running' || row.state === 'approaching' || row.state === 'breached') {
      await manager.query('update timer set state = $2, completed_at = $3 where timer_id = $1', [row.timer_id, met ? 'met' : 'completed-late', now]);
      if (met) await appendToOutbox(manager, this.schema, [this.message(DEADLINE_MET, row, { metAt: now.toISOString() }, now)]);
    }
    return { dueAt: row.due_at, met };
  }

  /**
   * Moves the deadline of a running clock, recording the reason and who decided. The reason is a person's free
   * text: the caller encrypts it under the key of the person or household it concerns (docs/adr/0020).
   */
  async extend(manager: EntityManager, timerId: string, compute: (row: { startedAt: Date; extensions: number }) => { dueAt: Date; approachingAt: Date }, reason: EncryptedText, actor: string, now: Date) {
    const [row] = (await manager.query('select * from timer where timer_id = $1 for update', [timerId])) as TimerRow[];
    if (!row) return { kind: 'not-found' as const };
    if (row.state !== 'running' && row.state !== 'approaching') return { kind: 'not-running' as const, state: row.state };
    const extensions = row.extensions + 1;
    const next = compute({ startedAt: row.started_at, extensions });
    const [updated] = (await manager.query(`update timer set extensions = $2, due_at = $3, approaching_at = $4, state = 'running' where timer_id = $1 returning *`, [
      timerId,
      extensions,
      next.dueAt,
      next.approachingAt,
    ])) as TimerRow[][];
    const fresh = (Array.isArray(updated) ? updated[0] : updated) as TimerRow | undefined;
    if (!fresh) throw new Error(`timer ${timerId} vanished while extending it`);
    await appendToOutbox(manager, this.schema, [this.message(DEADLINE_EXTENDED_V2, fresh, { previousDueAt: row.due_at.toISOString(), extension: extensions, reason, actor }, now)]);
    return { kind: 'extended' as const, dueAt: fresh.due_at, extensions };
  }

  /**
   * Fires what is due at `now`: DeadlineApproaching for clocks past their lead time, DeadlineBreached for
   * clocks past their deadline. Rows are locked with SKIP LOCKED so concurrent replicas share the work.
   */
  async fireDue(manager: EntityManager, now: Date, limit = 200): Promise<number> {
    const due = (await manager.query(
      `select * from timer
        where (state = 'running' and approaching_at <= $1) or (state in ('running', 'approaching') and due_at <= $1)
        order by least(approaching_at, due_at) limit $2 for update skip locked`,
      [now, limit],
    )) as TimerRow[];
    const messages: OutboxMessage[] = [];
    for (const row of due) {
      if (row.due_at.getTime() <= now.getTime()) {
        await manager.query(`update timer set state = 'breached' where timer_id = $1`, [row.timer_id]);
        messages.push(this.message(DEADLINE_BREACHED, row, { breachedAt: now.toISOString() }, now));
      } else {
        await manager.query(`update timer set state = 'approaching' where timer_id = $1`, [row.timer_id]);
        messages.push(this.message(DEADLINE_APPROACHING, row, { approachingAt: row.approaching_at.toISOString() }, now));
      }
    }
    await appendToOutbox(manager, this.schema, messages);
    return due.length;
  }

  async nextWakeUp(dataSource: DataSource): Promise<Date | undefined> {
    const [row] = (await dataSource.query(
      `select min(case when state = 'running' then least(approaching_at, due_at) else due_at end) as next from timer where state in ('running', 'approaching')`,
    )) as { next: Date | null }[];
    return row?.next ?? undefined;
  }
}

/** Fires due timers at start (catching up on what fell due while down) and then at each next due time. */
export class TimerRunner {
  private readonly loop: DueWorkLoop;

  constructor(options: { dataSource: DataSource; store: TimerStore; logger: MessagingLogger; maxIntervalMs?: number; now?: () => Date }) {
    const { dataSource, store } = options;
    this.loop = new DueWorkLoop({
      name: 'timer',
      logger: options.logger,
      ...(options.maxIntervalMs === undefined ? {} : { maxIntervalMs: options.maxIntervalMs }),
      ...(options.now ? { now: options.now } : {}),
      work: {
        fireDue: (now) => dataSource.transaction((manager) => store.fireDue(manager, now)),
        nextDue: () => store.nextWakeUp(dataSource),
      },
    });
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Runs one round now (e.g. after a new timer was started); safe to call at any time. */
  wake(): void {
    this.loop.wake();
  }
}
