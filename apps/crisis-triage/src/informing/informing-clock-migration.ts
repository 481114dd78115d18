import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { MeldingReceivedData, TOPICS } from '@vt/contracts';
import { TimerStore, TopicNames } from '@vt/messaging';
import { DATA_SOURCE, KAFKA, TOPIC_NAMES } from '@vt/runtime';
import { ClockState, convertLegacyInformingClock, INFORMING_CLOCK } from '@vt/triage-domain';
import { calendarPlace, ClockPlanner } from '../clocks/clock-planner';
import { storePersons } from './melding-persons';
import { readMeldingenReceived } from './melding-log-reader';

interface LegacyRow {
  timer_id: string;
  subject_id: string;
  household_id: string;
  legal_basis: string;
  counting: string;
  calendar: string;
  started_at: Date;
  due_at: Date;
  approaching_at: Date;
  extensions: number;
  state: ClockState;
  person_id: string | null;
}

/** What one run of the step did. */
export interface InformingMigrationRun {
  runId: string;
  legacyClocks: number;
  converted: { meldingId: string; oldTimerId: string; newTimerIds: string[] }[];
  notFound: { meldingId: string; timerId: string; reason: string }[];
}

/**
 * The start-up step that turns the melding-level `informeren-betrokkenen` clocks of the first releases (no person,
 * so nothing could meet them and every melding breached after 4 weeks) into one clock per person of the melding
 * (rule I7, docs/adr/0021). crisis-triage did not keep those meldingen's persons, so it reads them where they are
 * recorded: the MeldingReceived events on vt.intake.meldingen.v1, from the beginning up to the end offsets at the
 * start of the run, in a throw-away consumer group (`crisis-triage.informing-migration.<uuid>`, within the groups its
 * principal may use). Each melding is converted in one transaction of its own (persons stored, a DeadlineStarted per
 * person with the old start and due date, the old clock ended with DeadlineSuperseded); a clock another replica
 * converted first is left alone, so it happens once. A melding whose event cannot be found keeps its clock running,
 * and the step logs which and why. Each run that found legacy clocks is recorded in `informing_clock_migration`;
 * once none are left the step only checks that and reads nothing.
 *
 * It runs in the background after start, so a long log does not hold up readiness.
 */
@Injectable()
export class InformingClockMigration implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('InformingClockMigration');
  private running?: Promise<unknown>;
  private readonly stopping = new AbortController();

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TOPIC_NAMES) private readonly topicNames: TopicNames,
    private readonly timers: TimerStore,
    private readonly clocks: ClockPlanner,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.run().catch((error: unknown) => {
      this.logger.error(`converting melding-level informing clocks failed; they keep running and the step runs again at the next start: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  /** One run: finds the open melding-level informing clocks, reads their meldingen's persons from the log, converts them. */
  async run(now: () => Date = () => new Date()): Promise<InformingMigrationRun | undefined> {
    const legacy = (await this.dataSource.query(
      `select * from timer where clock = $1 and person_id is null and state in ('running', 'approaching', 'breached') order by started_at`,
      [INFORMING_CLOCK],
    )) as LegacyRow[];
    if (legacy.length === 0) return undefined;
    const startedAt = now();
    const runId = randomUUID();
    this.logger.log(`${legacy.length} melding-level informing clocks to convert into clocks per person; reading ${TOPICS.meldingen} for their meldingen's persons`);
    const reading = await readMeldingenReceived({
      kafka: this.kafka,
      topic: this.topicNames.physical(TOPICS.meldingen),
      groupId: this.topicNames.physical(`crisis-triage.informing-migration.${runId}`),
      wanted: new Set(legacy.map((row) => row.subject_id)),
      signal: this.stopping.signal,
    });
    const result: InformingMigrationRun = { runId, legacyClocks: legacy.length, converted: [], notFound: [] };
    for (const row of legacy) {
      if (this.stopping.signal.aborted) return undefined;
      const melding = reading.found.get(row.subject_id);
      const outcome = await this.dataSource.transaction((manager) => this.convert(manager, row.timer_id, melding, now()));
      if (outcome.kind === 'converted') result.converted.push({ meldingId: row.subject_id, oldTimerId: row.timer_id, newTimerIds: outcome.newTimerIds });
      else if (outcome.reason !== 'not-open' && outcome.reason !== 'not-melding-level') {
        const invalid = reading.invalid.find((record) => record.meldingId === row.subject_id);
        const why =
          outcome.reason === 'melding-not-found'
            ? invalid
              ? `its MeldingReceived at ${TOPICS.meldingen} partition ${invalid.partition} offset ${invalid.offset} is not valid: ${invalid.reason}`
              : `no MeldingReceived for it on ${TOPICS.meldingen} (read ${reading.records} records up to the end offsets)`
            : 'its MeldingReceived names no person other than the melder';
        result.notFound.push({ meldingId: row.subject_id, timerId: row.timer_id, reason: why });
      }
    }
    await this.dataSource.query(
      `insert into informing_clock_migration (run_id, started_at, finished_at, legacy_clocks, converted, not_found) values ($1, $2, $3, $4, $5, $6)`,
      [runId, startedAt, now(), legacy.length, result.converted.length, JSON.stringify(result.notFound)],
    );
    this.logger.log(`converted ${result.converted.length} of ${legacy.length} melding-level informing clocks into clocks per person (run ${runId})`);
    for (const kept of result.notFound) {
      this.logger.warn(`melding ${kept.meldingId}: its melding-level informing clock ${kept.timerId} keeps running, not converted: ${kept.reason}`);
    }
    return result;
  }

  private async convert(manager: EntityManager, timerId: string, melding: MeldingReceivedData | undefined, now: Date) {
    const [row] = (await manager.query('select * from timer where timer_id = $1 for update', [timerId])) as LegacyRow[];
    if (!row) return { kind: 'kept' as const, reason: 'not-open' as const };
    const decision = convertLegacyInformingClock({ timerId, state: row.state, personId: row.person_id }, melding);
    if (!decision.convert) return { kind: 'kept' as const, reason: decision.reason };
    await storePersons(manager, row.subject_id, row.household_id, decision.persons);
    // Same start, due dates and extensions as the old clock; the calendar's warnings (e.g. an undecreed year) again.
    const { warnings } = this.clocks.plan('informeren-betrokkenen', row.started_at, { householdId: row.household_id, subjectId: row.subject_id }, calendarPlace(row.calendar), row.extensions);
    const replacements = decision.persons.map((person) => ({
      timerId: randomUUID(),
      clock: INFORMING_CLOCK,
      legalBasis: row.legal_basis,
      counting: row.counting,
      calendar: row.calendar,
      householdId: row.household_id,
      subjectId: row.subject_id,
      personId: person.personId,
      startedAt: row.started_at,
      dueAt: row.due_at,
      approachingAt: row.approaching_at,
      warnings,
    }));
    const result = await this.timers.supersede(manager, timerId, replacements, { reason: 'informing-clock-per-person', actor: 'system:crisis-triage', now });
    if (result.kind !== 'superseded') return { kind: 'kept' as const, reason: 'not-open' as const };
    return { kind: 'converted' as const, newTimerIds: result.replacedBy.map((r) => r.timerId) };
  }
}
