import { ApiTags } from '@nestjs/swagger';
import { AccessPurpose, ApiDescribed, ApiIdempotencyKey, DATA_SOURCE, Outbox, ReadPurpose, recordAccess } from '@vt/runtime';
import { INTAKE_OPERATIONS } from '../openapi/intake.api';
import { BadRequestException, Body, Controller, Get, Headers, HttpCode, HttpStatus, Inject, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertRegion, CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { vtRegionOf } from '../reads/vt-region-of';
import { RegisterMeldingDto } from '../meldingen/register-melding.dto';
import { AdviesvraagConverted, ConvertAdviesvraagHandler } from './convert-adviesvraag.handler';
import { RegisterAdviesvraagDto } from './register-adviesvraag.dto';
import { AdviesvraagRegistered, RegisterAdviesvraagHandler } from './register-adviesvraag.handler';

const adviesvraagIdPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: [{ path: 'adviesvraagId', code: 'invalid-uuid', message: 'the adviesvraag id must be a UUID' }] }),
});

/**
 * What intake tells about an adviesvraag: categories, where it was routed, whether it became a melding, and
 * who is on it by id (the adviesvrager and each person, erased or not). Names, contact details, the question
 * and the advice stay out.
 */
interface AdviesvraagView {
  adviesvraagId: string;
  householdId: string;
  /** When the adviesvraag reached Veilig Thuis (as given, else its registration time). */
  receivedAt: string;
  registeredAt: string;
  channel: string;
  region: { vtRegion: string | null; veiligheidsregio: string | null; gemeenteCode: string | null };
  aard: string[];
  tags: string[];
  convertedMeldingId: string | null;
  adviesvrager: { adviesvragerId: string; kind: string; sector: string | null; role: string; erased: boolean; erasedAt: string | null };
  persons: { personId: string; role: string; erased: boolean; erasedAt: string | null }[];
}

const VIEW_FIELDS = ['adviesvraagId', 'householdId', 'receivedAt', 'registeredAt', 'channel', 'region', 'aard', 'tags', 'convertedMeldingId', 'adviesvrager', 'persons'];

/** Adviesvragen: someone asks advice and stays responsible; one may later become a melding. */
@ApiTags('adviesvragen')
@Controller('api/v1/adviesvragen')
export class AdviesvragenController {
  constructor(
    private readonly register: RegisterAdviesvraagHandler,
    private readonly convert: ConvertAdviesvraagHandler,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * One adviesvraag, recorded on `vt.audit.access.v1` (who, why) before it is answered. An adviesvraag whose
   * caller named no gemeente has no region: only a national token reads it. A privacy officer reads it to find
   * whom to erase.
   */
  @Get(':adviesvraagId')
  @ApiDescribed('getAdviesvraag', INTAKE_OPERATIONS.getAdviesvraag)
  @Roles('call-handler', 'triage', 'investigator', 'auditor', 'privacy-officer')
  async one(
    @Param('adviesvraagId', adviesvraagIdPipe) adviesvraagId: string,
    @AccessPurpose() purpose: ReadPurpose,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
  ): Promise<AdviesvraagView> {
    return this.dataSource.transaction(async (manager) => {
      const [view] = (await manager.query(
        `select a.adviesvraag_id as "adviesvraagId", a.household_id as "householdId", a.received_at as "receivedAt", a.registered_at as "registeredAt", a.channel,
                json_build_object('vtRegion', a.vt_region, 'veiligheidsregio', a.veiligheidsregio, 'gemeenteCode', a.gemeente_code) as region,
                a.aard, a.tags, a.converted_melding_id as "convertedMeldingId",
                json_build_object('adviesvragerId', v.adviesvrager_id, 'kind', v.kind, 'sector', v.sector, 'role', v.role, 'erased', v.erased_at is not null, 'erasedAt', v.erased_at) as adviesvrager,
                (select coalesce(json_agg(json_build_object('personId', p.person_id, 'role', p.role, 'erased', p.erased_at is not null, 'erasedAt', p.erased_at) order by p.person_id), '[]'::json)
                   from adviesvraag_person p where p.adviesvraag_id = a.adviesvraag_id) as persons
           from adviesvraag a join adviesvrager v on v.adviesvraag_id = a.adviesvraag_id
          where a.adviesvraag_id = $1`,
        [adviesvraagId],
      )) as AdviesvraagView[];
      if (!view) throw new NotFoundException({ statusCode: 404, error: 'adviesvraag-not-found', message: `no adviesvraag ${adviesvraagId}` });
      assertRegion(user, vtRegionOf(view.region));
      await recordAccess(manager, this.outbox, 'intake', { householdId: view.householdId, subject: { kind: 'adviesvraag', id: adviesvraagId }, purpose, fields: VIEW_FIELDS, actor }, new Date());
      return view;
    });
  }

  @Post()
  @Roles('call-handler')
  @HttpCode(HttpStatus.CREATED)
  @ApiDescribed('registerAdviesvraag', INTAKE_OPERATIONS.registerAdviesvraag, RegisterAdviesvraagDto)
  @ApiIdempotencyKey()
  registerAdviesvraag(
    @Body() dto: RegisterAdviesvraagDto,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<AdviesvraagRegistered> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{8,200}$/.test(idempotencyKey)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'validation-failed',
        fields: [{ path: 'Idempotency-Key', code: 'invalid-idempotency-key', message: 'Idempotency-Key must be 8 to 200 visible ASCII characters, e.g. a UUID' }],
      });
    }
    return this.register.register(dto, { actor, user }, idempotencyKey, new Date());
  }

  /** The body is a melding's (`POST /api/v1/meldingen`), with the melding's rules. A retry gets the 409 naming the melding. */
  @Post(':adviesvraagId/melding')
  @Roles('call-handler')
  @HttpCode(HttpStatus.CREATED)
  @ApiDescribed('convertAdviesvraagToMelding', INTAKE_OPERATIONS.convertAdviesvraagToMelding, RegisterMeldingDto)
  convertToMelding(
    @Param('adviesvraagId', adviesvraagIdPipe) adviesvraagId: string,
    @Body() dto: RegisterMeldingDto,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
  ): Promise<AdviesvraagConverted> {
    return this.convert.convert(adviesvraagId, dto, { actor, user }, new Date());
  }
}
