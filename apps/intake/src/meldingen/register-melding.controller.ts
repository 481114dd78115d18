import { BadRequestException, Body, Controller, Headers, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { RegisterMeldingDto } from './register-melding.dto';
import { MeldingRegistered, RegisterMeldingHandler } from './register-melding.handler';

/** Until access control arrives (intake issue), requests are recorded as made by an unauthenticated call handler. */
const UNAUTHENTICATED_ACTOR = 'user:unauthenticated';

@Controller('api/v1/meldingen')
export class RegisterMeldingController {
  constructor(private readonly handler: RegisterMeldingHandler) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  register(@Body() dto: RegisterMeldingDto, @Headers('idempotency-key') idempotencyKey?: string): Promise<MeldingRegistered> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{8,200}$/.test(idempotencyKey)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'validation-failed',
        fields: [{ path: 'Idempotency-Key', code: 'invalid-idempotency-key', message: 'Idempotency-Key must be 8 to 200 visible ASCII characters, e.g. a UUID' }],
      });
    }
    return this.handler.register(dto, UNAUTHENTICATED_ACTOR, idempotencyKey, new Date());
  }
}
