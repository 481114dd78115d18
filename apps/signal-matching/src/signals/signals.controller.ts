import { ApiTags } from '@nestjs/swagger';
import { BadRequestException, Body, Controller, ForbiddenException, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CurrentUser, partnerActorOf, Principal, Roles } from '@vt/auth';
import { ApiDescribed } from '@vt/runtime';
import { SIGNAL_OPERATIONS } from '../openapi/signal-matching.api';
import { RegisterSignalDto } from './register-signal.dto';
import { SignalExpiry } from './signal-expiry';
import { SignalAnswer, Signals } from './signals';

const signalIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: [{ path: 'signalId', code: 'invalid-uuid', message: 'the signal id must be a UUID' }] }),
});

/** The organisation a partner token speaks for; other tokens cannot signal. */
function organisationOf(principal: Principal): string {
  if (!principal.partner) throw new ForbiddenException({ statusCode: 403, error: 'forbidden', message: 'signals are registered by an organisation: a partner token (role partner with a partner claim)' });
  return principal.partner;
}

/** Organisations signal that they are involved with a young person, and withdraw their signals (docs/adr/0038). */
@Roles('partner')
@ApiTags('signals')
@Controller('api/v1/signals')
export class SignalsController {
  constructor(
    private readonly signals: Signals,
    private readonly expiry: SignalExpiry,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiDescribed('registerSignal', SIGNAL_OPERATIONS.registerSignal, RegisterSignalDto)
  async register(@Body() dto: RegisterSignalDto, @CurrentUser() principal: Principal): Promise<SignalAnswer> {
    const answer = await this.signals.register(organisationOf(principal), dto, partnerActorOf(principal), new Date());
    this.expiry.wake();
    return answer;
  }

  @Post(':signalId/withdrawal')
  @HttpCode(HttpStatus.OK)
  @ApiDescribed('withdrawSignal', SIGNAL_OPERATIONS.withdrawSignal)
  withdraw(@Param('signalId', signalIdPipe) signalId: string, @CurrentUser() principal: Principal): Promise<{ signalId: string; withdrawnAt: string }> {
    return this.signals.withdraw(organisationOf(principal), signalId, partnerActorOf(principal), new Date());
  }
}
