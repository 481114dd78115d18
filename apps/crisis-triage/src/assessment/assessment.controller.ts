import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, HttpStatus, Inject, NotFoundException, Param, ParseUUIDPipe, Post, ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ASSESSMENT_OUTCOMES, AssessmentOutcome, newEvent, SAFETY_ASSESSMENT_COMPLETED_V2, TAXATIES, Taxatie, TOPICS } from '@vt/contracts';
import { PersonDataCipher } from '@vt/privacy';
import { TimerStore } from '@vt/messaging';
import { assertRegion, CurrentActor, CurrentUser, Principal, RegionScoped, Roles } from '@vt/auth';
import { AccessLog, AccessPurpose, ApiProblem, DATA_SOURCE, Outbox, ReadPurpose } from '@vt/runtime';
import { checkAssessmentOutcome, householdMinors } from '@vt/triage-domain';
import { CALENDARS, CalendarId, workingDaysLeft } from '@vt/calendar';
import { calendarPlace, ClockPlanner } from '../clocks/clock-planner';
import { RegionParam } from '../reference/region.param';

export class CompleteAssessmentDto {
  @IsIn(TAXATIES, { message: `taxatie must be one of ${TAXATIES.join(', ')}` })
  @ApiProperty({ enum: [...TAXATIES], type: 'string' })
  taxatie!: Taxatie;

  @IsIn(ASSESSMENT_OUTCOMES, { message: `outcome must be one of ${ASSESSMENT_OUTCOMES.join(', ')}` })
  @ApiProperty({ enum: [...ASSESSMENT_OUTCOMES], type: 'string' })
  outcome!: AssessmentOutcome;

  @IsString()
  @MinLength(1, { message: 'reasoning must say why: the inspectorate reads it' })
  @MaxLength(4000)
  @ApiProperty({ type: String, minLength: 1, maxLength: 4000 })
  reasoning!: string;
}

interface AssessmentRow {
  subject_id: string;
  melding_id: string;
  basis: 'melding' | 'monitoring';
  monitoring_id: string | null;
  household_id: string;
  gemeente_code: string | null;
  region: string;
  calendar: string;
  status: 'open' | 'completed';
}

/** What the assessment queue shows of each melding (or monitoring request); every entry is recorded as a read of its melding. */
const QUEUE_FIELDS = ['subjectId', 'basis', 'meldingId', 'householdId', 'receivedAt', 'acute', 'acuteGrounds', 'aard', 'formsOfViolence', 'elderlyVictim', 'monitoringId', 'reason', 'dueAt', 'approachingAt', 'workingDaysLeft', 'deadlineState', 'legalBasis', 'joinedRequests'];

/**
 * The veiligheidsbeoordeling: a work queue per VT region ordered by deadline (reading it is recorded per
 * melding on `vt.audit.access.v1`), and recording its result, scoped to the assessment's VT region.
 * An assessment is for a melding, or one that monitoring requested (`basis: 'monitoring'`, completed
 * under its `subjectId`, the request).
 */
