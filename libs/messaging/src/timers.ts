import { DataSource, EntityManager } from 'typeorm';
import {
  DEADLINE_APPROACHING,
  DEADLINE_BREACHED,
  DEADLINE_EXTENDED_V2,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DEADLINE_SUPERSEDED,
  DeadlineFacts,
  EncryptedText,
  DeadlineSupersededReason,
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
  /** The person the clock runs for (`informeren-betrokkenen`: one clock per involved person of a melding). */
  personId?: string;
  startedAt: Date;
  dueAt: Date;
  approachingAt: Date;
  warnings: string[];
}

/** The event a change of a clock follows from (its `causationid` and `correlationid`). */
export type CausedBy = { id: string; correlationid: string };

interface TimerRow {
  timer_id: string;
  clock: string;
  legal_basis: string;
  counting: string;
  calendar: string;
  household_id: string;
  subject_id: string;
  person_id: string | null;
  started_at: Date;
  due_at: Date;
  approaching_at: Date;
  extensions: number;
  state: 'running' | 'approaching' | 'breached' | 'met' | 'completed-late' | 'cancelled' | 'superseded';
}

function facts(row: TimerRow): DeadlineFacts {
  return {
    timerId: row.timer_id,
    clock: row.clock,
    legalBasis: row.legal_basis,
    householdId: row.household_id,
    subjectId: row.subject_id,
    ...(row.person_id ? { personId: row.person_id } : {}),
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

  private message(type: Parameters<typeof newEvent>[0]['type'], row: TimerRow, extra: Record<string, unknown>, now: Date, causedBy?: CausedBy): OutboxMessage {
    return {
      topic: TOPICS.triageDeadlines,
      event: newEvent({ type, service: this.service, householdId: row.household_id, subject: row.subject_id, time: now, ...(causedBy ? { causedBy } : {}), data: { ...facts(row), ...extra } as never }),
    };
  }

  private async insert(manager: EntityManager, timer: StartTimer, state: TimerRow['state'] = 'running', extensions = 0): Promise<TimerRow | undefined> {
    // A clock runs once per subject, or once per subject and person (the partial unique indexes of the timer table).
    const conflict = timer.personId ? '(clock, subject_id, person_id) where person_id is not null' : '(clock, subject_id) where person_id is null';
    const inserted = (await manager.query(
      `insert into timer (timer_id, clock, legal_basis, counting, calendar, household_id, subject_id, person_id, started_at, due_at, approaching_at, state, extensions)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) on conflict ${conflict} do nothing returning *`,
      [timer.timerId, timer.clock, timer.legalBasis, timer.counting, timer.calendar, timer.householdId, timer.subjectId, timer.personId ?? null, timer.startedAt, timer.dueAt, timer.approachingAt, state, extensions],
    )) as TimerRow[];
    return inserted[0];
  }

  /** Starts a clock in the caller's transaction; starting the same clock for the same subject (and person) twice is a no-op. */
  async start(manager: EntityManager, timer: StartTimer): Promise<boolean> {
    const row = await this.insert(manager, timer);
    if (!row) return false;
    await appendToOutbox(manager, this.schema, [this.message(DEADLINE_STARTED, row, { approachingAt: row.approaching_at.toISOString(), warnings: timer.warnings }, timer.startedAt)]);
    return true;
  }

  /** The work the clock measures is done: met when before the deadline, else recorded as completed late. */
  async complete(manager: EntityManager, clock: string, subjectId: string, now: Date): Promise<{ dueAt: Date; met: boolean } | undefined> {
    const [row] = (await manager.query('select * from timer where clock = $1 and subject_id = $2 and person_id is null for update', [clock, subjectId])) as TimerRow[];
    if (!row) return undefined;
    const met = now.getTime() <= row.due_at.getTime();
    if (row.state === 'running' || row.state === 'approaching' || row.state === 'breached') {
      await manager.query('update timer set state = $2, completed_at = $3 where timer_id = $1', [row.timer_id, met ? 'met' : 'completed-late', now]);
      if (met) await appendToOutbox(manager, this.schema, [this.message(DEADLINE_MET, row, { metAt: now.toISOString() }, now)]);
    }
    return { dueAt: row.due_at, met };
  }

  /**
   * Stops one clock by its id because the work was done at `doneAt` (which may lie before `now`, when it was
   * recorded): met when `doneAt` is at or before the deadline (`DeadlineMet`, `metAt` = `doneAt`, caused by
   * `causedBy`), else completed late. Only an open clock (running, approaching, breached) changes; the caller
   * holds the row's lock (`for update`) when it decided which clocks to stop.
   */
  async completeTimer(manager: EntityManager, timerId: string, doneAt: Date, now: Date, causedBy?: CausedBy): Promise<{ dueAt: Date; met: boolean } | undefined> {
    const [row] = (await manager.query('select * from timer where timer_id = $1 for update', [timerId])) as TimerRow[];
    if (!row || (row.state !== 'running' && row.state !== 'approaching' && row.state !== 'breached')) return undefined;
    const met = doneAt.getTime() <= row.due_at.getTime();
    await manager.query('update timer set state = $2, completed_at = $3 where timer_id = $1', [row.timer_id, met ? 'met' : 'completed-late', doneAt]);
    if (met) await appendToOutbox(manager, this.schema, [this.message(DEADLINE_MET, row, { metAt: doneAt.toISOString() }, now, causedBy)]);
    return { dueAt: row.due_at, met };
  }

  /**
   * Replaces an open clock by others (`replacements`, each with the old clock's start, due dates and extensions,
   * and in its state): each is announced with `DeadlineStarted` (and `DeadlineApproaching` / `DeadlineBreached`
   * when the old clock was already approaching or breached, the breach at the due time), then the old clock ends
   * with `DeadlineSuperseded`, neither met nor breached. All in the caller's transaction; a clock that is no longer
   * open, or gone, is left alone.
   */
  async supersede(
    manager: EntityManager,
    timerId: string,
    replacements: (StartTimer & { personId: string })[],
    options: { reason: DeadlineSupersededReason; actor: string; now: Date },
  ): Promise<{ kind: 'superseded'; replacedBy: { timerId: string; personId: string }[] } | { kind: 'not-open'; state?: string }> {
    const [old] = (await manager.query('select * from timer where timer_id = $1 for update', [timerId])) as TimerRow[];
    if (!old || (old.state !== 'running' && old.state !== 'approaching' && old.state !== 'breached')) return { kind: 'not-open', ...(old ? { state: old.state } : {}) };
    const { now } = options;
    const messages: OutboxMessage[] = [];
    const replacedBy: { timerId: string; personId: string }[] = [];
    for (const replacement of replacements) {
      const row = await this.insert(manager, replacement, old.state, old.extensions);
      if (!row || !row.person_id) continue;
      replacedBy.push({ timerId: row.timer_id, personId: row.person_id });
      messages.push(this.message(DEADLINE_STARTED, row, { approachingAt: row.approaching_at.toISOString(), warnings: replacement.warnings }, now));
      if (old.state === 'approaching') messages.push(this.message(DEADLINE_APPROACHING, row, { approachingAt: row.approaching_at.toISOString() }, now));
      if (old.state === 'breached') messages.push(this.message(DEADLINE_BREACHED, row, { breachedAt: row.due_at.toISOString() }, now));
    }
    await manager.query(`update timer set state = 'superseded', completed_at = $2 where timer_id = $1`, [timerId, now]);
    messages.push(this.message(DEADLINE_SUPERSEDED, old, { reason: options.reason, supersededBy: replacedBy, supersededAt: now.toISOString(), actor: options.actor }, now));
    await appendToOutbox(manager, this.schema, messages);
    return { kind: 'superseded', replacedBy };
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
