import { Body, Controller, Get, HttpCode, HttpStatus, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Query, ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { TimerStore } from '@vt/messaging';
import { PersonDataCipher } from '@vt/privacy';
import { CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { AccessLog, AccessPurpose, DATA_SOURCE } from '@vt/runtime';
import { Regions } from '../reference/regions';
import { ClockId, ClockPlanner } from './clock-planner';

const DEADLINE_FIELDS = ['timerId', 'clock', 'legalBasis', 'subjectId', 'startedAt', 'dueAt', 'state', 'extensions', 'completedAt', 'counting', 'calendar'];

export class ExtendDeadlineDto {
  @IsString()
  @MinLength(1, { message: 'reason must record why the term is extended' })
  @MaxLength(2000)
  reason!: string;
}

/** Only the clock for informing involved persons may be extended, by 2 weeks per recorded reason (Wmo 2015 art. 5.3.1). */
const EXTENDABLE: ReadonlySet<string> = new Set<ClockId>(['informeren-betrokkenen']);

/** A household's statutory clocks, scoped to the household's VT region; reading them is recorded on `vt.audit.access.v1`. */
@Controller('api/v1/deadlines')
export class DeadlinesController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly timers: TimerStore,
    private readonly clocks: ClockPlanner,
    private readonly cipher: PersonDataCipher,
    private readonly regions: Regions,
    private readonly accessLog: AccessLog,
  ) {}

  /** A household's statutory clocks: due dates, state (running, approaching, breached, met) and legal basis. */
  @Get()
  @Roles('triage', 'investigator', 'auditor')
  async list(
    @Query('householdId', new ParseUUIDPipe()) householdId: string,
    @AccessPurpose() purpose: string,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
  ): Promise<{ householdId: string; deadlines: unknown[] }> {
    return this.dataSource.transaction(async (manager) => {
      await this.regions.assertHouseholdAccess(manager, user, householdId);
      const deadlines = (await manager.query(
        `select timer_id as "timerId", clock, legal_basis as "legalBasis", subject_id as "subjectId", started_at as "startedAt", due_at as "dueAt",
              state, extensions, completed_at as "completedAt", counting, calendar
         from timer where household_id = $1 order by due_at`,
        [householdId],
      )) as unknown[];
      await this.accessLog.record(manager, { householdId, subject: { kind: 'household', id: householdId }, purpose, fields: DEADLINE_FIELDS, actor });
      return { householdId, deadlines };
    });
  }

  @Post(':timerId/extensions')
  @Roles('triage', 'investigator')
  @HttpCode(HttpStatus.CREATED)
  async extend(@Param('timerId', new ParseUUIDPipe()) timerId: string, @Body() dto: ExtendDeadlineDto, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<Record<string, unknown>> {
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      const [timer] = (await manager.query('select clock, calendar, household_id from timer where timer_id = $1', [timerId])) as { clock: ClockId; calendar: string; household_id: string }[];
      if (!timer) throw new NotFoundException({ statusCode: 404, error: 'deadline-not-found', message: `no deadline ${timerId}` });
      await this.regions.assertHouseholdAccess(manager, user, timer.household_id);
      if (!EXTENDABLE.has(timer.clock)) {
        throw new UnprocessableEntityException({ statusCode: 422, error: 'not-extendable', message: `the ${timer.clock} term cannot be extended; only ${[...EXTENDABLE].join(', ')} can` });
      }
      // The reason is free text: it travels and stays only encrypted under the household's key (docs/adr/0020).
      const reason = await this.cipher.encryptText(timer.household_id, dto.reason, manager);
      const result = await this.timers.extend(manager, timerId, ({ startedAt, extensions }) => this.clocks.replan(timer.clock, startedAt, extensions, timer.calendar), reason, actor, now);
      if (result.kind === 'not-running') throw new ConflictException({ statusCode: 409, error: 'deadline-not-running', message: `the deadline is ${result.state}; only a running term can be extended` });
      if (result.kind === 'not-found') throw new NotFoundException({ statusCode: 404, error: 'deadline-not-found', message: `no deadline ${timerId}` });
      return { timerId, dueAt: result.dueAt.toISOString(), extensions: result.extensions };
    });
  }
}
