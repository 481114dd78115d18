import { ApiProblem } from '@vt/runtime';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { CurrentUser, Principal, Roles } from '@vt/auth';
import { PartnerSafetyConditions, PartnerSafetyConditionsReader } from './partner-safety-conditions';

/**
 * For partners (role `partner`, the token's `partner` claim names the partner): the safety conditions of a
 * referral issued to them, which their topic no longer carries (ADR 0020). Every read is a recorded disclosure.
 */
@Roles('partner')
@ApiTags('partner')
@Controller('api/v1/partner/referrals')
export class PartnerSafetyConditionsController {
  constructor(private readonly reader: PartnerSafetyConditionsReader) {}

  @Get(':referralId/safety-conditions')
  @ApiOperation({ summary: 'For a partner (role `partner`, claim `partner`): the safety conditions of a referral addressed to it, decrypted; recorded as a disclosure. 410 once the household\'s data is erased.' })
  @ApiProblem(404, 'No referral with this id addressed to this partner.')
  @ApiProblem(410, "The household's data is erased: the conditions are gone.")
  safetyConditions(@Param('referralId', new ParseUUIDPipe()) referralId: string, @CurrentUser() principal: Principal): Promise<PartnerSafetyConditions> {
    return this.reader.read(referralId, principal);
  }
}
