import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  UnprocessableEntityException,
} from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  INFORMING_METHODS,
  INFORMING_WITHHELD,
  INFORMING_WITHHELD_GROUNDS,
  InformingMethod,
  InformingWithheldGround,
  INVOLVED_PERSON_INFORMED,
  newEvent,
  PersonRole,
  TOPICS,
} from '@vt/contracts';
import { TimerStore } from '@vt/messaging';
import { CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { AccessLog, AccessPurpose, ApiProblem, DATA_SOURCE, Outbox, ReadPurpose } from '@vt/runtime';
import { Regions } from '../reference/regions';
import { ClockState, decideInforming, INFORMING_CLOCK, InformingRecording, InformingRefusal, jurisdictionOfCalendar } from '@vt/triage-domain';

export class WithheldDto {
  @IsIn(INFORMING_WITHHELD_GROUNDS, { message: `ground must be one of ${INFORMING_WITHHELD_GROUNDS.join(', ')}` })
  @ApiProperty({ enum: [...INFORMING_WITHHELD_GROUNDS], type: 'string' })
  ground!: InformingWithheldGround;

  /** When it was decided not to inform the person; default: now. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'decidedAt must be an ISO 8601 date-time' })
  @ApiPropertyOptional({ type: String, description: 'When it was decided not to inform the person; default: now.' })
  decidedAt?: string;
}

/** Either `{ informedAt, method }` (the person was told) or `{ withheld: { ground } }` (a legal ground for not telling them). */
export class RecordInformingDto {
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'informedAt must be an ISO 8601 date-time' })
  @ApiPropertyOptional({ type: String })
  informedAt?: string;

  @IsOptional()
  @IsIn(INFORMING_METHODS, { message: `method must be one of ${INFORMING_METHODS.join(', ')}` })
  @ApiPropertyOptional({ enum: [...INFORMING_METHODS], type: 'string' })
  method?: InformingMethod;

  @IsOptional()
  @IsObject({ message: 'withheld must be an object: { ground, decidedAt }' })
  @ValidateNested()
  @Type(() => WithheldDto)
  @ApiPropertyOptional({ type: () => WithheldDto })
  withheld?: WithheldDto;
}

interface PersonRow {
  melding_id: string;
  role: PersonRole;
}

/** What a read of a household's informing shows, recorded with the read. */
const INFORMING_FIELDS = ['persons.personId', 'persons.role', 'persons.meldingen', 'persons.clocks', 'persons.recordings'];

interface ClockRow {
  timer_id: string;
  subject_id: string;
  started_at: Date;
  due_at: Date;
  state: ClockState;
  calendar: string;
}

function refusalException(refusal: InformingRefusal): HttpException {
  if (refusal.category === 'not-found') return new NotFoundException({ statusCode: 404, error: refusal.problem, message: refusal.message });
  if (refusal.category === 'conflict') return new ConflictException({ statusCode: 409, error: refusal.problem, message: refusal.message });
  return new UnprocessableEntityException({ statusCode: 422, error: refusal.problem, message: refusal.message, ...(refusal.path ? { fields: [{ path: refusal.path, code: refusal.problem, message: refusal.message }] } : {}) });
}

function shapeOf(dto: RecordInformingDto): 'informed' | 'withheld' {
  const informed = dto.informedAt !== undefined || dto.method !== undefined;
  if (informed && dto.withheld) {
    throw new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: [{ path: 'withheld', code: 'either-or', message: 'record either that the person was informed (informedAt, method) or a ground for not informing them (withheld), not both' }] });
  }
  if (dto.withheld) return 'withheld';
  const missing = [
    ...(dto.informedAt === undefined ? [{ path: 'informedAt', code: 'required', message: 'when the person was informed (or give withheld.ground)' }] : []),
    ...(dto.method === undefined ? [{ path: 'method', code: 'required', message: `how the person was informed: one of ${INFORMING_METHODS.join(', ')} (or give withheld.ground)` }] : []),
  ];
  if (missing.length > 0) throw new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: missing });
  return 'informed';
}

/**
 * Informing the persons whose data Veilig Thuis recorded (DOMAIN.md point 7): one `informeren-betrokkenen` clock per
 * person of a melding; recording that the person was informed, or the ground for not informing them, meets that
 * person's running clocks (docs/adr/0021). The rules are `decideInforming` in libs/triage/domain.
 */
