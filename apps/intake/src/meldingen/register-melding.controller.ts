import { ApiTags } from '@nestjs/swagger';
import { ApiDescribed, ApiIdempotencyKey } from '@vt/runtime';
import { INTAKE_OPERATIONS } from '../openapi/intake.api';
import { BadRequestException, Body, Controller, Headers, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { RegisterMeldingDto } from './register-melding.dto';
import { MeldingRegistered, RegisterMeldingHandler } from './register-melding.handler';

@ApiTags('meldingen')
@Controller('api/v1/meldingen')
export class RegisterMeldingController {
  constructor(private readonly handler: RegisterMeldingHandler) {}

  @Post()
  @Roles('call-handler')
  @HttpCode(HttpStatus.CREATED)
  @ApiDescribed('registerMelding', INTAKE_OPERATIONS.registerMelding, RegisterMeldingDto)
  @ApiIdempotencyKey()
  register(@Body() dto: RegisterMeldingDto, @CurrentActor() actor: string, @CurrentUser() user: Principal, @Headers('idempotency-key') idempotencyKey?: string): Promise<MeldingRegistered> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{8,200}$/.test(idempotencyKey)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'validation-failed',
        fields: [{ path: 'Idempotency-Key', code: 'invalid-idempotency-key', message: 'Idempotency-Key must be 8 to 200 visible ASCII characters, e.g. a UUID' }],
      });
    }
    return this.handler.register(dto, { actor, user }, idempotencyKey, new Date());
  }
}
