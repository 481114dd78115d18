import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, HttpStatus, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Req, Res, ServiceUnavailableException, UnprocessableEntityException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CRISIS_ACTION_RECORDED, CRISIS_ACTIONS, CrisisAction, newEvent, PersonRef, TOPICS } from '@vt/contracts';
import { assertRegion, CurrentActor, CurrentUser, Principal, RegionScoped, Roles } from '@vt/auth';
import { PersonDataCipher } from '@vt/privacy';
import { AccessLog, AccessPurpose, ApiProblem, DATA_SOURCE, Outbox, ReadPurpose } from '@vt/runtime';
import { RegionParam } from '../reference/region.param';
import { sseEvent, streamLifetimeMs } from './crisis-live';
import { CrisisLiveFeed, LiveStream } from './crisis-live.feed';

/** What the crisis queue shows of each acute melding; every entry is recorded as a read of that melding. */
const QUEUE_FIELDS = ['interventionId', 'meldingId', 'householdId', 'gemeenteCode', 'grounds', 'persons', 'requestedAt', 'safetyConfirmedFor', 'actions'];

export class RecordCrisisActionDto {
  @IsIn(CRISIS_ACTIONS, { message: `action must be one of ${CRISIS_ACTIONS.join(', ')}` })
  @ApiProperty({ enum: [...CRISIS_ACTIONS], type: 'string' })
  action!: CrisisAction;

  @IsOptional()
  @IsUUID('4', { message: 'personId must be the id of a person in the melding' })
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  personId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @ApiPropertyOptional({ type: String, maxLength: 2000 })
  note?: string;
}

interface InterventionRow {
  intervention_id: string;
  household_id: string;
  crisis_region: string;
  persons: PersonRef[];
}

/**
 * The 24/7 crisis function of a VT region: its queue of acute meldingen, and what crisis staff did. Both are
 * scoped to the caller's VT region; reading the queue is recorded per melding on `vt.audit.access.v1`.
 */
