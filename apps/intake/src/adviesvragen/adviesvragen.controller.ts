import { BadRequestException, Body, Controller, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { RegisterMeldingDto } from '../meldingen/register-melding.dto';
import { AdviesvraagConverted, ConvertAdviesvraagHandler } from './convert-adviesvraag.handler';
import { RegisterAdviesvraagDto } from './register-adviesvraag.dto';
import { AdviesvraagRegistered, RegisterAdviesvraagHandler } from './register-adviesvraag.handler';

const adviesvraagIdPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: [{ path: 'adviesvraagId', code: 'invalid-uuid', message: 'the adviesvraag id must be a UUID' }] }),
});

/** Adviesvragen: someone asks advice and stays responsible; one may later become a melding. */
@Controller('api/v1/adviesvragen')
export class AdviesvragenController {
  constructor(
    private readonly register: RegisterAdviesvraagHandler,
    private readonly convert: ConvertAdviesvraagHandler,
  ) {}

  @Post()
  @Roles('call-handler')
  @HttpCode(HttpStatus.CREATED)
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
  convertToMelding(
    @Param('adviesvraagId', adviesvraagIdPipe) adviesvraagId: string,
    @Body() dto: RegisterMeldingDto,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
  ): Promise<AdviesvraagConverted> {
    return this.convert.convert(adviesvraagId, dto, { actor, user }, new Date());
  }
}
