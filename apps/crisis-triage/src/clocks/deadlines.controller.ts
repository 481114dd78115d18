import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, HttpStatus, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Query, ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { TimerStore } from '@vt/messaging';
import { PersonDataCipher } from '@vt/privacy';
import { CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { AccessLog, AccessPurpose, ApiProblem, DATA_SOURCE, ReadPurpose } from '@vt/runtime';
import { ClockState, extensionRefusal } from '@vt/triage-domain';
import { Regions } from '../reference/regions';
import { ClockId, ClockPlanner } from './clock-planner';

const DEADLINE_FIELDS = ['timerId', 'clock', 'legalBasis', 'subjectId', 'personId', 'role', 'startedAt', 'dueAt', 'state', 'extensions', 'completedAt', 'counting', 'calendar'];

export class ExtendDeadlineDto {
  @IsString()
  @MinLength(1, { message: 'reason must record why the term is extended' })
  @MaxLength(2000)
  @ApiProperty({ type: String, minLength: 1, maxLength: 2000 })
  reason!: string;
}

/** A household's statutory clocks, scoped to the household's VT region; reading them is recorded on `vt.audit.access.v1`. */
@ApiTags('deadlines')
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

  /**
   * A household's statutory clocks: due dates, state (running, approaching, breached, met, completed-late,
   * superseded) and legal basis. An `informeren-betrokkenen` clock runs for one person: `personId` and the
   * person's `role` in the melding; the other clocks have `personId` null.
   */
  @Get()
  @ApiOperation({ summary: 'A household\'s statutory clocks, scoped to the household\'s VT region; the read is recorded on `vt.audit.access.v1`.' })
  @Roles('triage', 'investigator', 'auditor')
  async list(
    @Query('householdId', new ParseUUIDPipe()) householdId: string,
    @AccessPurpose() purpose: ReadPurpose,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
  ): Promise<{ householdId: string; deadlines: unknown[] }> {
    return this.dataSource.transaction(async (manager) => {
      await this.regions.assertHouseholdAccess(manager, user, householdId);
      const deadlines = (await manager.query(
        `select t.timer_id as "timerId", t.clock, t.legal_basis as "legalBasis", t.subject_id as "subjectId", t.person_id as "personId", p.role,
                t.started_at as "startedAt", t.due_at as "dueAt", t.state, t.extensions, t.completed_at as "completedAt", t.counting, t.calendar
           from timer t left join melding_person p on p.melding_id = t.subject_id and p.person_id = t.person_id
          where t.household_id = $1 order by t.due_at, t.person_id nulls first`,
        [householdId],
      )) as unknown[];
      await this.accessLog.record(manager, { householdId, subject: { kind: 'household', id: householdId }, purpose, fields: DEADLINE_FIELDS, actor });
      return { householdId, deadlines };
    });
  }

  /** One clock's extension (so one person's informing clock): + 2 weeks with the recorded reason (Wmo 2015 art. 5.3.1; rule I6). */
  @Post(':timerId/extensions')
  @ApiOperation({ summary: 'Extend one clock (so one person\'s informing clock) by 2 weeks with the recorded reason (Wmo 2015 art. 5.3.1).' })
  @ApiProblem(404, 'No such deadline (`deadline-not-found`).')
  @ApiProblem(409, 'The deadline is not running, or was extended before (`deadline-not-running` and the other refusals of the clock rules).')
  @ApiProblem(422, 'The clock may not be extended (the refusal of the clock rules names why).')
  @Roles('triage', 'investigator')
  @HttpCode(HttpStatus.CREATED)
  async extend(@Param('timerId', new ParseUUIDPipe()) timerId: string, @Body() dto: ExtendDeadlineDto, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<Record<string, unknown>> {
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      const [timer] = (await manager.query('select clock, calendar, state, person_id, household_id from timer where timer_id = $1 for update', [timerId])) as {
        clock: ClockId;
        calendar: string;
        state: ClockState;
        person_id: string | null;
        household_id: string;
      }[];
      if (!timer) throw new NotFoundException({ statusCode: 404, error: 'deadline-not-found', message: `no deadline ${timerId}` });
      await this.regions.assertHouseholdAccess(manager, user, timer.household_id);
      const refusal = extensionRefusal(timer, dto.reason);
      if (refusal?.category === 'conflict') throw new ConflictException({ statusCode: 409, error: refusal.problem, message: refusal.message });
      if (refusal) throw new UnprocessableEntityException({ statusCode: 422, error: refusal.problem, message: refusal.message });
      // The reason is free text: it travels and stays only encrypted, under the key of the person the clock runs for
      // (an informing clock), else under the household's key (docs/adr/0020).
      const reason = await this.cipher.encryptText(timer.person_id ?? timer.household_id, dto.reason, manager);
      const result = await this.timers.extend(manager, timerId, ({ startedAt, extensions }) => this.clocks.replan(timer.clock, startedAt, extensions, timer.calendar), reason, actor, now);
      if (result.kind === 'not-running') throw new ConflictException({ statusCode: 409, error: 'deadline-not-running', message: `the deadline is ${result.state}; only a running term can be extended` });
      if (result.kind === 'not-found') throw new NotFoundException({ statusCode: 404, error: 'deadline-not-found', message: `no deadline ${timerId}` });
      return { timerId, ...(timer.person_id ? { personId: timer.person_id } : {}), dueAt: result.dueAt.toISOString(), extensions: result.extensions };
    });
  }
}