@Roles('triage')
@ApiTags('crisis')
@Controller('api/v1')
export class CrisisController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly cipher: PersonDataCipher,
    private readonly accessLog: AccessLog,
    private readonly live: CrisisLiveFeed,
  ) {}

  @Get('regions/:region/crisis-queue')
  @ApiOperation({ summary: 'The region\'s crisis queue: acute meldingen awaiting or under crisis intervention; every entry is recorded as a read of that melding.' })
  @RegionScoped('region')
  async queue(@RegionParam() region: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string): Promise<{ region: string; interventions: unknown[] }> {
    return this.dataSource.transaction(async (manager) => {
      const interventions = (await manager.query(
        `select i.intervention_id as "interventionId", i.melding_id as "meldingId", i.household_id as "householdId", i.gemeente_code as "gemeenteCode",
              i.grounds, i.persons, i.requested_at as "requestedAt",
              coalesce(array_agg(a.person_id) filter (where a.action = 'immediate-safety-confirmed'), '{}') as "safetyConfirmedFor",
              coalesce(json_agg(json_build_object('action', a.action, 'personId', a.person_id, 'recordedAt', a.recorded_at) order by a.recorded_at) filter (where a.action is not null), '[]') as "actions"
         from crisis_intervention i left join crisis_action a on a.intervention_id = i.intervention_id
        where i.crisis_region = $1 and i.status = 'open'
        group by i.intervention_id order by i.requested_at`,
        [region],
      )) as { meldingId: string; householdId: string }[];
      await this.accessLog.record(
        manager,
        interventions.map(({ meldingId, householdId }) => ({ householdId, subject: { kind: 'melding' as const, id: meldingId }, purpose, fields: QUEUE_FIELDS, actor })),
      );
      return { region, interventions };
    });
  }

  @Get('regions/:region/crisis-queue/stream')
  @ApiOperation({
    summary: 'The region\'s crisis queue, live (docs/adr/0035): a `text/event-stream` that says, by id only, when an intervention of the region is requested (`requested`) or changes (`updated`); read the crisis queue for what it is. First event `ready` (`live`: whether the feed is in its consumer group); a comment line every 15 s; the stream ends when the token expires.',
  })
  @ApiOkResponse({
    description: 'Server-sent events: `event: ready` with `{"region","live"}`, then `event: crisis-queue` with `{"kind":"requested"|"updated","interventionId"}` per change; comment lines (`: heartbeat`) in between.',
    content: { 'text/event-stream': { schema: { type: 'string', example: 'event: crisis-queue\ndata: {"kind":"requested","interventionId":"0b6f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4"}\n\n' } } },
  })
  @ApiProblem(503, 'The instance has its maximum of open streams (`too-many-streams`); try again later or on another instance.')
  @RegionScoped('region')
  stream(@RegionParam() region: string, @CurrentUser() user: Principal, @Req() request: Request, @Res() response: Response): void {
    // Only ids go out: no case data, so nothing to record as a read here; the queue read that follows is recorded.
    let expiry: NodeJS.Timeout | undefined;
    const stream: LiveStream = {
      region,
      send: (frame) => void response.write(frame),
      close: () => response.end(),
    };
    if (!this.live.subscribers.add(stream)) {
      throw new ServiceUnavailableException({ statusCode: 503, error: 'too-many-streams', message: 'this instance has its maximum of open crisis-queue streams' });
    }
    response.status(200);
    response.setHeader('content-type', 'text/event-stream; charset=utf-8');
    // no-transform and X-Accel-Buffering: proxies must pass every event on at once, not compress or buffer them.
    response.setHeader('cache-control', 'no-store, no-transform');
    response.setHeader('x-accel-buffering', 'no');
    response.flushHeaders();
    response.write(sseEvent('ready', { region, live: this.live.live }));
    // A stream outlives no token: at its expiry it ends, and the screen's reconnect gets the 401 that says to sign in again.
    expiry = setTimeout(() => response.end(), streamLifetimeMs(user.expiresAt, new Date()));
    expiry.unref();
    const cleanUp = () => {
      if (expiry) clearTimeout(expiry);
      expiry = undefined;
      this.live.subscribers.remove(stream);
    };
    request.on('close', cleanUp);
    response.on('close', cleanUp);
  }

  @Post('crisis-interventions/:interventionId/actions')
  @ApiOperation({ summary: 'Record what the crisis function did in a crisis intervention.' })
  @ApiProblem(404, 'No such crisis intervention (`crisis-intervention-not-found`).')
  @ApiProblem(422, 'Immediate safety is confirmed per person and no person was named (`person-required`), or the person is not one of the melding\'s (`unknown-person`).')
  @HttpCode(HttpStatus.CREATED)
  async record(@Param('interventionId', new ParseUUIDPipe()) interventionId: string, @Body() dto: RecordCrisisActionDto, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<{ eventId: string }> {
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      const [intervention] = (await manager.query('select intervention_id, household_id, crisis_region, persons from crisis_intervention where intervention_id = $1 for update', [interventionId])) as InterventionRow[];
      if (!intervention) throw new NotFoundException({ statusCode: 404, error: 'crisis-intervention-not-found', message: `no crisis intervention ${interventionId}` });
      assertRegion(user, intervention.crisis_region);
      if (dto.action === 'immediate-safety-confirmed' && !dto.personId) {
        throw new UnprocessableEntityException({ statusCode: 422, error: 'person-required', fields: [{ path: 'personId', code: 'required', message: 'immediate safety is confirmed per person: name the personId' }] });
      }
      if (dto.personId && !intervention.persons.some((p) => p.personId === dto.personId)) {
        throw new UnprocessableEntityException({ statusCode: 422, error: 'unknown-person', fields: [{ path: 'personId', code: 'unknown-person', message: `${dto.personId} is not a person of this melding` }] });
      }
      const event = newEvent({
        type: CRISIS_ACTION_RECORDED,
        service: 'crisis-triage',
        householdId: intervention.household_id,
        subject: interventionId,
        time: now,
        data: {
          interventionId,
          householdId: intervention.household_id,
          action: dto.action,
          ...(dto.personId ? { personId: dto.personId } : {}),
          recordedAt: now.toISOString(),
          actor,
        },
      });
      // The note is free text about the household: it stays with crisis-triage, encrypted under the household's key (docs/adr/0020).
      const note = dto.note ? await this.cipher.encryptText(intervention.household_id, dto.note, manager) : null;
      await manager.query(`insert into crisis_action (event_id, intervention_id, action, person_id, note, actor, recorded_at) values ($1, $2, $3, $4, $5, $6, $7)`, [
        event.id,
        interventionId,
        dto.action,
        dto.personId ?? null,
        note ? JSON.stringify(note) : null,
        actor,
        now,
      ]);
      // Once every person's immediate safety is confirmed, the intervention leaves the crisis queue.
      await manager.query(
        `update crisis_intervention i set status = 'immediate-safety-confirmed'
          where intervention_id = $1 and not exists (
            select 1 from jsonb_array_elements(i.persons) p
             where not exists (select 1 from crisis_action a where a.intervention_id = i.intervention_id and a.action = 'immediate-safety-confirmed' and a.person_id = (p->>'personId')::uuid))`,
        [interventionId],
      );
      await this.outbox.publish(manager, [{ topic: TOPICS.triageAssessments, event }]);
      return { eventId: event.id };
    });
  }
}