@Roles('triage')
@ApiTags('assessment')
@Controller('api/v1')
export class AssessmentController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly timers: TimerStore,
    private readonly clocks: ClockPlanner,
    private readonly cipher: PersonDataCipher,
    private readonly accessLog: AccessLog,
  ) {}

  @Get('regions/:region/assessment-queue')
  @ApiOperation({
    summary: 'The region\'s queue of meldingen (and monitoring requests) awaiting their veiligheidsbeoordeling, ordered by the statutory deadline; every entry is recorded as a read of its melding.',
    description:
      'Each entry has its deadline: `dueAt` (exclusive end), `approachingAt`, `deadlineState` (running, approaching, breached), `calendar` and `workingDaysLeft`: ' +
      'the working days from today (in the deadline\'s calendar and zone, today counting when it is a working day) up to and including the due day, 0 once `dueAt` has passed, as of `asOf`. ' +
      'A deadline approaches when `workingDaysLeft` reaches the service\'s lead (DEADLINE_LEAD_WORKING_DAYS). ' +
      'What the assessment decides from: `acute` and `acuteGrounds` (the acute check\'s grounds, e.g. `psychological-violence-threat-to-life`), `hasMinor`, ' +
      'and for a melding checked since ADR 0036 `aard`, `formsOfViolence` (codes of investigation-risks/1: psychisch geweld from the tag or a threat to life, financieel misbruik, ontspoorde mantelzorg, …) ' +
      'and `elderlyVictim` (`yes`, `no`, `unknown`: whether a victim was 65 or older at receipt; ouderenmishandeling with an unknown age is accepted and shows `unknown`); null for older meldingen and monitoring requests.',
  })
  @RegionScoped('region')
  async queue(@RegionParam() region: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string): Promise<{ region: string; asOf: string; assessments: unknown[] }> {
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      const assessments = (await manager.query(
      `select s.subject_id as "subjectId", s.basis, s.melding_id as "meldingId", s.household_id as "householdId", s.received_at as "receivedAt", s.registered_at as "registeredAt", s.acute,
              s.monitoring_id as "monitoringId", s.radar, s.has_minor as "hasMinor", s.aard, s.forms_of_violence as "formsOfViolence", s.elderly_victim as "elderlyVictim",
              (select c.grounds from acute_check c where c.melding_id = s.melding_id and s.basis = 'melding' order by c.checked_at limit 1) as "acuteGrounds",
              t.due_at as "dueAt", t.approaching_at as "approachingAt", t.state as "deadlineState", t.legal_basis as "legalBasis", t.calendar,
              coalesce((select json_agg(json_build_object('requestId', j.request_id, 'monitoringId', j.monitoring_id, 'requestedAt', to_char(j.requested_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by j.requested_at)
                          from assessment_request_joined j where j.subject_id = s.subject_id), '[]'::json) as "joinedRequests"
         from safety_assessment s join timer t on t.subject_id = s.subject_id and t.clock = 'veiligheidsbeoordeling'
        where s.region = $1 and s.status = 'open'
        order by t.due_at, s.received_at`,
        [region],
      )) as { meldingId: string; householdId: string; dueAt: Date; calendar: string }[];
      // The working days left, counted by the calendar library as the clocks are (libs/calendar `workingDaysLeft`).
      for (const row of assessments) {
        const calendar = CALENDARS[row.calendar as CalendarId] ?? CALENDARS.nl;
        Object.assign(row, { workingDaysLeft: workingDaysLeft({ dueAt: row.dueAt, calendar: calendar.id }, now, calendar) });
      }
      await this.accessLog.record(
        manager,
        assessments.map(({ meldingId, householdId }) => ({ householdId, subject: { kind: 'melding' as const, id: meldingId }, purpose, fields: QUEUE_FIELDS, actor })),
      );
      return { region, asOf: now.toISOString(), assessments };
    });
  }

  @Post('meldingen/:meldingId/safety-assessment')
  @ApiOperation({ summary: 'Complete the veiligheidsbeoordeling of a melding: taxatie, outcome and reasoning.' })
  @ApiProblem(404, 'No melding awaits a safety assessment with this id (`melding-not-found`).')
  @ApiProblem(409, 'The safety assessment was already completed (`already-assessed`).')
  @ApiProblem(422, 'The outcome needs a minor in the household (`route-needs-a-minor`, e.g. `verzoek-rvdk` for a household known to have none), with the allowed outcomes in `allowed`.')
  @HttpCode(HttpStatus.CREATED)
  async complete(@Param('meldingId', new ParseUUIDPipe()) meldingId: string, @Body() dto: CompleteAssessmentDto, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<Record<string, unknown>> {
    return this.completeAssessment('melding', meldingId, dto, actor, user);
  }

  /** Completes a new assessment that monitoring requested; `requestId` is its `subjectId` in the queue. */
  @Post('assessment-requests/:requestId/safety-assessment')
  @ApiOperation({ summary: 'Complete a new veiligheidsbeoordeling that monitoring requested; `requestId` is its `subjectId` in the queue.' })
  @ApiProblem(404, 'No assessment request awaits a safety assessment with this id (`assessment-request-not-found`).')
  @ApiProblem(409, 'The safety assessment was already completed (`already-assessed`).')
  @ApiProblem(422, 'The outcome needs a minor in the household (`route-needs-a-minor`), with the allowed outcomes in `allowed`.')
  @HttpCode(HttpStatus.CREATED)
  async completeRequested(@Param('requestId', new ParseUUIDPipe()) requestId: string, @Body() dto: CompleteAssessmentDto, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<Record<string, unknown>> {
    return this.completeAssessment('monitoring', requestId, dto, actor, user);
  }

  private async completeAssessment(basis: AssessmentRow['basis'], subjectId: string, dto: CompleteAssessmentDto, actor: string, user: Principal): Promise<Record<string, unknown>> {
    const now = new Date();
    const what = basis === 'melding' ? `melding ${subjectId}` : `assessment request ${subjectId}`;
    return this.dataSource.transaction(async (manager) => {
      const [assessment] = (await manager.query(
        `select s.subject_id, s.melding_id, s.basis, s.monitoring_id, s.household_id, s.status, s.region, c.gemeente_code, t.calendar
           from safety_assessment s left join acute_check c on c.melding_id = s.melding_id
           join timer t on t.subject_id = s.subject_id and t.clock = 'veiligheidsbeoordeling'
          where s.subject_id = $1 and s.basis = $2 for update of s`,
        [subjectId, basis],
      )) as AssessmentRow[];
      if (!assessment) throw new NotFoundException({ statusCode: 404, error: basis === 'melding' ? 'melding-not-found' : 'assessment-request-not-found', message: `no ${what} awaits a safety assessment` });
      assertRegion(user, assessment.region);
      if (assessment.status === 'completed') throw new ConflictException({ statusCode: 409, error: 'already-assessed', message: `the safety assessment of ${what} was already completed` });
      // A route for children needs a minor in the household, as its meldingen known here tell (docs/adr/0022). Refused
      // before anything is stored or published: the clock keeps running.
      const meldingen = (await manager.query(`select has_minor from safety_assessment where household_id = $1 and basis = 'melding'`, [assessment.household_id])) as { has_minor: boolean | null }[];
      const route = checkAssessmentOutcome(dto.outcome, householdMinors(meldingen.map((melding) => melding.has_minor)));
      if (!route.ok) {
        const { path, code, message, allowed } = route.problem;
        throw new UnprocessableEntityException({ statusCode: 422, error: 'route-needs-a-minor', message, fields: [{ path, code, message }], allowed });
      }
      const assessmentId = randomUUID();
      const meldingId = assessment.melding_id;
      const deadline = await this.timers.complete(manager, 'veiligheidsbeoordeling', subjectId, now);
      if (!deadline) throw new Error(`${what} has no veiligheidsbeoordeling clock`);
      // The reasoning is free text about the household: stored and published only encrypted under its key (docs/adr/0020).
      const reasoning = await this.cipher.encryptText(assessment.household_id, dto.reasoning, manager);
      await manager.query(
        `update safety_assessment set status = 'completed', assessment_id = $2, taxatie = $3, outcome = $4, reasoning = $5, completed_at = $6, completed_by = $7 where subject_id = $1`,
        [subjectId, assessmentId, dto.taxatie, dto.outcome, JSON.stringify(reasoning), now, actor],
      );
      const event = newEvent({
        type: SAFETY_ASSESSMENT_COMPLETED_V2,
        service: 'crisis-triage',
        householdId: assessment.household_id,
        subject: subjectId,
        time: now,
        data: {
          assessmentId,
          meldingId,
          householdId: assessment.household_id,
          ...(assessment.gemeente_code ? { gemeenteCode: assessment.gemeente_code } : {}),
          taxatie: dto.taxatie,
          outcome: dto.outcome,
          reasoning,
          completedAt: now.toISOString(),
          deadline: { dueAt: deadline.dueAt.toISOString(), met: deadline.met },
          ...(assessment.basis === 'monitoring' ? { basedOn: { basis: 'monitoring' as const, requestId: subjectId, ...(assessment.monitoring_id ? { monitoringId: assessment.monitoring_id } : {}) } } : {}),
          actor,
        },
      });
      await this.outbox.publish(manager, [{ topic: TOPICS.triageAssessments, event }]);
      // The decision to investigate starts the 10-week onderzoek clock.
      if (dto.outcome === 'onderzoek') {
        await this.timers.start(manager, this.clocks.plan('onderzoek', now, { householdId: assessment.household_id, subjectId: assessmentId }, calendarPlace(assessment.calendar)));
      }
      return { assessmentId, meldingId, basis: assessment.basis, deadline: { dueAt: deadline.dueAt.toISOString(), met: deadline.met } };
    });
  }
}