@ApiTags('informing')
@Controller('api/v1/households/:householdId')
export class InformingController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly timers: TimerStore,
    private readonly regions: Regions,
    private readonly accessLog: AccessLog,
  ) {}

  /**
   * Records informing for one person: `InvolvedPersonInformed` or `InformingWithheld` on the triage topic and a
   * `DeadlineMet` (caused by it) per clock met in time, in one transaction. The token's subject is who informed
   * the person and who recorded it.
   */
  @Post('persons/:personId/informing')
  @ApiOperation({ summary: 'Record that a person involved was informed of the melding, or the legal ground for not informing them.' })
  @ApiProblem(404, 'The household or person is not known here (the refusal names which).')
  @ApiProblem(409, 'Informing was already recorded for this person (the refusal names it).')
  @ApiProblem(422, 'The informing conflicts with the rules (the refusal names which, with the path).')
  @Roles('triage', 'investigator')
  @HttpCode(HttpStatus.CREATED)
  async record(
    @Param('householdId', new ParseUUIDPipe()) householdId: string,
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() dto: RecordInformingDto,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
  ): Promise<Record<string, unknown>> {
    const kind = shapeOf(dto);
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      // Scoped to the household's VT region: 404 for a household crisis-triage knows no melding of, 403 for another region.
      await this.regions.assertHouseholdAccess(manager, user, householdId);
      const persons = (await manager.query(
        `select p.melding_id, p.role from melding_person p left join safety_assessment s on s.subject_id = p.melding_id
          where p.household_id = $1 and p.person_id = $2 order by s.received_at desc nulls last`,
        [householdId, personId],
      )) as PersonRow[];
      const latest = persons[0];
      // The person's clocks are locked before deciding, so a second recording waits and then finds them met.
      const clocks = (await manager.query(
        `select timer_id, subject_id, started_at, due_at, state, calendar from timer
          where clock = $1 and household_id = $2 and person_id = $3 order by started_at for update`,
        [INFORMING_CLOCK, householdId, personId],
      )) as ClockRow[];
      const recording: InformingRecording =
        kind === 'informed'
          ? { kind, informedAt: new Date(dto.informedAt as string), method: dto.method as string, informedBy: actor }
          : { kind, ground: dto.withheld?.ground as string, decidedAt: dto.withheld?.decidedAt ? new Date(dto.withheld.decidedAt) : now, jurisdiction: jurisdictionOfCalendar(clocks[0]?.calendar ?? 'nl') };
      const result = decideInforming({
        person: latest ? { personId, role: latest.role } : undefined,
        clocks: clocks.map((c) => ({ timerId: c.timer_id, subjectId: c.subject_id, startedAt: c.started_at, dueAt: c.due_at, state: c.state })),
        recording,
        now,
      });
      if (!result.ok) throw refusalException(result.refusal);
      const { decision } = result;
      const role = (latest as PersonRow).role;
      const informingId = randomUUID();
      const common = { informingId, householdId, personId, role, metClocks: decision.metClocks, recordedAt: now.toISOString(), actor };
      const event =
        decision.kind === 'informed'
          ? newEvent({
              type: INVOLVED_PERSON_INFORMED,
              service: 'crisis-triage',
              householdId,
              subject: personId,
              time: now,
              data: { ...common, informedAt: decision.at.toISOString(), method: decision.method as InformingMethod, informedBy: decision.informedBy as string },
            })
          : newEvent({
              type: INFORMING_WITHHELD,
              service: 'crisis-triage',
              householdId,
              subject: personId,
              time: now,
              data: { ...common, ground: decision.ground as InformingWithheldGround, legalBasis: decision.withheldBasis?.legalBasis as string, decidedAt: decision.at.toISOString() },
            });
      await manager.query(
        `insert into informing (informing_id, household_id, person_id, role, kind, informed_at, method, informed_by, ground, legal_basis, decided_at, met_clocks, recorded_at, actor)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          informingId,
          householdId,
          personId,
          role,
          decision.kind,
          decision.kind === 'informed' ? decision.at : null,
          decision.method ?? null,
          decision.informedBy ?? null,
          decision.ground ?? null,
          decision.withheldBasis?.legalBasis ?? null,
          decision.kind === 'withheld' ? decision.at : null,
          JSON.stringify(decision.metClocks),
          now,
          actor,
        ],
      );
      await this.outbox.publish(manager, [{ topic: TOPICS.triageAssessments, event }]);
      for (const met of decision.metClocks) await this.timers.completeTimer(manager, met.timerId, decision.at, now, event);
      return {
        informingId,
        eventId: event.id,
        kind: decision.kind,
        personId,
        role,
        metClocks: decision.metClocks,
        keepRunning: decision.keepRunning,
        ...(decision.withheldBasis ? { legalBasis: decision.withheldBasis.legalBasis, ...(decision.withheldBasis.verify ? { verify: decision.withheldBasis.verify } : {}) } : {}),
      };
    });
  }

  /** The household's persons (id and role per melding), their informing clocks and what was recorded about informing them. */
  @Get('informing')
  @ApiOperation({ summary: 'The household\'s persons (id and role per melding), their informing clocks and what was recorded about informing them; the read is recorded.' })
  @Roles('triage', 'investigator', 'auditor')
  async list(
    @Param('householdId', new ParseUUIDPipe()) householdId: string,
    @AccessPurpose() purpose: ReadPurpose,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
  ): Promise<Record<string, unknown>> {
    return this.dataSource.transaction(async (manager) => {
    await this.regions.assertHouseholdAccess(manager, user, householdId);
    const persons = await manager.query(
      `select p.person_id as "personId", p.role, json_agg(p.melding_id order by s.received_at) as "meldingen",
              coalesce((select json_agg(json_build_object('timerId', t.timer_id, 'subjectId', t.subject_id, 'startedAt', t.started_at, 'dueAt', t.due_at, 'state', t.state,
                                                          'extensions', t.extensions, 'completedAt', t.completed_at) order by t.started_at)
                          from timer t where t.clock = $2 and t.household_id = p.household_id and t.person_id = p.person_id), '[]'::json) as "clocks",
              coalesce((select json_agg(json_build_object('informingId', i.informing_id, 'kind', i.kind, 'informedAt', i.informed_at, 'method', i.method, 'informedBy', i.informed_by,
                                                          'ground', i.ground, 'legalBasis', i.legal_basis, 'decidedAt', i.decided_at, 'metClocks', i.met_clocks, 'recordedAt', i.recorded_at,
                                                          'actor', i.actor) order by i.recorded_at)
                          from informing i where i.household_id = p.household_id and i.person_id = p.person_id), '[]'::json) as "recordings"
         from melding_person p left join safety_assessment s on s.subject_id = p.melding_id
        where p.household_id = $1
        group by p.household_id, p.person_id, p.role order by p.person_id`,
      [householdId, INFORMING_CLOCK],
    );
    // The read is recorded before the answer leaves, in the same transaction (docs/adr/0017).
    await this.accessLog.record(manager, { householdId, subject: { kind: 'household', id: householdId }, purpose, fields: INFORMING_FIELDS, actor });
    return { householdId, persons };
    });
  }
}
